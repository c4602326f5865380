// What the exchange state's specs build on: an input, a state in a given status, and the rejection a
// step throws. Pure code (no Jest), left out of the build by tsconfig.build.json.
import { ExchangeStatus, ExchangeWorkflowInput, WorkflowRejection } from '@liaison/domain';
import { ExchangeState } from './exchange-state';

export const START = '2030-01-10T09:00:00.000Z';
export const NOW = Date.parse('2030-01-01T00:00:00.000Z');
export const HOUR = 3_600_000;

export function input(overrides: Partial<ExchangeWorkflowInput> = {}): ExchangeWorkflowInput {
  return {
    exchangeId: 'x1',
    status: 'scheduled',
    organizations: ['UN', 'NATO'],
    confirmedBy: [],
    startsAt: START,
    durationMinutes: 60,
    revision: 1,
    confirmationLeadMs: 48 * HOUR,
    escalationAfterMs: 24 * HOUR,
    ...overrides,
  };
}

/** A state in `status` (and with `overrides`), and the statuses it reports. */
export function exchangeIn(status: ExchangeStatus, overrides: Partial<ExchangeWorkflowInput> = {}) {
  const published: ExchangeStatus[] = [];
  const exchange = new ExchangeState(input({ status, ...overrides }), (s) => published.push(s));
  return { exchange, published };
}

export function rejectionOf(step: () => unknown): { type: string; message: string } {
  try {
    step();
  } catch (error) {
    if (!(error instanceof WorkflowRejection)) throw error;
    const { type, message } = error;
    return { type, message };
  }
  throw new Error('expected a rejection');
}
