import { ApiProperty } from '@nestjs/swagger';
import { INSTANT, INSTANT_OR_NULL } from '@liaison/common';
import { EXCHANGE_ACTIONS, ExchangeAction } from './exchange-actions';
import {
  ATTENDANCE_STATUSES,
  AttendanceStatus,
  Channel,
  CHANNELS,
  EXCHANGE_STATUSES,
  ExchangeStatus,
  Marking,
  MARKINGS,
  PERSON_LEVELS,
  PersonLevel,
  REMINDER_KINDS,
  REMINDER_STATUSES,
  ReminderKind,
  ReminderStatus,
} from '@liaison/domain';

/** What an exchange and a series (a recurring consultation) both answer with. */
export class ConsultationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The id of its Temporal workflow' }) workflowId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: PERSON_LEVELS }) level!: PersonLevel;
  @ApiProperty({ type: [String], description: 'Cooperation-area codes' }) areas!: string[];
  @ApiProperty({ type: [String], description: 'Participating organisation codes' }) organizations!: string[];
}

/** Where one participating organisation stands on confirming the exchange. */
export class ConfirmationResponse {
  @ApiProperty({ description: 'Organisation code' }) organization!: string;
  @ApiProperty({ ...INSTANT_OR_NULL, description: 'When it confirmed; null until then' }) confirmedAt!: string | null;
  @ApiProperty({
    ...INSTANT_OR_NULL,
    description: 'When its coordinators were reminded that the confirmation deadline had passed; null if never',
  })
  remindedAt!: string | null;
  @ApiProperty({ ...INSTANT_OR_NULL, description: 'When its senior level was told, `escalateAfter` later; null if never' })
  escalatedAt!: string | null;
}

/** A participant of an exchange as its readers see them. */
export class ParticipantResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Code of their organisation' }) organization!: string;
  @ApiProperty({
    enum: ATTENDANCE_STATUSES,
    nullable: true,
    description:
      'Whether they attend (`needs-action` until they answer); null unless the caller coordinates for one of the organisations, is an admin, or is this participant',
  })
  attendance!: AttendanceStatus | null;
  @ApiProperty({ ...INSTANT_OR_NULL, description: 'When they last answered; null until then, or when `attendance` is hidden' })
  respondedAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The colleague they delegated to (`attendance: delegated`); null otherwise, or when hidden',
  })
  delegatedTo!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'For a participant by delegation: the colleague who handed them the place; null otherwise, or when hidden',
  })
  delegatedFrom!: string | null;
}

export class ExchangeResponse extends ConsultationResponse {
  @ApiProperty({ description: 'Organisation code of the host' }) hostOrganization!: string;
  @ApiProperty(INSTANT) startsAt!: string;
  @ApiProperty(INSTANT) endsAt!: string;
  @ApiProperty({ type: 'integer' }) durationMinutes!: number;
  @ApiProperty({ description: 'IANA time zone the times are written in' }) timezone!: string;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty({ enum: MARKINGS }) marking!: Marking;
  @ApiProperty({ type: [String], format: 'uuid' }) participantIds!: string[];
  @ApiProperty({
    type: () => ParticipantResponse,
    isArray: true,
    description: 'The participants by name and organisation, for everyone who may see the exchange (never their e-mail)',
  })
  participants!: ParticipantResponse[];
  @ApiProperty({ type: [String], format: 'duration', description: 'ISO 8601 durations before the start' }) reminderOffsets!: string[];
  @ApiProperty({ enum: EXCHANGE_STATUSES }) status!: ExchangeStatus;
  @ApiProperty({ type: () => ConfirmationResponse, isArray: true, description: 'One per participating organisation' })
  confirmations!: ConfirmationResponse[];
  @ApiProperty({ type: String, format: 'duration', description: 'Every organisation must have confirmed this long before the start' })
  confirmationDeadline!: string;
  @ApiProperty({ type: String, format: 'duration', description: 'After a missed deadline, this long until the senior level is told' })
  escalateAfter!: string;
  @ApiProperty({ type: String, format: 'duration', description: 'The agenda freezes this long before the start' })
  agendaFreeze!: string;
  @ApiProperty({ type: String, format: 'duration', description: "The host's minutes draft is due this long after the end" })
  minutesDue!: string;
  @ApiProperty({ type: String, format: 'duration', description: 'An action item’s owner is reminded this long before it is due' })
  actionItemNotice!: string;
  @ApiProperty({
    type: String,
    format: 'duration',
    description: 'This long after an action item is overdue, its owner’s senior level is told',
  })
  actionItemGrace!: string;
  @ApiProperty({
    type: String,
    format: 'duration',
    description:
      'A senior-level exchange: this long before the start, the coordinators of each organisation with no accepted senior-level participant are reminded',
  })
  attendanceCheck!: string;
  @ApiProperty({ ...INSTANT_OR_NULL, description: 'When the agenda froze; null while it is open' })
  agendaFrozenAt!: string | null;
  @ApiProperty({ ...INSTANT_OR_NULL, description: 'When every organisation had approved the minutes; null until then' })
  minutesLockedAt!: string | null;
  @ApiProperty({ type: 'integer', description: 'Bumped by every reschedule' }) scheduleRevision!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The series it is an occurrence of; null for a one-off' })
  seriesId!: string | null;
  @ApiProperty({ ...INSTANT_OR_NULL, description: "A series occurrence's slot: its start under the rule that made it; null for a one-off" })
  slotStart!: string | null;
  @ApiProperty({ description: 'Rescheduled or cancelled on its own: series amendments leave it alone' }) detached!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was cancelled; null unless cancelled' }) cancelReason!: string | null;
  @ApiProperty(INSTANT) createdAt!: string;
  @ApiProperty(INSTANT) updatedAt!: string;
  @ApiProperty({
    enum: EXCHANGE_ACTIONS,
    isArray: true,
    description: "What the caller may do now, by the API's rules and the exchange's state (the API still decides each request)",
  })
  actions!: ExchangeAction[];
  @ApiProperty({
    type: [String],
    description: 'The organisations of the exchange the caller acts for (coordinates; all of them for an admin)',
  })
  actingFor!: string[];
  @ApiProperty({ type: [String], description: 'Those of them that have not confirmed yet, while the exchange can be confirmed' })
  confirmableFor!: string[];
}

/** One delivery of a reminder to one person on one channel. */
export class ReminderResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Unique; also the id of its queue job' }) key!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: Channel;
  @ApiProperty({ description: 'The ISO 8601 duration before the start it was planned at, or the follow-up stage it belongs to' })
  offset!: string;
  @ApiProperty({ enum: REMINDER_KINDS }) kind!: ReminderKind;
  @ApiProperty(INSTANT) dueAt!: string;
  @ApiProperty({ enum: REMINDER_STATUSES }) status!: ReminderStatus;
  @ApiProperty({ type: 'integer' }) attempts!: number;
  @ApiProperty({ ...INSTANT_OR_NULL, description: 'When it went out; null until then' }) sentAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The last delivery error; null when there was none, or it is another organisation's person's",
  })
  lastError!: string | null;
  @ApiProperty({ type: 'integer', description: "The exchange's schedule revision (an action item's, a deadline's) it was planned for" })
  revision!: number;
}
