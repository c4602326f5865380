import { inSeconds } from '../support/fixtures';
import { act, createExchange, exchangeBody, useStack } from '../support/exchanges';

type State = 'scheduled' | 'scheduled, UN confirmed' | 'confirmed' | 'cancelled';
type Action = 'confirm UN' | 'confirm NATO' | 'reschedule' | 'cancel';

/**
 * Every action in every state an exchange can be in before it is held (the held and closed rows are
 * walked in minutes.e2e-spec.ts, where exchanges get there): allowed ones answer 200,
 * the others 409 with a message that names the state.
 */
const TABLE: Record<State, Record<Action, number>> = {
  scheduled: { 'confirm UN': 200, 'confirm NATO': 200, reschedule: 200, cancel: 200 },
  'scheduled, UN confirmed': { 'confirm UN': 409, 'confirm NATO': 200, reschedule: 200, cancel: 200 },
  confirmed: { 'confirm UN': 409, 'confirm NATO': 409, reschedule: 200, cancel: 200 },
  cancelled: { 'confirm UN': 409, 'confirm NATO': 409, reschedule: 409, cancel: 409 },
};

describe('the transition table', () => {
  const world = useStack(0);
  const cells = Object.entries(TABLE).flatMap(([state, row]) =>
    Object.entries(row).map(([action, status]) => [state as State, action as Action, status] as const),
  );

  it.each(cells)('%s, %s → %i', async (state, action, expected) => {
    const { unCoordinator: un, natoCoordinator: nato } = world.cast;
    const exchange = await createExchange(world.stack, un, exchangeBody({ startsAt: inSeconds(86_400), participantIds: [] }));
    if (state !== 'scheduled' && state !== 'cancelled')
      await act(world.stack, un, exchange.id, 'confirm', { organization: 'UN' }).expect(200);
    if (state === 'confirmed') await act(world.stack, nato, exchange.id, 'confirm', { organization: 'NATO' }).expect(200);
    if (state === 'cancelled') await act(world.stack, un, exchange.id, 'cancel', { reason: 'set-up' }).expect(200);
    const statusNow = state.startsWith('scheduled') ? 'scheduled' : state;

    const res =
      action === 'confirm UN'
        ? await act(world.stack, un, exchange.id, 'confirm', { organization: 'UN' })
        : action === 'confirm NATO'
          ? await act(world.stack, nato, exchange.id, 'confirm', { organization: 'NATO' })
          : action === 'reschedule'
            ? await act(world.stack, un, exchange.id, 'reschedule', { startsAt: inSeconds(2 * 86_400), reason: 'table' })
            : await act(world.stack, un, exchange.id, 'cancel', { reason: 'table' });

    expect(res.status).toBe(expected);
    if (expected === 409) {
      expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
      expect(res.body.message).toContain(`the exchange is ${statusNow}`);
    }
  });
});
