import type { Client } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import { LiaisonNextDeadline, TEMPORAL_CLIENT } from '../../libs/temporal/src';
import { createOrganization, createPerson, inSeconds, TestPerson, waitFor } from '../support/fixtures';
import { act, createExchange, exchangeBody, inboxOf, planningLeadMs, remindersOf, useStack } from '../support/exchanges';
import { answered } from '../support/typed-client';

/**
 * The confirmation deadline: coordinators of a late organisation are reminded, then its senior level is told.
 * The late side is an organisation of this file's own, so coordinators made by other suites sharing the
 * database cannot receive its reminders.
 */
describe('confirmation deadline', () => {
  const world = useStack(0);
  let late: string;
  let lateCoordinator: TestPerson;
  let senior: TestPerson;
  /** A deadline this far ahead is watched before it passes on this machine (see planningLeadMs). */
  let leadSeconds: number;

  beforeAll(async () => {
    late = await createOrganization(world.stack, 'LATE', 'Europe/Brussels');
    lateCoordinator = await createPerson(world.stack, late, { roles: ['coordinator', 'participant'] });
    senior = await createPerson(world.stack, late, { level: 'senior', email: true });
    leadSeconds = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
  });

  const confirmation = (exchange: Record<string, any>, code: string) =>
    (exchange.confirmations as Array<Record<string, string | null>>).find((c) => c.organization === code)!;
  const get = async (id: string) =>
    (await world.stack.http().get(`/v1/exchanges/${id}`).auth(world.cast.unCoordinator.token, { type: 'bearer' }).expect(200))
      .body as Record<string, any>;
  const inboxKinds = async (person: TestPerson, exchangeId: string) =>
    (await inboxOf(world.stack, person)).filter((n) => n.exchangeId === exchangeId).map((n) => n.kind as string);
  /** The escalation e-mails the senior participant has received about `exchange`. */
  const escalationMails = (exchange: Record<string, any>) =>
    world.stack.smtp.to(senior.email).filter((m) => m.mail.subject === `Escalation: not confirmed: ${exchange.title as string}`);
  const workflowOf = (exchangeId: string) => world.stack.api.get<Client>(TEMPORAL_CLIENT).workflow.getHandle(`exchange-${exchangeId}`);

  /**
   * An exchange between the cast's UN and LATE whose only timers are its confirmation deadline,
   * `leadSeconds` from now, and the escalation `escalateAfterSeconds` after it. Returns it with the
   * times of both.
   */
  async function lateExchange(escalateAfterSeconds: number) {
    const deadlineLead = leadSeconds + escalateAfterSeconds + 10;
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, {
        organizations: [world.cast.un, late],
        startsAt: inSeconds(leadSeconds + deadlineLead),
        participantIds: [senior.id],
        reminderOffsets: [],
        confirmationDeadline: `PT${deadlineLead}S`,
        escalateAfter: `PT${escalateAfterSeconds}S`,
      }),
    );
    expect(exchange).toMatchObject({ confirmationDeadline: `PT${deadlineLead}S`, escalateAfter: `PT${escalateAfterSeconds}S` });
    const deadline = Date.parse(exchange.startsAt as string) - deadlineLead * 1000;
    return { exchange, deadline, escalation: deadline + escalateAfterSeconds * 1000 };
  }

  /**
   * Waits until the exchange's workflow is past its confirmation watch: its next deadline moves to the
   * exchange's end only once every stage before the start has been handled (sent, or dropped).
   */
  async function pastConfirmationWatch(exchange: Record<string, any>): Promise<void> {
    const endsAt = new Date(Date.parse(exchange.startsAt as string) + (exchange.durationMinutes as number) * 60_000).toISOString();
    await waitFor(
      "the workflow past its confirmation watch (its next deadline the exchange's end)",
      async () => (await workflowOf(exchange.id as string).describe()).typedSearchAttributes.get(LiaisonNextDeadline)?.toISOString(),
      (next) => next === endsAt,
    );
  }

  it('reminds the late organisation’s coordinators, then escalates to its senior level, through a worker restart', async () => {
    const { exchange, escalation } = await lateExchange(leadSeconds);
    await answered('confirm', 200, act(world.stack, world.cast.unCoordinator, exchange.id, 'confirm', { organization: world.cast.un }));

    await waitFor(
      'the late coordinator reminded',
      () => inboxKinds(lateCoordinator, exchange.id),
      (kinds) => kinds.length > 0,
    );
    expect(await inboxKinds(lateCoordinator, exchange.id)).toEqual(['exchange.confirmation']);
    expect(await inboxKinds(world.cast.unCoordinator, exchange.id)).toEqual([]);
    const afterReminder = await get(exchange.id);
    expect(confirmation(afterReminder, late).remindedAt).toEqual(expect.any(String));
    expect(confirmation(afterReminder, late).escalatedAt).toBeNull();
    expect(confirmation(afterReminder, world.cast.un).remindedAt).toBeNull();

    // The worker goes down between the reminder and the escalation, and stays down until the
    // escalation's timer has fired (Temporal then holds a workflow task for it that no worker takes);
    // the escalation still comes, once, when a worker is back.
    await world.stack.stopWorker();
    try {
      expect(await inboxKinds(senior, exchange.id)).toEqual([]);
      await waitFor(
        'the escalation timer fired while no worker runs (a workflow task scheduled after its time)',
        async () => (await workflowOf(exchange.id).describe()).raw.pendingWorkflowTask ?? null,
        (task) => task !== null && tsToMs(task.originalScheduledTime) >= escalation,
      );
      expect(await inboxKinds(senior, exchange.id)).toEqual([]);
    } finally {
      await world.stack.startWorker();
    }

    await waitFor(
      'the escalation in the inbox',
      () => inboxKinds(senior, exchange.id),
      (kinds) => kinds.length > 0,
    );
    const mail = await waitFor(
      'the escalation e-mail',
      async () => escalationMails(exchange),
      (mails) => mails.length > 0,
    );
    expect(mail).toHaveLength(1);
    expect(mail[0].mail.text).toContain(`${late} has still not confirmed`);
    const rows = await waitFor(
      'every reminder of the exchange sent',
      () => remindersOf(world.stack, world.cast.unCoordinator, exchange.id),
      (current) => current.every((r) => r.status === 'sent'),
    );
    expect(rows.map((r) => `${r.kind}/${r.personId}/${r.channel}`).sort()).toEqual(
      [`confirmation/${lateCoordinator.id}/inapp`, `escalation/${senior.id}/email`, `escalation/${senior.id}/inapp`].sort(),
    );
    expect(rows.map((r) => r.attempts)).toEqual([1, 1, 1]);
    expect(await inboxKinds(senior, exchange.id)).toEqual(['exchange.escalation']);
    expect(await inboxKinds(lateCoordinator, exchange.id)).toEqual(['exchange.confirmation']);

    // A confirmation after the escalation clears it: the exchange is confirmed.
    const confirmed = await answered('confirm', 200, act(world.stack, lateCoordinator, exchange.id, 'confirm', { organization: late }));
    expect(confirmed.status).toBe('confirmed');
    expect(confirmation(confirmed, late)).toMatchObject({ confirmedAt: expect.any(String), escalatedAt: expect.any(String) });
  });

  it('sends no escalation once the late organisation confirms after its reminder', async () => {
    const { exchange } = await lateExchange(leadSeconds);
    await answered('confirm', 200, act(world.stack, world.cast.unCoordinator, exchange.id, 'confirm', { organization: world.cast.un }));
    await waitFor(
      'the reminder',
      () => inboxKinds(lateCoordinator, exchange.id),
      (kinds) => kinds.length > 0,
    );
    expect(await inboxKinds(lateCoordinator, exchange.id)).toEqual(['exchange.confirmation']);
    await answered('confirm', 200, act(world.stack, lateCoordinator, exchange.id, 'confirm', { organization: late }));

    // The workflow's confirmation watch ends without its escalation stage: had it escalated, the
    // escalation's rows would be written before the watch ends.
    await pastConfirmationWatch(exchange);
    const rows = await remindersOf(world.stack, world.cast.unCoordinator, exchange.id);
    expect(rows.map((r) => `${r.kind}/${r.personId}/${r.channel}`)).toEqual([`confirmation/${lateCoordinator.id}/inapp`]);
    expect(await inboxKinds(senior, exchange.id)).toEqual([]);
    expect(escalationMails(exchange)).toEqual([]);
    const final = await get(exchange.id);
    expect(final.status).toBe('confirmed');
    expect(confirmation(final, late)).toMatchObject({
      remindedAt: expect.any(String),
      escalatedAt: null,
      confirmedAt: expect.any(String),
    });
  });

  it('refuses a malformed deadline with a 400 naming it', async () => {
    const res = await world.stack
      .http()
      .post('/v1/exchanges')
      .auth(world.cast.unCoordinator.token, { type: 'bearer' })
      .send(exchangeBody(world.cast, { startsAt: inSeconds(3600), participantIds: [], confirmationDeadline: 'seven days' }))
      .expect(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      message: 'invalid input: confirmationDeadline: confirmationDeadline must be a positive ISO 8601 duration such as P7D or PT1H',
      details: [{ field: 'confirmationDeadline' }],
    });
  });
});
