import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { keepNextDeadline, publishNextDeadline, publishStatus, rejection, WriteTracker } from '../../../temporal/src/workflow-kit';
import {
  DeadlineStage,
  DeadlineState,
  FINAL_STATUSES,
  STEP_NAMES,
  StepArgs,
  STEPS,
  stepUpdates,
  SupportRejection,
  SupportRequestActivitiesContract,
  SupportRequestState,
  SupportRequestWorkflowInput,
  supportStateQuery,
  SupportStatus,
  SupportStep,
} from './support-request-workflow.contract';

const activities = proxyActivities<SupportRequestActivitiesContract>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * One support request, from submission to `closed`, `declined` or `withdrawn`. Each step is an
 * Update whose validator checks the request's state; the handler moves the state at once (so no
 * second step slips in), writes it to Postgres through an activity, and takes back the deadlines
 * as Postgres now has them. Each open, running deadline has three stages, in order: a reminder before
 * it, the breach at it, the escalation after it; a stage once sent is not sent again. A delivered request
 * closes by itself after `autoCloseAfterMs`.
 */
export async function supportRequestWorkflow(input: SupportRequestWorkflowInput): Promise<SupportRequestState> {
  const state: SupportRequestState = {
    status: input.status,
    recommendation: input.recommendation ?? null,
    deadlines: input.deadlines,
  };
  /** Bumped by every change of state or deadlines: the timers are planned again. */
  let version = 0;
  let deliveredAt = input.status === 'delivered' ? Date.now() : 0;
  const sent = new Set<string>();
  const writes = new WriteTracker();
  const isOver = () => FINAL_STATUSES.includes(state.status);

  setHandler(supportStateQuery, () => state);

  const requireAllowed = (step: SupportStep, args: StepArgs) => {
    if (!STEPS[step].from.includes(state.status)) {
      throw rejection(SupportRejection.WrongState, `cannot ${step}: the request is ${state.status}`);
    }
    if (step === 'decide' && args.decision !== state.recommendation && !args.rationale?.trim()) {
      throw rejection(
        SupportRejection.RationaleRequired,
        `rationale: a decision to ${args.decision} against the recommendation to ${state.recommendation} needs a rationale`,
      );
    }
  };

  const take = async (step: SupportStep, args: StepArgs, automatic = false): Promise<SupportRequestState> => {
    const from = state.status;
    const to: SupportStatus = STEPS[step].to ?? (args.decision === 'approve' ? 'approved' : 'declined');
    setStatus(to);
    if (step === 'recommend') state.recommendation = args.recommendation ?? null;
    if (to === 'delivered') deliveredAt = Date.now();
    await writes.write(async () => {
      state.deadlines = await activities.recordSupportStep({ requestId: input.requestId, step, from, to, args, automatic });
    });
    version += 1;
    publishDeadline();
    return state;
  };

  for (const step of STEP_NAMES) {
    setHandler(
      stepUpdates[step],
      async (args: StepArgs) => {
        requireAllowed(step, args);
        return take(step, args);
      },
      { validator: (args: StepArgs) => requireAllowed(step, args) },
    );
  }

  publishDeadline();
  while (!isOver()) {
    await writes.settled();
    const seen = version;
    const changed = () => version !== seen;
    await Promise.all([...state.deadlines.flatMap((d) => followDeadline(d, changed)), closeWhenDue(changed)]);
    await condition(() => changed() || isOver());
  }
  await condition(allHandlersFinished);
  return state;

  function setStatus(status: SupportStatus): void {
    state.status = status;
    publishStatus(status);
  }

  function running(d: DeadlineState): boolean {
    return !d.met && !d.paused && !isOver();
  }

  function publishDeadline(): void {
    const next = state.deadlines.filter(running).sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
    if (next) publishNextDeadline(next.dueAt);
    else keepNextDeadline(null);
  }

  /** The deadline's stages one after another, so that after an outage they still go out in order. */
  function followDeadline(d: DeadlineState, changed: () => boolean): Promise<void>[] {
    if (!running(d)) return [];
    const due = Date.parse(d.dueAt);
    const stages: Array<{ stage: DeadlineStage; at: number }> = [
      { stage: 'support-reminder', at: due - input.remindBeforeMs },
      { stage: 'support-breach', at: due },
      { stage: 'support-escalation', at: due + input.escalateAfterMs },
    ];
    const follow = async () => {
      for (const { stage, at } of stages) {
        const id = `${d.kind}.${stage}`;
        if (sent.has(id)) continue;
        if (await condition(changed, Math.max(1, at - Date.now()))) return;
        sent.add(id);
        await activities.remindSupportDeadline({ requestId: input.requestId, kind: d.kind, revision: d.revision, stage });
      }
    };
    return [follow()];
  }

  /** Delivered: closes by itself after `autoCloseAfterMs`, unless the requester closes (or anything changes) first. */
  async function closeWhenDue(changed: () => boolean): Promise<void> {
    if (state.status !== 'delivered') return;
    const wait = Math.max(1, deliveredAt + input.autoCloseAfterMs - Date.now());
    if (await condition(changed, wait)) return;
    if (state.status === 'delivered') await take('close', { actor: { type: 'system', id: null } }, true);
  }
}
