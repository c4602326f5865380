import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INSTANT } from '@liaison/common';

/** The caller's feed address: in full only when its token is made; the token is not kept, so later reads cannot show it. */
export class CalendarAddressResponse {
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The feed address, token included, when this call made it; null when it was made earlier (it is shown once)',
  })
  url!: string | null;

  @ApiProperty({ ...INSTANT, description: 'When the current feed token was made' })
  createdAt!: string;

  @ApiPropertyOptional({ description: 'When `url` is null: how to get a new address' })
  message?: string;
}
