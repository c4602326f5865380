import { readFileSync } from 'node:fs';
import { Client, WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { exchangeWorkflowId, ExchangeWorkflowInput, WORKFLOW_CODE_VERSION } from '../../libs/domain/src';
import { TEMPORAL_CLIENT } from '../../libs/temporal/src';
import { createExchange, exchangeBody, useStack } from '../support/exchanges';
import { inSeconds, waitFor } from '../support/fixtures';
import { WORKFLOW_BUNDLE_FILE } from '../support/test-env';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/**
 * The generation of workflow code in a run's input (libs/domain/src/workflow-version.ts), on a real
 * Temporal server: a run started by this code takes every change once made behind a patch without
 * recording a patch marker or a `TemporalChangeVersion` upsert; a run started by earlier code (no
 * generation in its input) still decides by its markers. Both histories replay with this code.
 */
describe('workflow code generations', () => {
  const world = useStack(1);
  const temporalClient = () => world.stack.api.get<Client>(TEMPORAL_CLIENT);
  const ATTENDANCE_CHECK_SECONDS = 3600;

  /** A senior exchange (so that the attendance check, one of the patched changes, applies) a day ahead. */
  const seniorExchange = () =>
    createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, {
        level: 'senior',
        startsAt: inSeconds(86_400),
        participantIds: [world.cast.participants[0].id],
        reminderOffsets: ['PT2H'],
        attendanceCheck: `PT${ATTENDANCE_CHECK_SECONDS}S`,
      }),
    );

  /** The run's history once its first workflow task has set its timers. */
  const plannedHistory = (handle: WorkflowHandle) =>
    waitFor(
      `the first timers of ${handle.workflowId}`,
      () => handle.fetchHistory(),
      (history) => (history.events ?? []).some((e) => e.timerStartedEventAttributes),
    );

  const markerData = (event: HistoryEvent, detail: string) => {
    const payload = event.markerRecordedEventAttributes!.details![detail].payloads![0];
    return JSON.parse(Buffer.from(payload.data!).toString('utf8')) as Record<string, unknown>;
  };
  const markers = (events: HistoryEvent[], name: string) => events.filter((e) => e.markerRecordedEventAttributes?.markerName === name);
  const patchIds = (events: HistoryEvent[]) => markers(events, 'core_patch').map((e) => markerData(e, 'patch-data').id);
  const localActivities = (events: HistoryEvent[]) =>
    markers(events, 'core_local_activity').map((e) => markerData(e, 'data').activity_type);
  const changeVersionUpserts = (events: HistoryEvent[]) =>
    events.filter((e) => e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.TemporalChangeVersion);
  /** When each timer of the history is set to fire (epoch ms). */
  const timerDueTimes = (events: HistoryEvent[]) => {
    const ms = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
      Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;
    return events
      .filter((e) => e.timerStartedEventAttributes)
      .map((e) => ms(e.eventTime) + ms(e.timerStartedEventAttributes!.startToFireTimeout));
  };
  const startInput = (events: HistoryEvent[]) =>
    defaultPayloadConverter.fromPayload<ExchangeWorkflowInput>(events[0].workflowExecutionStartedEventAttributes!.input!.payloads![0]);
  const replay = (history: temporal.api.history.v1.IHistory, workflowId: string) =>
    Worker.runReplayHistory({ workflowBundle: { code: readFileSync(WORKFLOW_BUNDLE_FILE, 'utf8') } }, history, workflowId);

  /**
   * The attendance check's timer, due `ATTENDANCE_CHECK_SECONDS` before the start. A timer's event
   * time is its task's completion, which follows the workflow's clock by the task's length: within
   * a minute is close enough, as no other timer of the exchange falls within an hour of it.
   */
  const hasAttendanceTimer = (events: HistoryEvent[], startsAt: string) =>
    timerDueTimes(events).some((at) => Math.abs(at - (Date.parse(startsAt) - ATTENDANCE_CHECK_SECONDS * 1000)) < 60_000);

  it('starts a run of this generation, which takes the patched changes without markers or TemporalChangeVersion upserts', async () => {
    const exchange = await seniorExchange();
    const handle = temporalClient().workflow.getHandle(exchangeWorkflowId(exchange.id));
    const history = await plannedHistory(handle);
    const events = history.events ?? [];

    expect(startInput(events).codeVersion).toBe(WORKFLOW_CODE_VERSION);
    expect(patchIds(events)).toEqual([]);
    expect(changeVersionUpserts(events)).toEqual([]);
    // The changes are taken all the same: planning as local activities, and the attendance check's timer.
    expect(localActivities(events).sort()).toEqual(['planActionItems', 'planReminders']);
    expect(hasAttendanceTimer(events, exchange.startsAt)).toBe(true);
    await replay(history, handle.workflowId);
  });

  it('lets a run started by earlier code decide by its patch markers, as its history was written', async () => {
    const exchange = await seniorExchange();
    const workflowId = exchangeWorkflowId(exchange.id);
    const first = temporalClient().workflow.getHandle(workflowId);
    const { codeVersion, ...earlierInput } = startInput((await plannedHistory(first)).events ?? []);
    expect(codeVersion).toBe(WORKFLOW_CODE_VERSION);
    await first.terminate('replaced by a run with the input of the earlier code');

    const earlier = await temporalClient().workflow.start('exchangeWorkflow', {
      workflowId,
      taskQueue: world.stack.config.temporal.taskQueue,
      args: [earlierInput],
    });
    const history = await plannedHistory(earlier);
    const events = history.events ?? [];

    expect(startInput(events).codeVersion).toBeUndefined();
    expect(patchIds(events).sort()).toEqual(['attendance-check', 'local-planning-and-dispatch']);
    expect(changeVersionUpserts(events)).toHaveLength(2);
    expect(localActivities(events).sort()).toEqual(['planActionItems', 'planReminders']);
    expect(hasAttendanceTimer(events, exchange.startsAt)).toBe(true);
    await replay(history, workflowId);
    await earlier.terminate('test over');
  });
});
