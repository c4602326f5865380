import { allHandlersFinished, condition, defineQuery, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  SUPPORT_REQUEST_STATE_QUERY,
  SUPPORT_STEP_NAMES,
  SupportDeadlineState,
  SupportRequestActivitiesContract,
  SupportRequestUpdates,
  SupportRequestWorkflowInput,
  SupportRequestWorkflowState,
  SupportStep,
  SupportStepArgs,
  SYSTEM_ACTOR,
} from '@liaison/domain';
import { keepNextDeadline, publishNextDeadline, publishStatus, refusing, WriteTracker } from '../kit/workflow-kit';
import { SupportRequestState } from './support-request-state';

const activities = proxyActivities<SupportRequestActivitiesContract>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

const update = <K extends SupportStep>(name: K) =>
  defineUpdate<SupportRequestUpdates[K]['result'], [SupportRequestUpdates[K]['args']]>(name);
const stateQuery = defineQuery<SupportRequestWorkflowState>(SUPPORT_REQUEST_STATE_QUERY);

/**
 * One support request, from submission to `closed`, `declined` or `withdrawn`. Each step is an
 * Update whose validator checks the request's state; the handler moves the state at once (so no
 * second step slips in), writes it to Postgres through an activity, and takes back the deadlines
 * as Postgres now has them. Each open, running deadline has three stages, in order: a reminder before
 * it, the breach at it, the escalation after it; a stage once sent is not sent again. A delivered request
 * closes by itself after `autoCloseAfterMs`. The state and its rules are SupportRequestState's; this
 * function wires Updates, timers and activities to it.
 */
export async function supportRequestWorkflow(input: SupportRequestWorkflowInput): Promise<SupportRequestWorkflowState> {
  const request = new SupportRequestState(input, Date.now());
  const writes = new WriteTracker();

  setHandler(stateQuery, () => request.current);

  const requireAllowed = (step: SupportStep, args: SupportStepArgs) => refusing(() => request.requireAllowed(step, args));

  const take = async (step: SupportStep, args: SupportStepArgs, automatic = false): Promise<SupportRequestWorkflowState> => {
    const { from, to } = request.take(step, args, Date.now());
    publishStatus(to);
    await writes.write(async () => {
      request.setDeadlines(await activities.recordSupportStep({ requestId: input.requestId, step, from, to, args, automatic }));
    });
    request.changed();
    publishDeadline();
    return request.current;
  };

  for (const step of SUPPORT_STEP_NAMES) {
    setHandler(
      update(step),
      async (args: SupportStepArgs) => {
        requireAllowed(step, args);
        return take(step, args);
      },
      { validator: (args: SupportStepArgs) => requireAllowed(step, args) },
    );
  }

  publishDeadline();
  while (!request.isOver) {
    await writes.settled();
    const seen = request.version;
    const changed = () => request.version !== seen;
    await Promise.all([...request.followed().map((d) => followDeadline(d, changed)), closeWhenDue(changed)]);
    await condition(() => changed() || request.isOver);
  }
  await condition(allHandlersFinished);
  return request.current;

  function publishDeadline(): void {
    const next = request.nextDeadline();
    if (next) publishNextDeadline(next.dueAt);
    else keepNextDeadline(input, null);
  }

  /** The deadline's stages one after another, so that after an outage they still go out in order. */
  async function followDeadline(d: SupportDeadlineState, changed: () => boolean): Promise<void> {
    for (const { id, stage, at } of SupportRequestState.stagesOf(d, input.remindBeforeMs, input.escalateAfterMs)) {
      if (request.wasSent(id)) continue;
      if (await condition(changed, Math.max(1, at - Date.now()))) return;
      request.markSent(id);
      await activities.remindSupportDeadline({ requestId: input.requestId, kind: d.kind, revision: d.revision, stage });
    }
  }

  /** Delivered: closes by itself after `autoCloseAfterMs`, unless the requester closes (or anything changes) first. */
  async function closeWhenDue(changed: () => boolean): Promise<void> {
    if (request.status !== 'delivered') return;
    const wait = Math.max(1, request.closesAt(input.autoCloseAfterMs) - Date.now());
    if (await condition(changed, wait)) return;
    if (request.status === 'delivered') await take('close', { actor: SYSTEM_ACTOR }, true);
  }
}
