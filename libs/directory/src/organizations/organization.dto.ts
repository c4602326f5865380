import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { IsTimeZone } from '@liaison/common';

export class CreateOrganizationDto {
  @ApiProperty({
    example: 'UN',
    description: 'Short code, upper case letters, digits and dashes',
  })
  @Matches(/^[A-Z][A-Z0-9-]{1,15}$/, {
    message: 'code must be 2-16 upper-case letters, digits or dashes',
  })
  code!: string;

  @ApiProperty({ example: 'United Nations Secretariat' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'America/New_York' })
  @IsTimeZone()
  timezone!: string;
}

export class OrganizationResponse {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() timezone!: string;
}
