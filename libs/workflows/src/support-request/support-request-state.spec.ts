import {
  SUPPORT_REQUEST_STATUSES,
  SupportDeadlineState,
  SupportRequestStatus,
  SupportStep,
  SupportStepArgs,
  SYSTEM_ACTOR,
  WorkflowRejection,
} from '@liaison/domain';
import { SupportRequestState } from './support-request-state';

const NOW = Date.parse('2026-05-04T09:00:00Z');
const deadline = (kind: 'acknowledge' | 'decision', dueAt: string, more: Partial<SupportDeadlineState> = {}): SupportDeadlineState => ({
  kind,
  dueAt,
  revision: 1,
  met: false,
  paused: false,
  ...more,
});
const requestIn = (
  status: SupportRequestStatus,
  more: { recommendation?: 'approve' | 'decline' | null; deadlines?: SupportDeadlineState[] } = {},
) => new SupportRequestState({ status, recommendation: more.recommendation, deadlines: more.deadlines ?? [] }, NOW);
const args = (more: Partial<SupportStepArgs> = {}): SupportStepArgs => ({ actor: SYSTEM_ACTOR, ...more });

function refusal(run: () => void): { type: string; message: string } | null {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof WorkflowRejection)) throw error;
    return { type: error.type, message: error.message };
  }
}

/** Withdrawn: from every state but delivered and the three final ones. */
const WITHDRAWABLE = SUPPORT_REQUEST_STATUSES.filter((s) => !['delivered', 'declined', 'closed', 'withdrawn'].includes(s));
/** The transition table, written out: each step, the states it is taken from, where it leads. */
const TABLE: Record<SupportStep, { from: SupportRequestStatus[]; to: SupportRequestStatus; args?: Partial<SupportStepArgs> }> = {
  acknowledge: { from: ['submitted'], to: 'acknowledged' },
  'request-information': { from: ['acknowledged', 'under_review'], to: 'information_requested' },
  'provide-information': { from: ['information_requested'], to: 'under_review' },
  recommend: { from: ['acknowledged', 'under_review'], to: 'recommended', args: { recommendation: 'approve' } },
  decide: { from: ['recommended'], to: 'approved', args: { decision: 'approve' } },
  'start-delivery': { from: ['approved'], to: 'in_delivery' },
  deliver: { from: ['in_delivery'], to: 'delivered' },
  close: { from: ['delivered'], to: 'closed' },
  withdraw: { from: WITHDRAWABLE, to: 'withdrawn' },
};

describe('SupportRequestState', () => {
  for (const [step, row] of Object.entries(TABLE) as Array<[SupportStep, (typeof TABLE)[SupportStep]]>) {
    for (const status of SUPPORT_REQUEST_STATUSES) {
      const allowed = row.from.includes(status);
      it(`${step} from ${status}: ${allowed ? `leads to ${row.to}` : 'refused with SUPPORT.WRONG_STATE'}`, () => {
        const request = requestIn(status, { recommendation: 'approve' });
        const stepArgs = args(row.args);
        if (!allowed) {
          expect(refusal(() => request.requireAllowed(step, stepArgs))).toEqual({
            type: 'SUPPORT.WRONG_STATE',
            message: `cannot ${step}: the request is ${status}`,
          });
          return;
        }
        expect(refusal(() => request.requireAllowed(step, stepArgs))).toBeNull();
        expect(request.take(step, stepArgs, NOW + 1000)).toEqual({ from: status, to: row.to });
        expect(request.status).toBe(row.to);
        expect(request.current.status).toBe(row.to);
      });
    }
  }

  it('decide leads to approved or declined by the decision', () => {
    expect(SupportRequestState.target('decide', args({ decision: 'approve' }))).toBe('approved');
    expect(SupportRequestState.target('decide', args({ decision: 'decline' }))).toBe('declined');
    const request = requestIn('recommended', { recommendation: 'decline' });
    expect(request.take('decide', args({ decision: 'decline' }), NOW)).toEqual({ from: 'recommended', to: 'declined' });
    expect(request.isOver).toBe(true);
  });

  it('refuses a decision against the recommendation without a rationale, and takes it with one', () => {
    const request = requestIn('recommended', { recommendation: 'approve' });
    expect(refusal(() => request.requireAllowed('decide', args({ decision: 'decline' })))).toEqual({
      type: 'SUPPORT.RATIONALE_REQUIRED',
      message: 'rationale: a decision to decline against the recommendation to approve needs a rationale',
    });
    expect(refusal(() => request.requireAllowed('decide', args({ decision: 'decline', rationale: '   ' })))?.type).toBe(
      'SUPPORT.RATIONALE_REQUIRED',
    );
    expect(refusal(() => request.requireAllowed('decide', args({ decision: 'decline', rationale: 'no capacity' })))).toBeNull();
    expect(refusal(() => request.requireAllowed('decide', args({ decision: 'approve' })))).toBeNull();
  });

  it('a wrong state is refused before a missing rationale', () => {
    expect(refusal(() => requestIn('approved').requireAllowed('decide', args({ decision: 'decline' })))?.type).toBe('SUPPORT.WRONG_STATE');
  });

  it('a recommendation is kept; delivery notes the time the closing counts from', () => {
    const request = requestIn('under_review');
    request.take('recommend', args({ recommendation: 'decline' }), NOW);
    expect(request.current.recommendation).toBe('decline');
    const delivering = requestIn('in_delivery');
    expect(delivering.deliveredAt).toBe(0);
    delivering.take('deliver', args(), NOW + 5000);
    expect(delivering.deliveredAt).toBe(NOW + 5000);
    expect(delivering.closesAt(60_000)).toBe(NOW + 65_000);
    expect(requestIn('delivered').deliveredAt).toBe(NOW);
  });

  it('keeps the recommendation through the decision, and the delivery time through the close', () => {
    const request = requestIn('under_review');
    request.take('recommend', args({ recommendation: 'decline' }), NOW);
    request.take('decide', args({ decision: 'decline' }), NOW + 1000);
    expect(request.current.recommendation).toBe('decline');
    const delivered = requestIn('in_delivery');
    delivered.take('deliver', args(), NOW + 5000);
    delivered.take('close', args(), NOW + 9000);
    expect(delivered.deliveredAt).toBe(NOW + 5000);
    const approved = requestIn('approved');
    approved.take('start-delivery', args(), NOW + 5000);
    expect(approved.deliveredAt).toBe(0);
  });

  it('is over in declined, closed and withdrawn only', () => {
    for (const status of SUPPORT_REQUEST_STATUSES) {
      expect([status, requestIn(status).isOver]).toEqual([status, ['declined', 'closed', 'withdrawn'].includes(status)]);
    }
  });

  it('follows the running deadlines, the earliest first; none once the request is over', () => {
    const ack = deadline('acknowledge', '2026-05-05T09:00:00.000Z');
    const decision = deadline('decision', '2026-05-04T12:00:00.000Z');
    const met = deadline('decision', '2026-05-04T10:00:00.000Z', { met: true });
    const paused = deadline('acknowledge', '2026-05-04T10:00:00.000Z', { paused: true });
    const request = requestIn('acknowledged', { deadlines: [ack, met, decision, paused] });
    expect(request.followed()).toEqual([ack, decision]);
    expect(request.nextDeadline()).toBe(decision);
    request.setDeadlines([met]);
    expect(request.nextDeadline()).toBeUndefined();
    const over = requestIn('withdrawn', { deadlines: [ack] });
    expect(over.followed()).toEqual([]);
    expect(over.nextDeadline()).toBeUndefined();
  });

  it('plans three stages per deadline and sends each once', () => {
    const due = Date.parse('2026-05-05T09:00:00.000Z');
    expect(SupportRequestState.stagesOf(deadline('decision', '2026-05-05T09:00:00.000Z'), 3_600_000, 7_200_000)).toEqual([
      { id: 'decision.support-reminder', stage: 'support-reminder', at: due - 3_600_000 },
      { id: 'decision.support-breach', stage: 'support-breach', at: due },
      { id: 'decision.support-escalation', stage: 'support-escalation', at: due + 7_200_000 },
    ]);
    const request = requestIn('submitted');
    expect(request.wasSent('decision.support-breach')).toBe(false);
    request.markSent('decision.support-breach');
    expect(request.wasSent('decision.support-breach')).toBe(true);
  });

  it('counts its changes, so the timers are planned again', () => {
    const request = requestIn('submitted');
    expect(request.version).toBe(0);
    request.changed();
    expect(request.version).toBe(1);
  });
});
