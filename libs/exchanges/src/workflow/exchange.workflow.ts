import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { publishNextDeadline, publishStatus, rejection, WriteTracker } from '../../../temporal/src/workflow-kit';
import {
  CancelArgs,
  cancelUpdate,
  confirmUpdate,
  ExchangeActivitiesContract,
  ExchangeRejection,
  ExchangeWorkflowInput,
  ExchangeWorkflowState,
  ExchangeWorkflowStatus,
  OPEN_STATUSES,
  rescheduleUpdate,
  ReminderSlot,
  stateQuery,
} from './exchange-workflow.contract';

const activities = proxyActivities<ExchangeActivitiesContract>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '500 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
  },
});

/**
 * One exchange, from scheduling to its end: a durable timer per reminder offset and channel,
 * confirmation, reschedule and cancel as Updates. Every state change is written to Postgres by
 * an activity before the Update answers.
 */
export async function exchangeWorkflow(input: ExchangeWorkflowInput): Promise<ExchangeWorkflowState> {
  const state: ExchangeWorkflowState = {
    status: input.status,
    startsAt: input.startsAt,
    durationMinutes: input.durationMinutes,
    revision: input.revision,
    confirmedBy: [...input.confirmedBy],
  };
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

  while (isOpen()) {
    await writes.settled();
    const revision = state.revision;
    const superseded = () => state.revision !== revision || !isOpen();
    const slots = await activities.planReminders({
      exchangeId: input.exchangeId,
      revision,
      startsAt: state.startsAt,
    });
    await Promise.all([...slots.map((slot) => fireWhenDue(slot, revision, superseded)), watchConfirmations(revision, superseded)]);
    if (superseded()) continue;

    const endsAt = Date.parse(state.startsAt) + state.durationMinutes * 60_000;
    const interrupted = await condition(superseded, Math.max(1, endsAt - Date.now()));
    if (interrupted) continue;
    await write(() => activities.recordHeld({ exchangeId: input.exchangeId }));
    setStatus('held');
  }

  await condition(allHandlersFinished);
  return state;

  async function fireWhenDue(slot: ReminderSlot, revision: number, superseded: () => boolean): Promise<void> {
    const wait = Math.max(1, Date.parse(slot.dueAt) - Date.now());
    const interrupted = await condition(superseded, wait);
    if (interrupted) return;
    await activities.dispatchReminders({
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
