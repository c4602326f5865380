import type { SupportRequestStatus as SupportStatus, SupportStep } from '../../libs/domain/src';
import { TestPerson } from '../support/fixtures';
import { useStack } from '../support/exchanges';
import { step, StepBody, submit, supportCast, SupportCast } from '../support/support-requests';
import { answered } from '../support/typed-client';

/** A valid body for every step, so that only the state and the caller decide the answer. */
const BODIES: { [S in SupportStep]: StepBody<S> } = {
  acknowledge: {},
  'request-information': { question: 'How many?' },
  'provide-information': { answer: 'Twenty.' },
  recommend: { recommendation: 'approve', rationale: 'Fits.' },
  decide: { decision: 'approve', rationale: 'Agreed.' },
  'start-delivery': {},
  deliver: { summary: 'Done.' },
  close: {},
  withdraw: { reason: 'No longer needed.' },
};

/** The steps that lead from `submitted` to each state, each with who takes it. */
type Path = Array<[SupportStep, keyof SupportCast]>;
const REVIEW: Path = [['acknowledge', 'provider']];
const RECOMMENDED: Path = [...REVIEW, ['recommend', 'provider']];
const APPROVED: Path = [...RECOMMENDED, ['decide', 'providerSenior']];
const PATHS: Record<SupportStatus, Path> = {
  submitted: [],
  acknowledged: REVIEW,
  information_requested: [...REVIEW, ['request-information', 'provider']],
  under_review: [...REVIEW, ['request-information', 'provider'], ['provide-information', 'requester']],
  recommended: RECOMMENDED,
  approved: APPROVED,
  declined: [...RECOMMENDED, ['decide', 'providerSenior']],
  in_delivery: [...APPROVED, ['start-delivery', 'provider']],
  delivered: [...APPROVED, ['start-delivery', 'provider'], ['deliver', 'provider']],
  closed: [...APPROVED, ['start-delivery', 'provider'], ['deliver', 'provider'], ['close', 'requester']],
  withdrawn: [['withdraw', 'requester']],
};

/** Who is asked to take each step: each side's coordinator, the providing senior level, a requesting participant, an outsider. */
const CALLERS = ['provider', 'providerSenior', 'requester', 'requesterParticipant', 'outsider'] as const;
type Caller = (typeof CALLERS)[number];
/** Who takes a step: one side's coordinator, or the providing senior level. */
type Taker = 'provider' | 'providerSenior' | 'requester';

const OPEN: SupportStatus[] = [
  'submitted',
  'acknowledged',
  'under_review',
  'information_requested',
  'recommended',
  'approved',
  'in_delivery',
];

/** The table as the issue states it, written here on its own (not read from the code): who takes each step, from where, to where. */
const TABLE: Record<SupportStep, { by: Taker; from: SupportStatus[]; to: SupportStatus }> = {
  acknowledge: { by: 'provider', from: ['submitted'], to: 'acknowledged' },
  'request-information': { by: 'provider', from: ['acknowledged', 'under_review'], to: 'information_requested' },
  'provide-information': { by: 'requester', from: ['information_requested'], to: 'under_review' },
  recommend: { by: 'provider', from: ['acknowledged', 'under_review'], to: 'recommended' },
  decide: { by: 'providerSenior', from: ['recommended'], to: 'approved' },
  'start-delivery': { by: 'provider', from: ['approved'], to: 'in_delivery' },
  deliver: { by: 'provider', from: ['in_delivery'], to: 'delivered' },
  close: { by: 'requester', from: ['delivered'], to: 'closed' },
  withdraw: { by: 'requester', from: OPEN, to: 'withdrawn' },
};

/** The code of the 403 for a step taken by someone other than its side (the rule each side's check states). */
const NOT_THE_SIDE: Record<Taker, string> = {
  provider: 'SUPPORT.NOT_PROVIDING_COORDINATOR',
  providerSenior: 'SUPPORT.NOT_PROVIDING_SENIOR',
  requester: 'SUPPORT.NOT_REQUESTING_SIDE',
};

/**
 * What the API must answer, status and code: 404 for whoever cannot see the request, 403 for the
 * wrong side (with the code of the side the step belongs to), 409 for the wrong state, else 200.
 */
function expected(state: SupportStatus, name: SupportStep, caller: Caller): string {
  if (caller === 'outsider') return '404 SUPPORT.NOT_FOUND';
  if (caller !== TABLE[name].by) return `403 ${NOT_THE_SIDE[TABLE[name].by]}`;
  return TABLE[name].from.includes(state) ? '200' : '409 SUPPORT.WRONG_STATE';
}

/**
 * The whole table: every step attempted in every state by people of both organisations (and one
 * of neither). A cell that would succeed is taken on a request of its own, and must reach the state
 * the table says; every other cell must be refused and change nothing.
 */
describe('support request transition table', () => {
  const world = useStack(0, { SUPPORT_AUTO_CLOSE_AFTER: 'P1D' });
  let cast: SupportCast;

  beforeAll(async () => {
    cast = await supportCast(world.stack);
  });

  async function requestIn(state: SupportStatus): Promise<string> {
    const id = (await submit(world.stack, cast)).id as string;
    for (const [name, who] of PATHS[state]) {
      const body: StepBody = name === 'decide' && state === 'declined' ? { decision: 'decline', rationale: 'Not now.' } : BODIES[name];
      await answered(`${name} towards ${state}`, 200, step(world.stack, cast[who] as TestPerson, id, name, body));
    }
    return id;
  }

  const states = Object.keys(PATHS) as SupportStatus[];

  it.each(states)('from %s: every step by every caller', async (state) => {
    const id = await requestIn(state);
    const answers: string[] = [];
    const wanted: string[] = [];
    for (const name of Object.keys(TABLE) as SupportStep[]) {
      for (const caller of CALLERS) {
        const want = expected(state, name, caller);
        if (want === '200') continue; // taken below, on a request of its own
        const { response, error } = await step(world.stack, cast[caller], id, name, BODIES[name]);
        answers.push(`${name} by ${caller}: ${response.status} ${error?.code}`);
        wanted.push(`${name} by ${caller}: ${want}`);
        if (response.status === 409) expect(error?.message).toBe(`cannot ${name}: the request is ${state}`);
      }
    }
    expect(answers).toEqual(wanted);
    const after = await world.stack.http().get(`/v1/support-requests/${id}`).auth(cast.provider.token, { type: 'bearer' }).expect(200);
    expect(after.body.status).toBe(state);

    for (const name of Object.keys(TABLE) as SupportStep[]) {
      const caller = CALLERS.find((c) => expected(state, name, c) === '200');
      if (!caller) continue;
      const fresh = await requestIn(state);
      const { data, response } = await step(world.stack, cast[caller], fresh, name, BODIES[name]);
      expect(`${name} by ${caller}: ${response.status}`).toBe(`${name} by ${caller}: 200`);
      expect(data?.status).toBe(TABLE[name].to);
    }
  });
});
