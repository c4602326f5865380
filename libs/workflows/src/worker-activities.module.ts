import { Module } from '@nestjs/common';
import { AccessModule } from '@liaison/access';
import { ExchangeEventsModule } from '@liaison/exchanges';
import type {
  AttendanceCheckActivitiesContract,
  ExchangeActivitiesContract,
  FollowUpActivitiesContract,
  SeriesActivitiesContract,
  SupportRequestActivitiesContract,
} from '@liaison/domain';
import { AttendanceCheckActivities, ExchangeActivities } from '../../exchanges/src/worker';
import { FollowUpActivities, FollowUpEventsModule } from '../../follow-up/src/worker';
import { ReminderPlanningModule } from '@liaison/notifications';
import { SeriesActivities, SeriesActivitiesModule } from '../../series/src/worker';
import { SupportRequestActivities, SupportRequestEventsModule } from '../../support-requests/src/worker';
import type { INestApplicationContext } from '@nestjs/common';

/** The activities the workflow worker binds, as Nest providers. */
@Module({
  imports: [
    AccessModule,
    ReminderPlanningModule,
    SeriesActivitiesModule,
    ExchangeEventsModule,
    FollowUpEventsModule,
    SupportRequestEventsModule,
  ],
  providers: [ExchangeActivities, AttendanceCheckActivities, FollowUpActivities, SupportRequestActivities],
  exports: [ExchangeActivities, AttendanceCheckActivities, FollowUpActivities, SupportRequestActivities, SeriesActivitiesModule],
})
export class WorkerActivitiesModule {}

/** Every activity by name; a Record over each contract, so that none is forgotten. */
const EXCHANGE_ACTIVITIES: Record<keyof ExchangeActivitiesContract, true> = {
  planReminders: true,
  dispatchReminders: true,
  recordConfirmation: true,
  recordReschedule: true,
  recordCancellation: true,
  recordHeld: true,
  remindUnconfirmed: true,
};
const ATTENDANCE_CHECK_ACTIVITIES: Record<keyof AttendanceCheckActivitiesContract, true> = {
  remindUnattended: true,
};
const FOLLOW_UP_ACTIVITIES: Record<keyof FollowUpActivitiesContract, true> = {
  freezeAgenda: true,
  recordMinutesDraft: true,
  recordMinutesApproval: true,
  remindMinutes: true,
  planActionItems: true,
  remindActionItem: true,
};
const SUPPORT_REQUEST_ACTIVITIES: Record<keyof SupportRequestActivitiesContract, true> = {
  recordSupportStep: true,
  remindSupportDeadline: true,
};
const SERIES_ACTIVITIES: Record<keyof SeriesActivitiesContract, true> = {
  materialiseOccurrences: true,
  recordSeriesStatus: true,
  applySeriesAmendment: true,
  endSeriesOccurrences: true,
};

function bind<T extends object>(provider: T, names: Record<string, true>): Record<string, (...args: never[]) => unknown> {
  return Object.fromEntries(
    Object.keys(names).map((name) => [name, (provider[name as keyof T] as (...args: never[]) => unknown).bind(provider)]),
  );
}

/** The plain activities object the Temporal worker wants, taken from the Nest context. */
export function workerActivities(app: INestApplicationContext): Record<string, (...args: never[]) => unknown> {
  return {
    ...bind(app.get(ExchangeActivities), EXCHANGE_ACTIVITIES),
    ...bind(app.get(AttendanceCheckActivities), ATTENDANCE_CHECK_ACTIVITIES),
    ...bind(app.get(FollowUpActivities), FOLLOW_UP_ACTIVITIES),
    ...bind(app.get(SeriesActivities), SERIES_ACTIVITIES),
    ...bind(app.get(SupportRequestActivities), SUPPORT_REQUEST_ACTIVITIES),
  };
}
