import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsInstant, MAX_CODE, MAX_REASON } from '@liaison/common';

export class ConfirmExchangeDto {
  @ApiProperty({ example: 'NATO', description: 'The organisation confirming' })
  @IsString()
  @Length(1, MAX_CODE)
  organization!: string;
}

export class RescheduleExchangeDto {
  @ApiProperty({ example: '2027-03-10T10:00:00+01:00' })
  @IsInstant()
  startsAt!: string;

  @ApiProperty({ example: 'Clash with the Security Council' })
  @IsString()
  @Length(1, MAX_REASON)
  reason!: string;
}

export class CancelExchangeDto {
  @ApiProperty({ example: 'Postponed sine die' })
  @IsString()
  @Length(1, MAX_REASON)
  reason!: string;
}
