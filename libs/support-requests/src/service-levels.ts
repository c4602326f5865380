import type { SupportServiceLevels } from '@liaison/config';
import { millisOf } from '@liaison/domain';
import type { OrganizationEntity } from '@liaison/persistence';
import type { SupportPriority } from '@liaison/domain';
import { addWorkingTime, WorkingCalendar } from './working-time';

/** The providing organisation's working calendar: its zone, its weekend, its holidays. */
export function calendarOf(organization: Pick<OrganizationEntity, 'timezone' | 'weekendDays' | 'holidays'>): WorkingCalendar {
  return { zone: organization.timezone, weekend: organization.weekendDays, holidays: organization.holidays };
}

/** When a request submitted at `from` must be acknowledged. */
export function acknowledgeDue(levels: SupportServiceLevels, priority: SupportPriority, from: Date, calendar: WorkingCalendar): Date {
  return addWorkingTime(from, levels.acknowledgeWithin[priority], calendar);
}

/** When a request acknowledged at `from` must be decided (before any pause for information). */
export function decisionDue(levels: SupportServiceLevels, priority: SupportPriority, from: Date, calendar: WorkingCalendar): Date {
  return addWorkingTime(from, levels.decideWithin[priority], calendar);
}

/** The plain-time settings the workflow needs for a request of this priority. */
export function workflowTimings(levels: SupportServiceLevels, priority: SupportPriority) {
  return {
    remindBeforeMs: millisOf(levels.remindBefore[priority]),
    escalateAfterMs: millisOf(levels.escalateAfter[priority]),
    autoCloseAfterMs: millisOf(levels.autoCloseAfter),
  };
}
