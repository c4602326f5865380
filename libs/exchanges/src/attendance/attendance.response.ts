import { ApiProperty } from '@nestjs/swagger';
import { INSTANT, INSTANT_OR_NULL } from '@liaison/common';
import { ATTENDANCE_STATUSES, AttendanceStatus, EXCHANGE_STATUSES, ExchangeStatus, MARKINGS, Marking } from '@liaison/domain';

/** What an attendance link is for, as the `/attend` page shows it before anyone clicks. */
export class AttendanceLinkResponse {
  @ApiProperty({ format: 'uuid' }) exchangeId!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The exchange’s title; null for a RESTRICTED exchange, which shows its times only',
  })
  title!: string | null;
  @ApiProperty({ enum: MARKINGS }) marking!: Marking;
  @ApiProperty(INSTANT) startsAt!: string;
  @ApiProperty(INSTANT) endsAt!: string;
  @ApiProperty({ description: 'IANA time zone the times are written in' }) timezone!: string;
  @ApiProperty({ enum: EXCHANGE_STATUSES }) status!: ExchangeStatus;
  @ApiProperty({ description: 'The name of the person the link answers for' }) personName!: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES, description: 'Their answer now' }) attendance!: AttendanceStatus;
  @ApiProperty({ ...INSTANT_OR_NULL, description: 'When they last answered; null until then' }) respondedAt!: string | null;
}

/** A colleague a participant may hand their place to. */
export class DelegateResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}
