import { ApiProperty } from '@nestjs/swagger';

/** An entry of a catalogue: a cooperation area, or an A4P commitment area. */
export class AreaResponse {
  @ApiProperty({ description: 'The code other resources name it by' }) code!: string;
  @ApiProperty() name!: string;
}
