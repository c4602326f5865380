import { ExchangeRejection } from '@liaison/domain';
import { exchangeIn, HOUR, rejectionOf, START } from './exchange-state.fixtures';

describe('minutes', () => {
  it('drafts numbered versions, from a given base when it is the current one', () => {
    const { exchange } = exchangeIn('held');
    expect(exchange.minutesDrafted).toBe(false);
    expect(exchange.draftMinutes({})).toBe(1);
    expect(exchange.draftMinutes({ baseVersion: 1 })).toBe(2);
    expect(exchange.minutesDrafted).toBe(true);
    expect(exchange.state.minutesVersion).toBe(2);
  });

  it('resumes at the version it is given', () => {
    expect(exchangeIn('held', { minutesVersion: 3 }).exchange.draftMinutes({})).toBe(4);
  });

  it('rejects a stale base version', () => {
    const { exchange } = exchangeIn('held', { minutesVersion: 2 });
    expect(rejectionOf(() => exchange.checkDraftMinutes({ baseVersion: 1 }))).toEqual({
      type: ExchangeRejection.StaleMinutes,
      message: 'baseVersion 1 is not the current version 2 of the minutes; the exchange is held',
    });
  });

  it('rejects minutes of an exchange not held yet, and locks them once closed', () => {
    expect(rejectionOf(() => exchangeIn('confirmed').exchange.checkDraftMinutes({}))).toEqual({
      type: ExchangeRejection.NotHeld,
      message: 'minutes are for an exchange that has been held; the exchange is confirmed',
    });
    expect(rejectionOf(() => exchangeIn('closed').exchange.draftMinutes({}))).toEqual({
      type: ExchangeRejection.MinutesLocked,
      message: 'the minutes are locked; the exchange is closed',
    });
    expect(rejectionOf(() => exchangeIn('closed').exchange.checkApproveMinutes({ organization: 'UN', version: 1 })).type).toBe(
      ExchangeRejection.MinutesLocked,
    );
  });

  it('closes once every organisation has approved the current version', () => {
    const { exchange, published } = exchangeIn('held', { minutesVersion: 1 });
    expect(exchange.approveMinutes({ organization: 'UN', version: 1 })).toBe(false);
    expect(exchange.status).toBe('held');
    exchange.draftMinutes({});
    expect(exchange.approveMinutes({ organization: 'NATO', version: 2 })).toBe(false);
    expect(exchange.approveMinutes({ organization: 'UN', version: 2 })).toBe(true);
    expect(exchange.status).toBe('closed');
    expect(published).toEqual(['closed']);
    expect(exchange.state.approvals).toEqual({ UN: 2, NATO: 2 });
  });

  it('rejects an approval by an organisation not taking part, before any draft, of another version, or twice', () => {
    const none = exchangeIn('held').exchange;
    expect(rejectionOf(() => none.checkApproveMinutes({ organization: 'EU', version: 1 }))).toEqual({
      type: ExchangeRejection.NotParticipating,
      message: 'EU does not take part in this exchange; the exchange is held',
    });
    expect(rejectionOf(() => none.checkApproveMinutes({ organization: 'UN', version: 1 }))).toEqual({
      type: ExchangeRejection.MinutesNotDrafted,
      message: 'no minutes have been drafted yet',
    });
    const { exchange } = exchangeIn('held', { minutesVersion: 2 });
    expect(rejectionOf(() => exchange.checkApproveMinutes({ organization: 'UN', version: 1 }))).toEqual({
      type: ExchangeRejection.StaleMinutes,
      message: 'version 1 is not the current version 2 of the minutes; the exchange is held',
    });
    exchange.approveMinutes({ organization: 'UN', version: 2 });
    expect(rejectionOf(() => exchange.approveMinutes({ organization: 'UN', version: 2 }))).toEqual({
      type: ExchangeRejection.AlreadyApproved,
      message: 'UN has already approved version 2',
    });
  });
});

describe('action items', () => {
  it('counts the signals, so that a plan can tell it is out of date', () => {
    const { exchange } = exchangeIn('scheduled');
    const mark = exchange.actionItemsMark;
    exchange.noteActionItemsChanged();
    expect(exchange.actionItemsMark).not.toBe(mark);
  });
});

describe('deadlines', () => {
  const start = Date.parse(START);

  it('the end, the agenda freeze and the hand-over of a reminder slot', () => {
    const { exchange } = exchangeIn('scheduled', { agendaFreezeMs: 2 * HOUR, queueAheadMs: 60_000 });
    expect(exchange.endsAt).toBe(start + HOUR);
    expect(exchange.agendaFreezeAt).toBe(start - 2 * HOUR);
    const slot = { offset: 'P1D', channel: 'email', dueAt: '2030-01-09T09:00:00.000Z', keys: ['k'] };
    expect(exchange.handOverAt(slot)).toBe(Date.parse(slot.dueAt) - 60_000);
    const bare = exchangeIn('scheduled').exchange;
    expect(bare.agendaFreezeAt).toBeNull();
    expect(bare.handOverAt(slot)).toBe(Date.parse(slot.dueAt));
  });

  it('the confirmation deadline and its escalation follow the start; none without a lead', () => {
    const { exchange } = exchangeIn('scheduled');
    expect(exchange.confirmationStages()).toEqual([
      { stage: 'confirmation', at: start - 48 * HOUR },
      { stage: 'escalation', at: start - 24 * HOUR },
    ]);
    exchange.reschedule({ startsAt: '2030-01-11T09:00:00.000Z' });
    expect(exchange.confirmationStages()[0].at).toBe(start + 24 * HOUR - 48 * HOUR);
    expect(exchangeIn('scheduled', { confirmationLeadMs: 0 }).exchange.confirmationStages()).toEqual([]);
  });

  it('the minutes are due after the end, escalated later; none without a due time', () => {
    const { exchange } = exchangeIn('held', { minutesDueMs: 24 * HOUR, durationMinutes: 90 });
    const end = start + 90 * 60_000;
    expect(exchange.minutesStages()).toEqual([
      { stage: 'minutes', at: end + 24 * HOUR },
      { stage: 'minutes-escalation', at: end + 48 * HOUR },
    ]);
    expect(exchangeIn('held').exchange.minutesStages()).toEqual([]);
  });

  it('minutes no longer awaited once drafted, or once the exchange is not held', () => {
    expect(exchangeIn('held').exchange.minutesDrafted).toBe(false);
    expect(exchangeIn('held', { minutesVersion: 1 }).exchange.minutesDrafted).toBe(true);
    expect(exchangeIn('closed').exchange.minutesDrafted).toBe(true);
  });
});
