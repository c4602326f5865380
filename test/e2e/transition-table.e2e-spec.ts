import { inSeconds } from '../support/fixtures';
import { act, createExchange, exchangeBody, useStack } from '../support/exchanges';
import { answered } from '../support/typed-client';

type State = 'scheduled' | 'scheduled, UN confirmed' | 'confirmed' | 'cancelled';
type Action = 'confirm UN' | 'confirm NATO' | 'reschedule' | 'cancel';

/**
 * Every action in every state an exchange can be in before it is held (the held and closed rows are
 * walked in minutes.e2e-spec.ts, where exchanges get there): allowed ones answer 200,
 * the others 409 with a message that names the state.
 */
const ALREADY = 'EXCHANGE.ALREADY_CONFIRMED';
const NOT_OPEN = 'EXCHANGE.NOT_OPEN';
/** [status, code of the 409] */
type Cell = [200] | [409, string];
const TABLE: Record<State, Record<Action, Cell>> = {
  scheduled: { 'confirm UN': [200], 'confirm NATO': [200], reschedule: [200], cancel: [200] },
  'scheduled, UN confirmed': { 'confirm UN': [409, ALREADY], 'confirm NATO': [200], reschedule: [200], cancel: [200] },
  confirmed: { 'confirm UN': [409, ALREADY], 'confirm NATO': [409, ALREADY], reschedule: [200], cancel: [200] },
  cancelled: { 'confirm UN': [409, NOT_OPEN], 'confirm NATO': [409, NOT_OPEN], reschedule: [409, NOT_OPEN], cancel: [409, NOT_OPEN] },
};

describe('the transition table', () => {
  const world = useStack(0);
  const cells = Object.entries(TABLE).flatMap(([state, row]) =>
    Object.entries(row).map(([action, [status, code]]) => [state as State, action as Action, status, code ?? ''] as const),
  );

  it.each(cells)('%s, %s → %i %s', async (state, action, expected, code) => {
    const { unCoordinator: un, natoCoordinator: nato } = world.cast;
    const exchange = await createExchange(world.stack, un, exchangeBody(world.cast, { startsAt: inSeconds(86_400), participantIds: [] }));
    if (state !== 'scheduled' && state !== 'cancelled')
      await answered('confirm', 200, act(world.stack, un, exchange.id, 'confirm', { organization: world.cast.un }));
    if (state === 'confirmed')
      await answered('confirm', 200, act(world.stack, nato, exchange.id, 'confirm', { organization: world.cast.nato }));
    if (state === 'cancelled') await answered('cancel', 200, act(world.stack, un, exchange.id, 'cancel', { reason: 'set-up' }));
    const statusNow = state.startsWith('scheduled') ? 'scheduled' : state;

    const { response, error } =
      action === 'confirm UN'
        ? await act(world.stack, un, exchange.id, 'confirm', { organization: world.cast.un })
        : action === 'confirm NATO'
          ? await act(world.stack, nato, exchange.id, 'confirm', { organization: world.cast.nato })
          : action === 'reschedule'
            ? await act(world.stack, un, exchange.id, 'reschedule', { startsAt: inSeconds(2 * 86_400), reason: 'table' })
            : await act(world.stack, un, exchange.id, 'cancel', { reason: 'table' });

    expect(response.status).toBe(expected);
    if (expected === 409) {
      expect(error).toMatchObject({ statusCode: 409, error: 'Conflict', code });
      expect(error?.message).toMatch(new RegExp(`\\bthe exchange is ${statusNow}\\b`));
    }
  });
});
