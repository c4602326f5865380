import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ATTENDANCE_ANSWERS, ATTENDANCE_LINK_ANSWERS, AttendanceAnswer, AttendanceLinkAnswer } from '@liaison/domain';

/** A token is a base64url payload and signature: well under this. */
const MAX_TOKEN = 512;

export class AnswerAttendanceDto {
  @ApiProperty({ enum: ATTENDANCE_ANSWERS, example: 'accepted' })
  @IsIn(ATTENDANCE_ANSWERS)
  status!: AttendanceAnswer;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'With `delegated` only, and then required (else 422 `ATTENDANCE.DELEGATE_REQUIRED` / `ATTENDANCE.DELEGATE_UNEXPECTED`): the colleague (same organisation, active) who takes the place',
  })
  @IsOptional()
  @IsUUID()
  delegateId?: string;
}

export class AttendanceLinkQuery {
  @ApiProperty({ description: 'The token of the link in the invitation e-mail' })
  @IsString()
  @Length(1, MAX_TOKEN)
  token!: string;
}

export class AnswerAttendanceLinkDto extends AttendanceLinkQuery {
  @ApiProperty({ enum: ATTENDANCE_LINK_ANSWERS, example: 'accepted' })
  @IsIn(ATTENDANCE_LINK_ANSWERS)
  answer!: AttendanceLinkAnswer;
}
