import { InitialSchema1795810941000 } from './1795810941000-InitialSchema';
import { RecurringSeries1795821600000 } from './1795821600000-RecurringSeries';
import { CalendarFeedVersion1795825200000 } from './1795825200000-CalendarFeedVersion';
import { ConfirmationDeadlines1795828800000 } from './1795828800000-ConfirmationDeadlines';
import { LifeOfAConsultation1795832400000 } from './1795832400000-LifeOfAConsultation';
import { SupportRequests1795836000000 } from './1795836000000-SupportRequests';
import { AccessAndTrust1795839600000 } from './1795839600000-AccessAndTrust';
import { PersonDeactivation1795843200000 } from './1795843200000-PersonDeactivation';
import { WebhookSecrets1795846800000 } from './1795846800000-WebhookSecrets';
import { CalendarFeedTokens1795850400000 } from './1795850400000-CalendarFeedTokens';
import { IdempotencyLeases1795857600000 } from './1795857600000-IdempotencyLeases';
import { WorkflowStartMarkers1795861200000 } from './1795861200000-WorkflowStartMarkers';
import { WebSessions1795864800000 } from './1795864800000-WebSessions';
import { Languages1795866600000 } from './1795866600000-Languages';
import { Attendance1795868400000 } from './1795868400000-Attendance';
import { MorningDigest1795872000000 } from './1795872000000-MorningDigest';
import { EventSubscriptions1795875600000 } from './1795875600000-EventSubscriptions';
import { EventOutboxNotify1795882000000 } from './1795882000000-EventOutboxNotify';

/** Every migration, in order. Listed here so that source (tests) and build (processes) agree. */
export const MIGRATIONS = [
  InitialSchema1795810941000,
  RecurringSeries1795821600000,
  CalendarFeedVersion1795825200000,
  ConfirmationDeadlines1795828800000,
  LifeOfAConsultation1795832400000,
  SupportRequests1795836000000,
  AccessAndTrust1795839600000,
  PersonDeactivation1795843200000,
  WebhookSecrets1795846800000,
  CalendarFeedTokens1795850400000,
  IdempotencyLeases1795857600000,
  WorkflowStartMarkers1795861200000,
  WebSessions1795864800000,
  Languages1795866600000,
  Attendance1795868400000,
  MorningDigest1795872000000,
  EventSubscriptions1795875600000,
  EventOutboxNotify1795882000000,
];
