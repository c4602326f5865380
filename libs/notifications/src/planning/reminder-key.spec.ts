import { reminderKey } from './reminder-key';

describe('reminderKey', () => {
  const slot = {
    exchangeId: '0b8a3c1e-0000-4000-8000-000000000001',
    revision: 2,
    offset: 'PT20S',
    personId: '0b8a3c1e-0000-4000-8000-000000000002',
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
