import {
  ActionItemTimer,
  AttendanceCheckActivitiesContract,
  CancelArgs,
  EXCHANGE_ACTION_ITEMS_CHANGED_SIGNAL,
  EXCHANGE_STATE_QUERY,
  ExchangeActivitiesContract,
  ExchangeUpdateName,
  ExchangeUpdates,
  ExchangeWorkflowInput,
  ExchangeWorkflowState,
  FollowUpActivitiesContract,
  ReminderSlot,
} from '@liaison/domain';
import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';
import { hasPatch, keepNextDeadline, publishNextDeadline, publishStatus, refusing, WriteTracker } from '../kit/workflow-kit';
import { ExchangeState } from './exchange-state';

const update = <K extends ExchangeUpdateName>(name: K) => defineUpdate<ExchangeWorkflowState, [ExchangeUpdates[K]['args']]>(name);
const confirmUpdate = update('confirm');
const rescheduleUpdate = update('reschedule');
const cancelUpdate = update('cancel');
const draftMinutesUpdate = update('draftMinutes');
const approveMinutesUpdate = update('approveMinutes');
const actionItemsChangedSignal = defineSignal(EXCHANGE_ACTION_ITEMS_CHANGED_SIGNAL);
const stateQuery = defineQuery<ExchangeWorkflowState>(EXCHANGE_STATE_QUERY);

const activityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '500 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
  },
} as const;
const activities = proxyActivities<ExchangeActivitiesContract & FollowUpActivitiesContract & AttendanceCheckActivitiesContract>(
  activityOptions,
);
/**
 * Planning and dispatching only touch Postgres and Redis, take milliseconds and are idempotent: as
 * local activities they run inside the workflow task that asks for them, which spares Temporal an
 * activity task, its round trips and its events each time (measured in bench/: the server's work per
 * new exchange is what bounds the API's rate).
 */
const local = proxyLocalActivities<ExchangeActivitiesContract & FollowUpActivitiesContract>(activityOptions);
/** Workflows started before local planning keep their recorded activities on replay. */
const LOCAL_PLANNING = 'local-planning-and-dispatch';
/** The attendance check's timer: workflows that ran before it existed replay without it. */
const ATTENDANCE_CHECK = 'attendance-check';

/** Waits until `done` or until `at` (epoch ms, at least 1 ms from now); true when `done` came first. */
const until = (done: () => boolean, at: number) => condition(done, Math.max(1, at - Date.now()));

/**
 * One exchange, from scheduling to its follow-up. Open (`scheduled`, `confirmed`): a durable timer
 * per reminder offset, channel and due time, the confirmation deadline, a senior exchange's
 * attendance check, the agenda freeze; confirmation,
 * reschedule and cancel as Updates. `held` once its end passes: the minutes deadline; drafts and
 * approvals as Updates; `closed` when every organisation has approved the current version.
 * Alongside, from start to end, the follow-up of its action items. Every state change is written to
 * Postgres by an activity before the Update answers. The workflow ends once the exchange is closed
 * (or cancelled) and no action-item stage is left to come. The rules are ExchangeState's; this
 * function wires them to Updates, timers and activities.
 */
export async function exchangeWorkflow(input: ExchangeWorkflowInput): Promise<ExchangeWorkflowState> {
  const exchange = new ExchangeState(input, publishStatus);
  const { state } = exchange;
  const exchangeId = input.exchangeId;
  /** Update handlers' writes in flight; planning waits for them. */
  const writes = new WriteTracker();
  const write = (work: () => Promise<void>) => writes.write(work);
  const planning = () => (hasPatch(input, LOCAL_PLANNING) ? local : activities);

  setHandler(stateQuery, () => state);
  setHandler(actionItemsChangedSignal, () => exchange.noteActionItemsChanged());

  setHandler(
    draftMinutesUpdate,
    async ({ text, baseVersion, actor }) => {
      const version = refusing(() => exchange.draftMinutes({ baseVersion }));
      await write(() => activities.recordMinutesDraft({ exchangeId, version, text, actor }));
      return state;
    },
    { validator: (args) => refusing(() => exchange.checkDraftMinutes(args)) },
  );

  setHandler(
    approveMinutesUpdate,
    async ({ organization, version, actor }) => {
      const closes = refusing(() => exchange.approveMinutes({ organization, version }));
      await write(() => activities.recordMinutesApproval({ exchangeId, organization, version, actor, closes }));
      return state;
    },
    { validator: (args) => refusing(() => exchange.checkApproveMinutes(args)) },
  );

  setHandler(
    confirmUpdate,
    async ({ organization, actor }) => {
      const next = refusing(() => exchange.confirm({ organization }));
      await write(() => activities.recordConfirmation({ exchangeId, organization, status: next, actor }));
      exchange.setStatus(next);
      return state;
    },
    { validator: (args) => refusing(() => exchange.checkConfirm(args)) },
  );

  setHandler(
    rescheduleUpdate,
    async ({ startsAt, durationMinutes, reason, actor, detach }) => {
      const { revision, durationMinutes: length } = refusing(() => exchange.reschedule({ startsAt, durationMinutes }));
      publishNextDeadline(startsAt);
      await write(() => activities.recordReschedule({ exchangeId, startsAt, durationMinutes: length, revision, reason, actor, detach }));
      return state;
    },
    { validator: (args) => refusing(() => exchange.checkReschedule(args, Date.now())) },
  );

  setHandler(
    cancelUpdate,
    async ({ reason, actor, detach }) => {
      refusing(() => exchange.cancel());
      keepNextDeadline(input, null);
      await write(() => activities.recordCancellation({ exchangeId, reason, actor, detach }));
      return state;
    },
    { validator: (_args: CancelArgs) => refusing(() => exchange.checkCancel()) },
  );

  // Awaited together, so that a failure of either (an activity failing for good) fails the workflow
  // instead of an unhandled rejection failing every workflow task from then on.
  await Promise.all([
    followActionItems(),
    (async () => {
      await followOpenExchange();
      if (exchange.status === 'held') await followMinutes();
    })(),
  ]);
  await condition(allHandlersFinished);
  return state;

  /** Scheduled or confirmed: reminders, confirmation deadline and agenda freeze, planned again after each reschedule. */
  async function followOpenExchange(): Promise<void> {
    while (exchange.isOpen) {
      await writes.settled();
      const revision = state.revision;
      const superseded = () => state.revision !== revision || !exchange.isOpen;
      const slots = await planning().planReminders({ exchangeId, revision, startsAt: state.startsAt });
      await Promise.all([
        ...slots.map((slot) => fireWhenDue(slot, revision, superseded)),
        watchConfirmations(revision, superseded),
        checkAttendanceWhenDue(revision, superseded),
        freezeAgendaWhenDue(revision, superseded),
      ]);
      if (superseded()) continue;

      const endsAt = exchange.endsAt;
      keepNextDeadline(input, new Date(endsAt).toISOString());
      const interrupted = await until(superseded, endsAt);
      if (interrupted) continue;
      await write(() => activities.recordHeld({ exchangeId }));
      exchange.hold();
    }
  }

  /**
   * Held: minutes not drafted `minutesDueMs` after the end bring a reminder to the host's
   * coordinators, and `escalationAfterMs` later its senior level. Ends when the exchange is closed.
   */
  async function followMinutes(): Promise<void> {
    const drafted = () => exchange.minutesDrafted;
    const stages = exchange.minutesStages();
    keepNextDeadline(input, stages.length === 0 || drafted() ? null : new Date(stages[0].at).toISOString());
    for (const { stage, at } of stages) {
      if (await until(drafted, at)) break;
      await activities.remindMinutes({ exchangeId, stage });
    }
    await condition(drafted);
    keepNextDeadline(input, null);
    await condition(() => exchange.status === 'closed');
  }

  /**
   * Every open action item's stages, planned from Postgres and planned again at each
   * `actionItemsChanged`. Ends when the exchange is cancelled, or closed with no stage left to come.
   */
  async function followActionItems(): Promise<void> {
    while (exchange.status !== 'cancelled') {
      const seen = exchange.actionItemsMark;
      const changed = () => exchange.actionItemsMark !== seen || exchange.status === 'cancelled';
      const timers = await planning().planActionItems({ exchangeId });
      await Promise.all(timers.map((timer) => fireActionStage(timer, changed)));
      if (changed()) continue;
      await condition(() => changed() || exchange.lifecycleOver);
      if (!changed()) return;
    }
  }

  async function fireActionStage(timer: ActionItemTimer, changed: () => boolean): Promise<void> {
    const interrupted = await until(changed, Date.parse(timer.at));
    if (!interrupted) await activities.remindActionItem(timer);
  }

  /** The agenda freezes `agendaFreezeMs` before the start (at once, if that has passed). */
  async function freezeAgendaWhenDue(revision: number, superseded: () => boolean): Promise<void> {
    const at = exchange.agendaFreezeAt;
    if (at === null) return;
    if (await until(superseded, at)) return;
    await activities.freezeAgenda({ exchangeId, revision });
  }

  /**
   * A senior-level exchange, `attendanceCheckMs` before the start of this revision: organisations
   * with no accepted senior-level participant by then have their coordinators reminded (the
   * activity reads who has accepted). Skipped, like the confirmation deadline, when that time had
   * passed when planned; a reschedule plans it again for the new start.
   */
  async function checkAttendanceWhenDue(revision: number, superseded: () => boolean): Promise<void> {
    if (!hasPatch(input, ATTENDANCE_CHECK)) return;
    const at = exchange.attendanceCheckAt;
    if (at === null || at <= Date.now()) return;
    if (await until(superseded, at)) return;
    await activities.remindUnattended({ exchangeId, revision });
  }

  /**
   * Hands a slot's reminders to the queue `queueAheadMs` before they are due: the queue delays each
   * job to its due time, so a backlog of workflow tasks does not make it late. A cancel or a move
   * after that is still honoured: the notifier drops a reminder that no longer applies.
   */
  async function fireWhenDue(slot: ReminderSlot, revision: number, superseded: () => boolean): Promise<void> {
    const interrupted = await until(superseded, exchange.handOverAt(slot));
    if (interrupted) return;
    await planning().dispatchReminders({ exchangeId, revision, keys: slot.keys });
  }

  /**
   * The confirmation deadline: organisations that have not confirmed by then are reminded, and
   * later escalated to their senior level. Every confirmation ends the watch; a stage whose time
   * had passed when planned is skipped.
   */
  async function watchConfirmations(revision: number, superseded: () => boolean): Promise<void> {
    for (const { stage, at } of exchange.confirmationStages()) {
      if (at <= Date.now()) continue;
      const interrupted = await condition(() => superseded() || exchange.everyoneConfirmed, at - Date.now());
      if (interrupted) return;
      await activities.remindUnconfirmed({ exchangeId, revision, stage });
    }
  }
}
