import { DELIVERABLE_REMINDER_STATUSES, PENDING_REMINDER_STATUSES, REMINDER_STATUSES, SETTLED_REMINDER_STATUSES } from './reminder';

describe('reminder statuses', () => {
  it('settled: sent, cancelled or skipped; a failed reminder is not, an admin may retry it', () => {
    expect([...SETTLED_REMINDER_STATUSES].sort()).toEqual(['cancelled', 'sent', 'skipped']);
  });

  it('a delivery may write its outcome from every status but the settled ones', () => {
    expect([...DELIVERABLE_REMINDER_STATUSES].sort()).toEqual(['failed', 'queued', 'scheduled']);
    for (const status of REMINDER_STATUSES) {
      expect([status, DELIVERABLE_REMINDER_STATUSES.includes(status)]).toEqual([status, !SETTLED_REMINDER_STATUSES.includes(status)]);
    }
  });

  it('pending: not yet handed to a channel, so still to dispatch or cancel', () => {
    expect([...PENDING_REMINDER_STATUSES].sort()).toEqual(['queued', 'scheduled']);
    expect(PENDING_REMINDER_STATUSES.every((status) => DELIVERABLE_REMINDER_STATUSES.includes(status))).toBe(true);
  });
});
