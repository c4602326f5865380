import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
  ValidationArguments,
} from 'class-validator';
import {
  EVENT_DELIVERY_STATUSES,
  EVENT_SUBSCRIPTION_STATUSES,
  EVENT_TYPES,
  EventDeliveryStatus,
  EventSubscriptionStatus,
  EventType,
} from '@liaison/domain';
import { ArrayDistinct, INSTANT, INSTANT_OR_NULL, IsHttpUrl, MAX_SHORT_TEXT, MAX_URL } from '@liaison/common';

/** The 400 for `events`: names each value that is not an event type. */
function unknownEvents(args: ValidationArguments): string {
  const values = Array.isArray(args.value) ? (args.value as unknown[]) : [args.value];
  const unknown = values.filter((v) => !(EVENT_TYPES as readonly unknown[]).includes(v)).map((v) => JSON.stringify(v));
  return `events: unknown event type ${unknown.join(', ')} (one of ${EVENT_TYPES.join(', ')})`;
}

const URL_DOC = {
  example: 'https://hooks.example.org/liaison',
  description: 'Where the events are POSTed: https, to a public address (unless WEBHOOK_ALLOW_PRIVATE_NETWORKS)',
};
const EVENTS_DOC = { enum: EVENT_TYPES, isArray: true, minItems: 1, description: 'The event types sent to it, at least one' };
const DESCRIPTION_DOC = {
  type: String,
  maxLength: MAX_SHORT_TEXT,
  description: 'What the receiving system is, for people',
};

export class CreateEventSubscriptionDto {
  @ApiProperty(URL_DOC)
  @IsHttpUrl()
  @MaxLength(MAX_URL)
  url!: string;

  @ApiProperty(EVENTS_DOC)
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(EVENT_TYPES.length)
  @ArrayDistinct()
  @IsIn(EVENT_TYPES, { each: true, message: unknownEvents })
  events!: EventType[];

  @ApiPropertyOptional(DESCRIPTION_DOC)
  @IsOptional()
  @IsString()
  @MaxLength(MAX_SHORT_TEXT)
  description?: string;
}

/** A change: any of the fields; `status: active` re-enables a disabled subscription. */
export class UpdateEventSubscriptionDto {
  @ApiPropertyOptional(URL_DOC)
  @ValidateIf((_, v) => v !== undefined)
  @IsHttpUrl()
  @MaxLength(MAX_URL)
  url?: string;

  @ApiPropertyOptional(EVENTS_DOC)
  @ValidateIf((_, v) => v !== undefined)
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(EVENT_TYPES.length)
  @ArrayDistinct()
  @IsIn(EVENT_TYPES, { each: true, message: unknownEvents })
  events?: EventType[];

  @ApiPropertyOptional({ ...DESCRIPTION_DOC, description: 'What the receiving system is; an empty string removes it' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_SHORT_TEXT)
  description?: string;

  @ApiPropertyOptional({
    enum: EVENT_SUBSCRIPTION_STATUSES,
    description: '`disabled` stops deliveries; `active` re-enables (its pending deliveries are sent again)',
  })
  @ValidateIf((_, v) => v !== undefined)
  @IsIn(EVENT_SUBSCRIPTION_STATUSES)
  status?: EventSubscriptionStatus;
}

export class EventSubscriptionResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'The code of the organisation it belongs to' }) organization!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ enum: EVENT_TYPES, isArray: true }) events!: EventType[];
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ enum: EVENT_SUBSCRIPTION_STATUSES }) status!: EventSubscriptionStatus;
  @ApiProperty({ ...INSTANT_OR_NULL, description: 'Since when every delivery attempt has failed; null when the last one succeeded' })
  failingSince!: string | null;
  @ApiProperty(INSTANT_OR_NULL) disabledAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was disabled (by its owners, or after failing for too long)' })
  disabledReason!: string | null;
  @ApiProperty(INSTANT) createdAt!: string;
  @ApiProperty(INSTANT) updatedAt!: string;
}

/** A new subscription and, this once, its signing secret. */
export class EventSubscriptionCreatedResponse extends EventSubscriptionResponse {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'The Standard Webhooks signing secret; shown once' })
  secret!: string;
}

export class EventSubscriptionSecretResponse {
  @ApiProperty({ description: 'The new signing secret; shown once' }) secret!: string;
  @ApiProperty({
    ...INSTANT,
    description: 'Until when the previous secret still signs beside it (WEBHOOK_SECRET_GRACE after the rotation)',
  })
  previousValidUntil!: string;
}

/** One event's delivery to the subscription, and its attempts. */
export class EventDeliveryResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'The event; its `webhook-id`' }) eventId!: string;
  @ApiProperty({ description: 'The event type (`ping` for a ping)' }) type!: string;
  @ApiProperty({ enum: EVENT_DELIVERY_STATUSES }) status!: EventDeliveryStatus;
  @ApiProperty({ type: 'integer' }) attempts!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: "The receiver's HTTP status at the last attempt; null: no answer" })
  lastStatus!: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'How long the last attempt took' }) durationMs!: number | null;
  @ApiProperty({ ...INSTANT, description: 'When the next attempt is due (while pending)' }) nextAttemptAt!: string;
  @ApiProperty(INSTANT_OR_NULL) lastAttemptAt!: string | null;
  @ApiProperty(INSTANT_OR_NULL) deliveredAt!: string | null;
  @ApiProperty(INSTANT) createdAt!: string;
}

export class RedeliveryResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['pending'] }) status!: 'pending';
}

export class PingResponse {
  @ApiProperty({ description: 'The ping event; its delivery appears in the deliveries log' }) eventId!: string;
}
