import { allHandlersFinished, condition, patched, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import { keepNextDeadline, publishNextDeadline, publishStatus, rejection, WriteTracker } from '../../../temporal/src/workflow-kit';
import {
  actionItemsChangedSignal,
  ActionItemTimer,
  approveMinutesUpdate,
  CancelArgs,
  cancelUpdate,
  confirmUpdate,
  draftMinutesUpdate,
  ExchangeActivitiesContract,
  ExchangeRejection,
  ExchangeWorkflowInput,
  ExchangeWorkflowState,
  ExchangeWorkflowStatus,
  FollowUpActivitiesContract,
  OPEN_STATUSES,
  rescheduleUpdate,
  ReminderSlot,
  stateQuery,
} from './exchange-workflow.contract';

const activityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '500 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
  },
} as const;
const activities = proxyActivities<ExchangeActivitiesContract & FollowUpActivitiesContract>(activityOptions);
/**
 * Planning and dispatching only touch Postgres and Redis, take milliseconds and are idempotent: as
 * local activities they run inside the workflow task that asks for them, which spares Temporal an
 * activity task, its round trips and its events each time (measured in bench/: the server's work per
 * new exchange is what bounds the API's rate).
 */
const local = proxyLocalActivities<ExchangeActivitiesContract & FollowUpActivitiesContract>(activityOptions);
/** Workflows started before local planning keep their recorded activities on replay. */
const LOCAL_PLANNING = 'local-planning-and-dispatch';
const planning = () => (patched(LOCAL_PLANNING) ? local : activities);

/**
 * One exchange, from scheduling to its follow-up. Open (`scheduled`, `confirmed`): a durable timer
 * per reminder offset and channel, the confirmation deadline, the agenda freeze; confirmation,
 * reschedule and cancel as Updates. `held` once its end passes: the minutes deadline; drafts and
 * approvals as Updates; `closed` when every organisation has approved the current version.
 * Alongside, from start to end, the follow-up of its action items. Every state change is written to
 * Postgres by an activity before the Update answers. The workflow ends once the exchange is closed
 * (or cancelled) and no action-item stage is left to come.
 */
export async function exchangeWorkflow(input: ExchangeWorkflowInput): Promise<ExchangeWorkflowState> {
  const state: ExchangeWorkflowState = {
    status: input.status,
    startsAt: input.startsAt,
    durationMinutes: input.durationMinutes,
    revision: input.revision,
    confirmedBy: [...input.confirmedBy],
    minutesVersion: input.minutesVersion ?? 0,
    approvals: {},
  };
  /** Bumped by every `actionItemsChanged` signal. */
  let actionChanges = 0;
  /** Update handlers' writes in flight; planning waits for them. */
  const writes = new WriteTracker();
  const write = (work: () => Promise<void>) => writes.write(work);
  const isOpen = () => OPEN_STATUSES.includes(state.status);
  const reject = rejection;
  const setStatus = (status: ExchangeWorkflowStatus) => {
    state.status = status;
    publishStatus(status);
  };

  const requireOpen = () => {
    if (!isOpen()) throw reject(ExchangeRejection.NotOpen, `the exchange is ${state.status}`);
  };

  setHandler(stateQuery, () => state);
  setHandler(actionItemsChangedSignal, () => {
    actionChanges += 1;
  });

  /** Minutes are drafted and approved while the exchange is held; once closed they are locked. */
  const requireHeld = () => {
    if (state.status === 'closed') throw reject(ExchangeRejection.MinutesLocked, 'the minutes are locked; the exchange is closed');
    if (state.status !== 'held') {
      throw reject(ExchangeRejection.NotHeld, `minutes are for an exchange that has been held; the exchange is ${state.status}`);
    }
  };
  const requireCurrentBase = (baseVersion: number | undefined) => {
    if (baseVersion !== undefined && baseVersion !== state.minutesVersion) {
      throw reject(
        ExchangeRejection.StaleMinutes,
        `baseVersion ${baseVersion} is not the current version ${state.minutesVersion} of the minutes; the exchange is ${state.status}`,
      );
    }
  };
  const requireApprovable = (organization: string, version: number) => {
    requireHeld();
    if (!input.organizations.includes(organization)) {
      throw reject(
        ExchangeRejection.NotParticipating,
        `${organization} does not take part in this exchange; the exchange is ${state.status}`,
      );
    }
    if (state.minutesVersion === 0) throw reject(ExchangeRejection.MinutesNotDrafted, 'no minutes have been drafted yet');
    if (version !== state.minutesVersion) {
      throw reject(
        ExchangeRejection.StaleMinutes,
        `version ${version} is not the current version ${state.minutesVersion} of the minutes; the exchange is ${state.status}`,
      );
    }
    if (state.approvals[organization] === version) {
      throw reject(ExchangeRejection.AlreadyApproved, `${organization} has already approved version ${version}`);
    }
  };

  setHandler(
    draftMinutesUpdate,
    async ({ text, baseVersion, actor }) => {
      requireHeld();
      requireCurrentBase(baseVersion);
      state.minutesVersion += 1;
      const version = state.minutesVersion;
      await write(() => activities.recordMinutesDraft({ exchangeId: input.exchangeId, version, text, actor }));
      return state;
    },
    {
      validator: ({ baseVersion }) => {
        requireHeld();
        requireCurrentBase(baseVersion);
      },
    },
  );

  setHandler(
    approveMinutesUpdate,
    async ({ organization, version, actor }) => {
      requireApprovable(organization, version);
      state.approvals[organization] = version;
      const closes = input.organizations.every((code) => state.approvals[code] === state.minutesVersion);
      // Closed at once, so that no draft slips in between this approval and its write.
      if (closes) setStatus('closed');
      await write(() => activities.recordMinutesApproval({ exchangeId: input.exchangeId, organization, version, actor, closes }));
      return state;
    },
    { validator: ({ organization, version }) => requireApprovable(organization, version) },
  );

  setHandler(
    confirmUpdate,
    async ({ organization, actor }) => {
      if (state.confirmedBy.includes(organization)) {
        throw reject(ExchangeRejection.AlreadyConfirmed, `${organization} has already confirmed; the exchange is ${state.status}`);
      }
      state.confirmedBy.push(organization);
      const everyone = input.organizations.every((code) => state.confirmedBy.includes(code));
      const next = everyone && state.status === 'scheduled' ? 'confirmed' : state.status;
      await write(() =>
        activities.recordConfirmation({
          exchangeId: input.exchangeId,
          organization,
          status: next,
          actor,
        }),
      );
      setStatus(next);
      return state;
    },
    {
      validator: ({ organization }) => {
        requireOpen();
        if (!input.organizations.includes(organization)) {
          throw reject(
            ExchangeRejection.NotParticipating,
            `${organization} does not take part in this exchange; the exchange is ${state.status}`,
          );
        }
        if (state.confirmedBy.includes(organization)) {
          throw reject(ExchangeRejection.AlreadyConfirmed, `${organization} has already confirmed; the exchange is ${state.status}`);
        }
      },
    },
  );

  setHandler(
    rescheduleUpdate,
    async ({ startsAt, durationMinutes, reason, actor, detach }) => {
      requireOpen();
      state.revision += 1;
      state.startsAt = startsAt;
      publishNextDeadline(startsAt);
      if (durationMinutes !== undefined) state.durationMinutes = durationMinutes;
      const length = state.durationMinutes;
      const revision = state.revision;
      await write(() =>
        activities.recordReschedule({
          exchangeId: input.exchangeId,
          startsAt,
          durationMinutes: length,
          revision,
          reason,
          actor,
          detach,
        }),
      );
      return state;
    },
    {
      validator: ({ startsAt }) => {
        requireOpen();
        const at = Date.parse(startsAt);
        if (Number.isNaN(at)) throw reject(ExchangeRejection.BadStart, 'startsAt is not a time');
        if (at <= Date.now()) throw reject(ExchangeRejection.BadStart, 'startsAt must be in the future');
      },
    },
  );

  setHandler(
    cancelUpdate,
    async ({ reason, actor, detach }) => {
      requireOpen();
      setStatus('cancelled');
      keepNextDeadline(null);
      await write(() =>
        activities.recordCancellation({
          exchangeId: input.exchangeId,
          reason,
          actor,
          detach,
        }),
      );
      return state;
    },
    { validator: (_args: CancelArgs) => requireOpen() },
  );

  // Awaited together, so that a failure of either (an activity failing for good) fails the workflow
  // instead of an unhandled rejection failing every workflow task from then on.
  await Promise.all([
    followActionItems(),
    (async () => {
      await followOpenExchange();
      if (state.status === 'held') await followMinutes();
    })(),
  ]);
  await condition(allHandlersFinished);
  return state;

  /** Scheduled or confirmed: reminders, confirmation deadline and agenda freeze, planned again after each reschedule. */
  async function followOpenExchange(): Promise<void> {
    while (isOpen()) {
      await writes.settled();
      const revision = state.revision;
      const superseded = () => state.revision !== revision || !isOpen();
      const slots = await planning().planReminders({
        exchangeId: input.exchangeId,
        revision,
        startsAt: state.startsAt,
      });
      await Promise.all([
        ...slots.map((slot) => fireWhenDue(slot, revision, superseded)),
        watchConfirmations(revision, superseded),
        freezeAgendaWhenDue(revision, superseded),
      ]);
      if (superseded()) continue;

      const endsAt = Date.parse(state.startsAt) + state.durationMinutes * 60_000;
      keepNextDeadline(new Date(endsAt).toISOString());
      const interrupted = await condition(superseded, Math.max(1, endsAt - Date.now()));
      if (interrupted) continue;
      await write(() => activities.recordHeld({ exchangeId: input.exchangeId }));
      setStatus('held');
    }
  }

  /**
   * Held: minutes not drafted `minutesDueMs` after the end bring a reminder to the host's
   * coordinators, and `escalationAfterMs` later its senior level. Ends when the exchange is closed.
   */
  async function followMinutes(): Promise<void> {
    const drafted = () => state.minutesVersion > 0 || state.status !== 'held';
    const due =
      input.minutesDueMs === undefined ? undefined : Date.parse(state.startsAt) + state.durationMinutes * 60_000 + input.minutesDueMs;
    keepNextDeadline(due === undefined || drafted() ? null : new Date(due).toISOString());
    if (due !== undefined) {
      const stages = [
        { stage: 'minutes' as const, at: due },
        { stage: 'minutes-escalation' as const, at: due + input.escalationAfterMs },
      ];
      for (const { stage, at } of stages) {
        if (await condition(drafted, Math.max(1, at - Date.now()))) break;
        await activities.remindMinutes({ exchangeId: input.exchangeId, stage });
      }
    }
    await condition(drafted);
    keepNextDeadline(null);
    await condition(() => state.status === 'closed');
  }

  /**
   * Every open action item's stages, planned from Postgres and planned again at each
   * `actionItemsChanged`. Ends when the exchange is cancelled, or closed with no stage left to come.
   */
  async function followActionItems(): Promise<void> {
    const lifecycleOver = () => state.status === 'closed' || state.status === 'cancelled';
    while (state.status !== 'cancelled') {
      const seen = actionChanges;
      const changed = () => actionChanges !== seen || state.status === 'cancelled';
      const timers = await planning().planActionItems({ exchangeId: input.exchangeId });
      await Promise.all(timers.map((timer) => fireActionStage(timer, changed)));
      if (changed()) continue;
      await condition(() => changed() || lifecycleOver());
      if (!changed()) return;
    }
  }

  async function fireActionStage(timer: ActionItemTimer, changed: () => boolean): Promise<void> {
    const interrupted = await condition(changed, Math.max(1, Date.parse(timer.at) - Date.now()));
    if (!interrupted) await activities.remindActionItem(timer);
  }

  /** The agenda freezes `agendaFreezeMs` before the start (at once, if that has passed). */
  async function freezeAgendaWhenDue(revision: number, superseded: () => boolean): Promise<void> {
    if (input.agendaFreezeMs === undefined) return;
    const at = Date.parse(state.startsAt) - input.agendaFreezeMs;
    if (await condition(superseded, Math.max(1, at - Date.now()))) return;
    await activities.freezeAgenda({ exchangeId: input.exchangeId, revision });
  }

  /**
   * Hands a slot's reminders to the queue `queueAheadMs` before they are due: the queue delays each
   * job to its due time, so a backlog of workflow tasks does not make it late. A cancel or a move
   * after that is still honoured: the notifier drops a reminder that no longer applies.
   */
  async function fireWhenDue(slot: ReminderSlot, revision: number, superseded: () => boolean): Promise<void> {
    const wait = Math.max(1, Date.parse(slot.dueAt) - (input.queueAheadMs ?? 0) - Date.now());
    const interrupted = await condition(superseded, wait);
    if (interrupted) return;
    await planning().dispatchReminders({
      exchangeId: input.exchangeId,
      revision,
      keys: slot.keys,
    });
  }

  /**
   * The confirmation deadline (`confirmationLeadMs` before the start): organisations that have not
   * confirmed by then are reminded, and `escalationAfterMs` later escalated to their senior level.
   * Every confirmation ends the watch; a stage whose time had passed when planned is skipped.
   */
  async function watchConfirmations(revision: number, superseded: () => boolean): Promise<void> {
    if (!input.confirmationLeadMs) return;
    const everyoneConfirmed = () => input.organizations.every((code) => state.confirmedBy.includes(code));
    const deadline = Date.parse(state.startsAt) - input.confirmationLeadMs;
    const stages = [
      { stage: 'confirmation' as const, at: deadline },
      { stage: 'escalation' as const, at: deadline + input.escalationAfterMs },
    ];
    for (const { stage, at } of stages) {
      if (at <= Date.now()) continue;
      const interrupted = await condition(() => superseded() || everyoneConfirmed(), at - Date.now());
      if (interrupted) return;
      await activities.remindUnconfirmed({ exchangeId: input.exchangeId, revision, stage });
    }
  }
}
