import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsDefined,
  IsIn,
  IsString,
  IsUUID,
  Length,
  Validate,
  ValidateIf,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { ATTENDANCE_ANSWERS, ATTENDANCE_LINK_ANSWERS, AttendanceAnswer, AttendanceLinkAnswer } from '@liaison/domain';

/** A token is a base64url payload and signature: well under this. */
const MAX_TOKEN = 512;

@ValidatorConstraint({ name: 'onlyWhenDelegated' })
class OnlyWhenDelegated implements ValidatorConstraintInterface {
  validate(_value: unknown, args: ValidationArguments): boolean {
    return (args.object as AnswerAttendanceDto).status === 'delegated';
  }

  defaultMessage(): string {
    return 'delegateId goes with status "delegated" only';
  }
}

export class AnswerAttendanceDto {
  @ApiProperty({ enum: ATTENDANCE_ANSWERS, example: 'accepted' })
  @IsIn(ATTENDANCE_ANSWERS)
  status!: AttendanceAnswer;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'With `delegated` only, and then required: the colleague (same organisation, active) who takes the place',
  })
  @ValidateIf((dto: AnswerAttendanceDto) => dto.status === 'delegated' || dto.delegateId !== undefined)
  @IsDefined({ message: 'delegateId is required with status "delegated"' })
  @Validate(OnlyWhenDelegated)
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
