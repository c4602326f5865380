import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { LiaisonStatus } from '../../../temporal/src/search-attributes';
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
  let writesInFlight = 0;
  /** True while occurrences are being made; an amendment waits, so the two never interleave. */
  let materialising = false;
  const reject = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });
  const setStatus = (status: SeriesWorkflowStatus) => {
    state.status = status;
    upsertSearchAttributes([{ key: LiaisonStatus, value: status }]);
  };
  const write = async (work: () => Promise<void>) => {
    writesInFlight++;
    try {
      await work();
    } finally {
      writesInFlight--;
    }
  };
  const notEnded = (_args?: unknown) => {
    if (state.status === 'ended') throw reject(SeriesRejection.Ended, 'the series has ended');
  };

  setHandler(
    pauseSeriesUpdate,
    async ({ actor }) => {
      setStatus('paused');
      await write(() => activities.recordSeriesStatus({ seriesId: input.seriesId, status: 'paused', actor }));
      return state;
    },
    {
      validator: (_args: ActorArgs) => {
        if (state.status !== 'active') throw reject(SeriesRejection.NotActive, `the series is ${state.status}`);
      },
    },
  );
  setHandler(
    resumeSeriesUpdate,
    async ({ actor }) => {
      setStatus('active');
      await write(() => activities.recordSeriesStatus({ seriesId: input.seriesId, status: 'active', actor }));
      return state;
    },
    {
      validator: (_args: ActorArgs) => {
        if (state.status !== 'paused') throw reject(SeriesRejection.NotPaused, `the series is ${state.status}`);
      },
    },
  );
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
    await condition(() => writesInFlight === 0);
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
      await condition(() => allHandlersFinished() && writesInFlight === 0);
      await continueAsNew<typeof seriesWorkflow>({ ...input, status: state.status });
    }
    await condition(() => state.amendments !== seen || state.status !== 'active', Math.max(1000, Date.parse(wakeAt) - Date.now()));
  }

  await condition(allHandlersFinished);
  return state;
}
