import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineUpdate,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  AmendSeriesArgs,
  SeriesActivitiesContract,
  SeriesStatus,
  SeriesStatusArgs,
  SeriesStatusChange,
  SeriesUpdateName,
  SeriesUpdates,
  SeriesWorkflowInput,
  SeriesWorkflowState,
  SYSTEM_ACTOR,
} from '@liaison/domain';
import { publishStatus, refusing, WriteTracker } from '../kit/workflow-kit';
import { SeriesState } from './series-state';

const activities = proxyActivities<SeriesActivitiesContract>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const update = <K extends SeriesUpdateName>(name: K) => defineUpdate<SeriesUpdates[K]['result'], [SeriesUpdates[K]['args']]>(name);

/**
 * One recurring consultation: keeps `horizon` future occurrences materialised as exchanges (each
 * with its own exchangeWorkflow), sleeps until the window moves, and handles pause, resume, amend
 * and end as Updates. Continues as new when its history grows, so a series may live for decades.
 * The state and its rules are SeriesState's; this function wires Updates, timers and activities to it.
 */
export async function seriesWorkflow(input: SeriesWorkflowInput): Promise<SeriesWorkflowState> {
  const series = new SeriesState(input.status);
  const { seriesId } = input;
  const writes = new WriteTracker();
  const write = (work: () => Promise<void>) => writes.write(work);
  const setStatus = (status: SeriesStatus) => {
    series.setStatus(status);
    publishStatus(status);
  };

  /** pause (active → paused) and resume (paused → active): the same Update with other states. */
  const statusChange = (change: SeriesStatusChange) =>
    setHandler(
      update(change),
      async ({ actor }) => {
        const to = series.statusAfter(change);
        setStatus(to);
        await write(() => activities.recordSeriesStatus({ seriesId, status: to, actor }));
        return series.current;
      },
      { validator: (_args: SeriesStatusArgs) => refusing(() => series.requireChange(change)) },
    );
  statusChange('pause');
  statusChange('resume');
  setHandler(
    update('end'),
    async ({ actor }) => {
      setStatus('ended');
      await write(() => activities.endSeriesOccurrences({ seriesId, actor }));
      return series.current;
    },
    { validator: (_args: SeriesStatusArgs) => refusing(() => series.requireNotEnded()) },
  );
  setHandler(
    update('amend'),
    async ({ actor, changes }) => {
      await condition(() => !series.materialising);
      refusing(() => series.requireNotEnded());
      await write(() => activities.applySeriesAmendment({ seriesId, changes, actor }));
      series.amended();
      return series.current;
    },
    { validator: (_args: AmendSeriesArgs) => refusing(() => series.requireNotEnded()) },
  );

  while (!series.ended) {
    await writes.settled();
    if (series.status === 'paused') {
      await condition(() => series.status !== 'paused');
      continue;
    }
    const seen = series.amendments;
    series.materialising = true;
    const { wakeAt } = await activities.materialiseOccurrences({ seriesId }).finally(() => (series.materialising = false));
    if (wakeAt === null) {
      await write(() => activities.recordSeriesStatus({ seriesId, status: 'ended', actor: SYSTEM_ACTOR }));
      setStatus('ended');
      break;
    }
    if (SeriesState.needsNewRun(workflowInfo(), input.historyLimit)) {
      await condition(() => allHandlersFinished() && writes.idle);
      await continueAsNew<typeof seriesWorkflow>({ ...input, status: series.status });
    }
    await condition(() => series.amendments !== seen || series.status !== 'active', SeriesState.sleepUntil(wakeAt, Date.now()));
  }

  await condition(allHandlersFinished);
  return series.current;
}
