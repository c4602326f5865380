import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { publishStatus, rejection, WriteTracker } from '../../../temporal/src/workflow-kit';
import {
  amendSeriesUpdate,
  endSeriesUpdate,
  pauseSeriesUpdate,
  resumeSeriesUpdate,
  SeriesActivitiesContract,
  SeriesChanges,
  SeriesRejection,
  SeriesWorkflowInput,
  SeriesWorkflowState,
  SeriesWorkflowStatus,
} from './series-workflow.contract';
import type { Actor } from '../../../exchanges/src/workflow/exchange-workflow.contract';

type ActorArgs = { actor: Actor };

const activities = proxyActivities<SeriesActivitiesContract>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One recurring consultation: keeps `horizon` future occurrences materialised as exchanges (each
 * with its own exchangeWorkflow), sleeps until the window moves, and handles pause, resume, amend
 * and end as Updates. Continues as new when its history grows, so a series may live for decades.
 */
export async function seriesWorkflow(input: SeriesWorkflowInput): Promise<SeriesWorkflowState> {
  const state: SeriesWorkflowState = { status: input.status, amendments: 0 };
  const writes = new WriteTracker();
  const write = (work: () => Promise<void>) => writes.write(work);
  /** True while occurrences are being made; an amendment waits, so the two never interleave. */
  let materialising = false;
  const setStatus = (status: SeriesWorkflowStatus) => {
    state.status = status;
    publishStatus(status);
  };
  const notEnded = (_args?: unknown) => {
    if (state.status === 'ended') throw rejection(SeriesRejection.Ended, 'the series has ended');
  };

  /** pause (active → paused) and resume (paused → active): the same Update with other states. */
  const statusChange = (definition: typeof pauseSeriesUpdate, from: SeriesWorkflowStatus, to: SeriesWorkflowStatus, refusal: string) =>
    setHandler(
      definition,
      async ({ actor }) => {
        setStatus(to);
        await write(() => activities.recordSeriesStatus({ seriesId: input.seriesId, status: to, actor }));
        return state;
      },
      {
        validator: (_args: ActorArgs) => {
          if (state.status !== from) throw rejection(refusal, `the series is ${state.status}`);
        },
      },
    );
  statusChange(pauseSeriesUpdate, 'active', 'paused', SeriesRejection.NotActive);
  statusChange(resumeSeriesUpdate, 'paused', 'active', SeriesRejection.NotPaused);
  setHandler(
    endSeriesUpdate,
    async ({ actor }) => {
      setStatus('ended');
      await write(() => activities.endSeriesOccurrences({ seriesId: input.seriesId, actor }));
      return state;
    },
    { validator: (args: ActorArgs) => notEnded(args) },
  );
  setHandler(
    amendSeriesUpdate,
    async ({ actor, changes }) => {
      await condition(() => !materialising);
      notEnded();
      await write(() => activities.applySeriesAmendment({ seriesId: input.seriesId, changes, actor }));
      state.amendments += 1;
      return state;
    },
    { validator: (args: ActorArgs & { changes: SeriesChanges }) => notEnded(args) },
  );

  while (state.status !== 'ended') {
    await writes.settled();
    if (state.status === 'paused') {
      await condition(() => state.status !== 'paused');
      continue;
    }
    const seen = state.amendments;
    materialising = true;
    const { wakeAt } = await activities.materialiseOccurrences({ seriesId: input.seriesId }).finally(() => (materialising = false));
    if (wakeAt === null) {
      await write(() => activities.recordSeriesStatus({ seriesId: input.seriesId, status: 'ended', actor: { type: 'system', id: null } }));
      setStatus('ended');
      break;
    }
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength >= input.historyLimit) {
      await condition(() => allHandlersFinished() && writes.idle);
      await continueAsNew<typeof seriesWorkflow>({ ...input, status: state.status });
    }
    await condition(() => state.amendments !== seen || state.status !== 'active', Math.max(1000, Date.parse(wakeAt) - Date.now()));
  }

  await condition(allHandlersFinished);
  return state;
}
