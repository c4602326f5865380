import { actionItemReminderKey, reminderKey, supportReminderKey } from './reminder-key';

const PERSON = '0b8a3c1e-0000-4000-8000-000000000002';

describe('reminderKey', () => {
  const slot = {
    exchangeId: '0b8a3c1e-0000-4000-8000-000000000001',
    revision: 2,
    offset: 'PT20S',
    personId: PERSON,
    channel: 'email' as const,
  };

  it('names exchange, revision, offset, person and channel, without colons', () => {
    const key = reminderKey(slot);
    expect(key).toBe('ex.0b8a3c1e-0000-4000-8000-000000000001.r2.PT20S.0b8a3c1e-0000-4000-8000-000000000002.email');
    expect(key).not.toContain(':');
  });

  it('differs when any part differs', () => {
    const keys = new Set([
      reminderKey(slot),
      reminderKey({ ...slot, revision: 3 }),
      reminderKey({ ...slot, offset: 'PT10S' }),
      reminderKey({ ...slot, channel: 'inapp' }),
      reminderKey({ ...slot, personId: slot.exchangeId }),
    ]);
    expect(keys.size).toBe(5);
  });
});

describe('actionItemReminderKey', () => {
  const slot = { actionItemId: 'a1', revision: 3, stage: 'action-due', personId: PERSON, channel: 'webhook' as const };

  it('names action item, revision, stage, person and channel, without colons', () => {
    const key = actionItemReminderKey(slot);
    expect(key).toBe('ai.a1.r3.action-due.0b8a3c1e-0000-4000-8000-000000000002.webhook');
    expect(key).toMatch(/^[A-Za-z0-9.-]+$/);
  });

  it('differs when any part differs, and from an exchange reminder of the same parts', () => {
    const keys = new Set([
      actionItemReminderKey(slot),
      actionItemReminderKey({ ...slot, actionItemId: 'a2' }),
      actionItemReminderKey({ ...slot, revision: 4 }),
      actionItemReminderKey({ ...slot, stage: 'action-overdue' }),
      actionItemReminderKey({ ...slot, personId: 'p2' }),
      actionItemReminderKey({ ...slot, channel: 'inapp' }),
      reminderKey({ exchangeId: 'a1', revision: 3, offset: 'action-due', personId: PERSON, channel: 'webhook' }),
    ]);
    expect(keys.size).toBe(7);
  });
});

describe('supportReminderKey', () => {
  const slot = {
    supportRequestId: 's1',
    deadline: 'decision',
    revision: 2,
    stage: 'support-breach',
    personId: PERSON,
    channel: 'inapp' as const,
  };

  it('names request, deadline, revision, stage, person and channel, without colons', () => {
    const key = supportReminderKey(slot);
    expect(key).toBe('sr.s1.decision.r2.support-breach.0b8a3c1e-0000-4000-8000-000000000002.inapp');
    expect(key).toMatch(/^[A-Za-z0-9.-]+$/);
  });

  it('differs when any part differs', () => {
    const keys = new Set([
      supportReminderKey(slot),
      supportReminderKey({ ...slot, supportRequestId: 's2' }),
      supportReminderKey({ ...slot, deadline: 'acknowledge' }),
      supportReminderKey({ ...slot, revision: 3 }),
      supportReminderKey({ ...slot, stage: 'support-escalation' }),
      supportReminderKey({ ...slot, personId: 'p2' }),
      supportReminderKey({ ...slot, channel: 'email' }),
    ]);
    expect(keys.size).toBe(7);
  });
});
