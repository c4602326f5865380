import { A4pAreaEntity } from './a4p-area.entity';
import { AccessTokenEntity } from './access-token.entity';
import { ActionItemEntity } from './action-item.entity';
import { AgendaItemEntity } from './agenda-item.entity';
import { AuditEventEntity } from './audit-event.entity';
import { CalendarFeedEntity } from './calendar-feed.entity';
import { CooperationAreaEntity } from './cooperation-area.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { ExchangeOrganizationEntity } from './exchange-organization.entity';
import { ExchangeParticipantEntity } from './exchange-participant.entity';
import { ExchangeEntity } from './exchange.entity';
import { MinutesApprovalEntity, MinutesVersionEntity } from './minutes.entity';
import { NotificationEntity } from './notification.entity';
import { OrganizationEntity } from './organization.entity';
import { PersonEntity } from './person.entity';
import { ReminderEntity } from './reminder.entity';
import { SeriesEntity } from './series.entity';
import { SupportRequestDeadlineEntity } from './support-request-deadline.entity';
import { SupportRequestEventEntity } from './support-request-event.entity';
import { SupportRequestEntity } from './support-request.entity';
import { WebhookSecretEntity } from './webhook-secret.entity';
import { SignInLinkEntity } from './sign-in-link.entity';
import { WebSessionEntity } from './web-session.entity';
import { EventDeliveryEntity, EventOutboxEntity } from './event-outbox.entity';
import { EventSubscriptionEntity, EventSubscriptionSecretEntity } from './event-subscription.entity';

export * from './a4p-area.entity';
export * from './access-token.entity';
export * from './action-item.entity';
export * from './agenda-item.entity';
export * from './audit-event.entity';
export * from './calendar-feed.entity';
export * from './cooperation-area.entity';
export * from './exchange-organization.entity';
export * from './exchange-participant.entity';
export * from './exchange.entity';
export * from './event-outbox.entity';
export * from './event-subscription.entity';
export * from './follow-up-times';
export * from './idempotency-key.entity';
export * from './minutes.entity';
export * from './notification.entity';
export * from './organization.entity';
export * from './person.entity';
export * from './reminder.entity';
export * from './series.entity';
export * from './support-request-deadline.entity';
export * from './support-request-event.entity';
export * from './support-request.entity';
export * from './webhook-secret.entity';
export * from './sign-in-link.entity';
export * from './web-session.entity';

export const ENTITIES = [
  OrganizationEntity,
  CooperationAreaEntity,
  PersonEntity,
  AccessTokenEntity,
  CalendarFeedEntity,
  ExchangeEntity,
  ExchangeOrganizationEntity,
  ExchangeParticipantEntity,
  ReminderEntity,
  NotificationEntity,
  SeriesEntity,
  AgendaItemEntity,
  MinutesVersionEntity,
  MinutesApprovalEntity,
  ActionItemEntity,
  A4pAreaEntity,
  SupportRequestEntity,
  SupportRequestDeadlineEntity,
  SupportRequestEventEntity,
  AuditEventEntity,
  IdempotencyKeyEntity,
  WebhookSecretEntity,
  SignInLinkEntity,
  WebSessionEntity,
  EventSubscriptionEntity,
  EventSubscriptionSecretEntity,
  EventOutboxEntity,
  EventDeliveryEntity,
];
