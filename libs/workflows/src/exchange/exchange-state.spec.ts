import {
  EXCHANGE_STATUSES,
  EXCHANGE_STEPS,
  EXCHANGE_TRANSITIONS,
  exchangeStepAllowed,
  ExchangeRejection,
  ExchangeStatus,
} from '@liaison/domain';
import { ExchangeState } from './exchange-state';
import { exchangeIn, input, NOW, rejectionOf, START } from './exchange-state.fixtures';

/** Takes `step` on an exchange in `status` (set up so that the step itself has nothing else to object to). */
function take(step: (typeof EXCHANGE_STEPS)[number], status: ExchangeStatus) {
  const held = status === 'held' || status === 'closed';
  const { exchange, published } = exchangeIn(status, held ? { minutesVersion: 1 } : {});
  const run = {
    confirm: () => {
      exchange.checkConfirm({ organization: 'UN' });
      exchange.setStatus(exchange.confirm({ organization: 'UN' }));
    },
    reschedule: () => {
      exchange.checkReschedule({ startsAt: START }, NOW);
      exchange.reschedule({ startsAt: START });
    },
    cancel: () => {
      exchange.checkCancel();
      exchange.cancel();
    },
    hold: () => exchange.hold(),
    draftMinutes: () => {
      exchange.checkDraftMinutes({});
      exchange.draftMinutes({});
    },
    approveMinutes: () => {
      exchange.checkApproveMinutes({ organization: 'UN', version: 1 });
      exchange.approveMinutes({ organization: 'UN', version: 1 });
    },
  }[step];
  return { exchange, published, run };
}
describe('the exchange transition table', () => {
  const rows = EXCHANGE_STEPS.flatMap((step) => EXCHANGE_STATUSES.map((status) => [step, status] as const));

  it.each(rows.filter(([step, status]) => step !== 'hold' && exchangeStepAllowed(step, status)))(
    '%s from %s is allowed and leads where the table says',
    (step, status) => {
      const { exchange, run } = take(step, status);
      run();
      expect(EXCHANGE_TRANSITIONS[step].to).toContain(exchange.status);
    },
  );

  it.each(rows.filter(([step, status]) => step !== 'hold' && !exchangeStepAllowed(step, status)))(
    '%s from %s is rejected, naming the state',
    (step, status) => {
      const { exchange, run } = take(step, status);
      const { message } = rejectionOf(run);
      expect(message).toContain(status === 'closed' ? 'the exchange is closed' : `the exchange is ${status}`);
      expect(exchange.status).toBe(status);
    },
  );

  it('the table: open statuses confirm, reschedule, cancel and are held; held ones take minutes', () => {
    expect(EXCHANGE_TRANSITIONS).toEqual({
      confirm: { from: ['scheduled', 'confirmed'], to: ['scheduled', 'confirmed'] },
      reschedule: { from: ['scheduled', 'confirmed'], to: ['scheduled', 'confirmed'] },
      cancel: { from: ['scheduled', 'confirmed'], to: ['cancelled'] },
      hold: { from: ['scheduled', 'confirmed'], to: ['held'] },
      draftMinutes: { from: ['held'], to: ['held'] },
      approveMinutes: { from: ['held'], to: ['held', 'closed'] },
    });
  });

  it('is open while scheduled or confirmed, and its life is over once closed or cancelled', () => {
    for (const status of EXCHANGE_STATUSES) {
      const { exchange } = exchangeIn(status);
      expect([status, exchange.isOpen, exchange.lifecycleOver]).toEqual([
        status,
        ['scheduled', 'confirmed'].includes(status),
        ['closed', 'cancelled'].includes(status),
      ]);
    }
  });

  it('hold: the end of an open exchange passing makes it held, and says so', () => {
    for (const status of EXCHANGE_TRANSITIONS.hold.from) {
      const { exchange, published } = exchangeIn(status);
      exchange.hold();
      expect(exchange.status).toBe('held');
      expect(published).toEqual(['held']);
    }
  });
});

describe('confirm', () => {
  it('stays scheduled until every organisation has confirmed, then is confirmed', () => {
    const { exchange } = exchangeIn('scheduled');
    expect(exchange.confirm({ organization: 'UN' })).toBe('scheduled');
    expect(exchange.state.confirmedBy).toEqual(['UN']);
    expect(exchange.everyoneConfirmed).toBe(false);
    expect(exchange.confirm({ organization: 'NATO' })).toBe('confirmed');
    expect(exchange.everyoneConfirmed).toBe(true);
    // The status is the workflow's to set, once the confirmation is written.
    expect(exchange.status).toBe('scheduled');
  });

  it('answers the status it has when the last confirmation comes after the exchange was held', () => {
    // The handler checks again only that the organisation has not confirmed; the status is left as it is.
    const { exchange } = exchangeIn('held', { confirmedBy: ['NATO'] });
    expect(exchange.confirm({ organization: 'UN' })).toBe('held');
    expect(exchange.everyoneConfirmed).toBe(true);
  });

  it('does not copy the input', () => {
    const given = input({ confirmedBy: ['UN'] });
    new ExchangeState(given).confirm({ organization: 'NATO' });
    expect(given.confirmedBy).toEqual(['UN']);
  });

  it.each([
    [
      'an organisation that does not take part',
      'scheduled',
      'EU',
      ExchangeRejection.NotParticipating,
      'EU does not take part in this exchange; the exchange is scheduled',
    ],
    ['a closed exchange as not open', 'cancelled', 'UN', ExchangeRejection.NotOpen, 'the exchange is cancelled'],
  ] as const)('rejects %s', (_case, status, organization, type, message) => {
    const { exchange } = exchangeIn(status);
    expect(rejectionOf(() => exchange.checkConfirm({ organization }))).toEqual({ type, message });
  });

  it('rejects a second confirmation, in the validator and in the handler', () => {
    const { exchange } = exchangeIn('scheduled', { confirmedBy: ['UN'] });
    const expected = { type: ExchangeRejection.AlreadyConfirmed, message: 'UN has already confirmed; the exchange is scheduled' };
    expect(rejectionOf(() => exchange.checkConfirm({ organization: 'UN' }))).toEqual(expected);
    expect(rejectionOf(() => exchange.confirm({ organization: 'UN' }))).toEqual(expected);
  });
});

describe('reschedule', () => {
  it('moves to a new revision, keeping the length unless given one', () => {
    const { exchange } = exchangeIn('confirmed');
    expect(exchange.reschedule({ startsAt: '2030-02-01T09:00:00.000Z' })).toEqual({ revision: 2, durationMinutes: 60 });
    expect(exchange.reschedule({ startsAt: '2030-02-02T09:00:00.000Z', durationMinutes: 90 })).toEqual({
      revision: 3,
      durationMinutes: 90,
    });
    expect(exchange.state).toMatchObject({ status: 'confirmed', startsAt: '2030-02-02T09:00:00.000Z', revision: 3, durationMinutes: 90 });
  });

  it('rejects a start that is no time, or not in the future', () => {
    const { exchange } = exchangeIn('scheduled');
    expect(rejectionOf(() => exchange.checkReschedule({ startsAt: 'soon' }, NOW))).toEqual({
      type: ExchangeRejection.BadStart,
      message: 'startsAt is not a time',
    });
    for (const startsAt of [new Date(NOW).toISOString(), new Date(NOW - 1).toISOString()]) {
      expect(rejectionOf(() => exchange.checkReschedule({ startsAt }, NOW))).toEqual({
        type: ExchangeRejection.BadStart,
        message: 'startsAt must be in the future',
      });
    }
    expect(() => exchange.checkReschedule({ startsAt: new Date(NOW + 1).toISOString() }, NOW)).not.toThrow();
  });

  it('rejects a held exchange as not open, before looking at the time', () => {
    const { exchange } = exchangeIn('held');
    expect(rejectionOf(() => exchange.checkReschedule({ startsAt: 'soon' }, NOW))).toEqual({
      type: ExchangeRejection.NotOpen,
      message: 'the exchange is held',
    });
    expect(rejectionOf(() => exchange.reschedule({ startsAt: START })).type).toBe(ExchangeRejection.NotOpen);
  });
});

describe('cancel', () => {
  it('cancels an open exchange and says so', () => {
    const { exchange, published } = exchangeIn('confirmed');
    exchange.cancel();
    expect(exchange.status).toBe('cancelled');
    expect(exchange.lifecycleOver).toBe(true);
    expect(published).toEqual(['cancelled']);
  });

  it('rejects a cancelled exchange as not open', () => {
    const { exchange, published } = exchangeIn('cancelled');
    expect(rejectionOf(() => exchange.checkCancel())).toEqual({ type: ExchangeRejection.NotOpen, message: 'the exchange is cancelled' });
    expect(rejectionOf(() => exchange.cancel())).toEqual({ type: ExchangeRejection.NotOpen, message: 'the exchange is cancelled' });
    expect(published).toEqual([]);
  });
});
