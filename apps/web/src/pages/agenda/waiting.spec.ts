import { actionLabel, groupWaiting, isOverdue, waitingHref, type WaitingItem } from './waiting';

const item = (overrides: Partial<WaitingItem>): WaitingItem => ({
  kind: 'confirmation',
  title: 'Staff talks',
  exchangeId: 'e1',
  supportRequestId: null,
  organization: 'NATO',
  action: 'confirm',
  dueAt: '2026-12-08T15:00:00+01:00',
  ...overrides,
});

describe('what is waiting for me', () => {
  it('groups the items by kind in a fixed order, keeping their order, leaving out empty kinds', () => {
    const items = [
      item({ kind: 'support-request', exchangeId: null, supportRequestId: 's1', action: 'decide' }),
      item({ title: 'First' }),
      item({ kind: 'minutes', action: 'approve', dueAt: null }),
      item({ title: 'Second' }),
    ];
    expect(groupWaiting(items).map((g) => [g.kind, g.items.map((i) => i.title)])).toEqual([
      ['confirmation', ['First', 'Second']],
      ['minutes', ['Staff talks']],
      ['support-request', ['Staff talks']],
    ]);
  });

  it('links to the support request, else the exchange', () => {
    expect(waitingHref(item({}))).toBe('/exchanges/e1');
    expect(waitingHref(item({ exchangeId: null, supportRequestId: 's1' }))).toBe('/support-requests/s1');
  });

  it('says what to do, and for which organisation', () => {
    expect(actionLabel(item({}))).toBe('Confirm for NATO');
    expect(actionLabel(item({ kind: 'support-request', action: 'provide-information', organization: 'UN' }))).toBe(
      'Provide information for UN',
    );
    expect(actionLabel(item({ kind: 'action-item', action: 'update', organization: null }))).toBe('Update its status');
  });

  it('is overdue once its due time has passed, never without one', () => {
    const due = Date.parse('2026-12-08T14:00:00Z');
    expect(isOverdue(item({}), due - 1)).toBe(false);
    expect(isOverdue(item({}), due + 1)).toBe(true);
    expect(isOverdue(item({ dueAt: null }), due + 1)).toBe(false);
  });
});
