/**
 * One repository per aggregate: the only classes that hold SQL or query builders. Each takes an
 * optional UnitOfWork so that a service can put several of their calls in one transaction.
 */
import type { Type } from '@nestjs/common';
import { AuditRepository } from './audit.repository';
import { ExchangesRepository } from './exchanges.repository';
import { SeriesRepository } from './series.repository';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';
import { MonitoringRepository } from './monitoring.repository';
import { TokensRepository } from './tokens.repository';
import { WorkflowStartsRepository } from './workflow-starts.repository';
import { CalendarFeedsRepository } from './calendar-feeds.repository';
import { OrganizationsRepository } from './organizations.repository';
import { PeopleRepository } from './people.repository';
import { SupportRequestsRepository } from './support-requests.repository';
import { AgendaRepository } from './agenda.repository';
import { MinutesRepository } from './minutes.repository';
import { ActionItemsRepository } from './action-items.repository';
import { RemindersRepository } from './reminders.repository';
import { NotificationsRepository } from './notifications.repository';
import { RecipientsRepository } from './recipients.repository';
import { WebhookSecretsRepository } from './webhook-secrets.repository';
import { DatabaseRepository } from './database.repository';
import { SignInLinksRepository } from './sign-in-links.repository';
import { WebSessionsRepository } from './web-sessions.repository';
import { AttendanceRepository } from './attendance.repository';
import { DigestsRepository } from './digests.repository';
import { EventOutboxRepository } from './event-outbox.repository';
import { EventSubscriptionsRepository } from './event-subscriptions.repository';
import { EventDeliveriesRepository } from './event-deliveries.repository';
import { EventLanesRepository } from './event-lanes.repository';
import { EventRelayRepository } from './event-relay.repository';
import { FailingSubscriptionsRepository } from './failing-subscriptions.repository';

export * from './calendar-feeds.repository';
export * from './organizations.repository';
export * from './people.repository';
export * from './support-requests.repository';
export * from './agenda.repository';
export * from './minutes.repository';
export * from './action-items.repository';
export * from './audit.repository';
export * from './exchanges.repository';
export * from './series.repository';
export * from './idempotency-keys.repository';
export * from './monitoring.repository';
export * from './tokens.repository';
export * from './workflow-starts.repository';
export * from './reminders.repository';
export * from './notifications.repository';
export * from './recipients.repository';
export * from './webhook-secrets.repository';
export * from './database.repository';
export * from './sign-in-links.repository';
export * from './web-sessions.repository';
export * from './attendance.repository';
export * from './digests.repository';
export * from './event-outbox.repository';
export * from './event-subscriptions.repository';
export * from './event-deliveries.repository';
export * from './event-lanes.repository';
export * from './event-relay.repository';
export * from './failing-subscriptions.repository';

export const REPOSITORIES: Type[] = [
  AuditRepository,
  ExchangesRepository,
  SeriesRepository,
  IdempotencyKeysRepository,
  MonitoringRepository,
  TokensRepository,
  WorkflowStartsRepository,
  CalendarFeedsRepository,
  OrganizationsRepository,
  PeopleRepository,
  SupportRequestsRepository,
  AgendaRepository,
  MinutesRepository,
  ActionItemsRepository,
  RemindersRepository,
  NotificationsRepository,
  RecipientsRepository,
  WebhookSecretsRepository,
  DatabaseRepository,
  SignInLinksRepository,
  WebSessionsRepository,
  AttendanceRepository,
  DigestsRepository,
  EventOutboxRepository,
  EventSubscriptionsRepository,
  EventDeliveriesRepository,
  EventLanesRepository,
  EventRelayRepository,
  FailingSubscriptionsRepository,
];
