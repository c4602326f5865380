import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { WorkflowStartRelay } from '../../apps/api/src/workflow-starts/workflow-start-relay';
import { exchangeWorkflowId, seriesWorkflowId, supportRequestWorkflowId } from '../../libs/domain/src';
import { TEMPORAL_CLIENT } from '../../libs/temporal/src';
import { createExchange, createSeries, exchangeBody, remindersOf, seriesBody, useStack } from '../support/exchanges';
import { inSeconds, waitFor } from '../support/fixtures';
import { submit, supportCast } from '../support/support-requests';
import { answered } from '../support/typed-client';

type Table = 'exchanges' | 'series' | 'support_requests';

/**
 * The workflow start relay on the real stack. Rows are left as an API process that died between
 * its commit and its workflow start leaves them: a copy, under a new id, of a row made through the
 * API, committed a minute ago and not marked started. The relay's timer is off (a day): each pass
 * is the test's own call.
 */
describe('workflow start relay', () => {
  const world = useStack(2, { WORKFLOW_START_RELAY_INTERVAL: 'P1D', WORKFLOW_START_GRACE: 'PT30S' }, { ownDatabase: true });
  const db = () => world.stack.api.get(DataSource);
  const temporal = () => world.stack.api.get<Client>(TEMPORAL_CLIENT);
  const relay = () => world.stack.api.get(WorkflowStartRelay).relay();

  /** A copy of row `id` under a new id, committed `ageSeconds` ago, its workflow never started. */
  async function leftByDeadApi(table: Table, id: string, ageSeconds: number): Promise<string> {
    const [{ id: copy }] = await db().query<Array<{ id: string }>>(
      `INSERT INTO ${table}
       SELECT (jsonb_populate_record(t, jsonb_build_object(
                'id', gen_random_uuid(), 'created_at', now() - make_interval(secs => $2), 'workflow_started_at', null))).*
         FROM ${table} t WHERE t.id = $1
       RETURNING id`,
      [id, ageSeconds],
    );
    return copy;
  }

  async function copyExchange(id: string, ageSeconds: number): Promise<string> {
    const copy = await leftByDeadApi('exchanges', id, ageSeconds);
    await db().query(
      `INSERT INTO exchange_organizations (exchange_id, organization_id) SELECT $2, organization_id FROM exchange_organizations WHERE exchange_id = $1`,
      [id, copy],
    );
    await db().query(
      `INSERT INTO exchange_participants (exchange_id, person_id) SELECT $2, person_id FROM exchange_participants WHERE exchange_id = $1`,
      [id, copy],
    );
    return copy;
  }

  async function marked(table: Table, id: string): Promise<boolean> {
    const [row] = await db().query<Array<{ marked: boolean }>>(
      `SELECT workflow_started_at IS NOT NULL AS marked FROM ${table} WHERE id = $1`,
      [id],
    );
    return row.marked;
  }

  async function runOf(workflowId: string): Promise<{ runId: string; status: string } | null> {
    try {
      const described = await temporal().workflow.getHandle(workflowId).describe();
      return { runId: described.runId, status: described.status.name };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return null;
      throw error;
    }
  }

  function exchange() {
    const participants = world.cast.participants.map((p) => p.id);
    return createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, { startsAt: inSeconds(3 * 86_400), participantIds: participants, reminderOffsets: ['P1D'] }),
    );
  }

  it('starts the workflow of an exchange, a series and a support request committed without one, once', async () => {
    const made = await exchange();
    const exchangeId = await copyExchange(made.id as string, 60);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const series = await answered(
      'create series',
      201,
      createSeries(
        world.stack,
        world.cast.unCoordinator,
        seriesBody(world.cast, { rrule: 'FREQ=DAILY', dtstart: `${tomorrow}T10:00:00`, timezone: 'Europe/Brussels', horizon: 2 }),
      ),
    );
    const seriesId = await leftByDeadApi('series', series.id, 60);
    const cast = await supportCast(world.stack);
    const request = await submit(world.stack, cast);
    const requestId = await leftByDeadApi('support_requests', request.id as string, 60);
    await db().query(
      `INSERT INTO support_request_deadlines (support_request_id, kind, due_at) SELECT $2, kind, due_at FROM support_request_deadlines WHERE support_request_id = $1 AND kind = 'acknowledge'`,
      [request.id, requestId],
    );
    // As the dead API left them: no workflow.
    expect(await runOf(exchangeWorkflowId(exchangeId))).toBeNull();
    expect(await runOf(seriesWorkflowId(seriesId))).toBeNull();
    expect(await runOf(supportRequestWorkflowId(requestId))).toBeNull();

    expect(await relay()).toEqual({ exchange: 1, series: 1, 'support-request': 1 });

    expect((await runOf(exchangeWorkflowId(exchangeId)))?.status).toBe('RUNNING');
    expect((await runOf(seriesWorkflowId(seriesId)))?.status).toBe('RUNNING');
    expect((await runOf(supportRequestWorkflowId(requestId)))?.status).toBe('RUNNING');
    for (const [table, id] of [
      ['exchanges', exchangeId],
      ['series', seriesId],
      ['support_requests', requestId],
    ] as const)
      expect(await marked(table, id)).toBe(true);
    // What a user sees: the exchange's reminders planned (a day before, each participant, in-app and e-mail), the series' occurrences made.
    const planned = await waitFor(
      "the relayed exchange's reminders planned",
      () => remindersOf(world.stack, world.cast.unCoordinator, exchangeId),
      (reminders) => reminders.length === 4,
    );
    expect(planned.map((r) => `${r.kind}/${r.offset}/${r.personId}/${r.channel}/${r.status}`).sort()).toEqual(
      world.cast.participants.flatMap((p) => ['email', 'inapp'].map((channel) => `exchange/P1D/${p.id}/${channel}/scheduled`)).sort(),
    );
    await waitFor(
      "the relayed series' two occurrences (horizon 2)",
      async () => db().query<Array<{ id: string }>>('SELECT id FROM exchanges WHERE series_id = $1', [seriesId]),
      (rows) => rows.length === 2,
    );

    // A second pass has nothing left to start.
    expect(await relay()).toEqual({});
  });

  it('marks, without starting it again, a row whose workflow started but whose mark was lost', async () => {
    const made = await exchange();
    const before = await runOf(exchangeWorkflowId(made.id as string));
    expect(before?.status).toBe('RUNNING');
    await db().query(`UPDATE exchanges SET workflow_started_at = NULL, created_at = now() - interval '1 minute' WHERE id = $1`, [made.id]);

    expect(await relay()).toEqual({});

    expect(await marked('exchanges', made.id as string)).toBe(true);
    expect(await runOf(exchangeWorkflowId(made.id as string))).toEqual(before);
  });

  it("tells an exchange's workflow of an action item committed without the signal, and its owner is reminded", async () => {
    const made = await exchange();
    const owner = world.cast.participants[0];
    // As an API that died after its commit leaves it: due in an hour (its first stage at once), never signalled.
    const [{ id: itemId }] = await db().query<Array<{ id: string }>>(
      `INSERT INTO action_items (exchange_id, title, owner_id, due_at, revised_at)
       VALUES ($1, 'Send the after-action report', $2, now() + interval '1 hour', now() - interval '1 minute') RETURNING id`,
      [made.id, owner.id],
    );
    const actionDue = async () =>
      (await remindersOf(world.stack, world.cast.unCoordinator, made.id as string)).filter(
        (r) => r.kind === 'action-due' && r.personId === owner.id,
      );

    expect(await relay()).toEqual({ 'action-item': 1 });

    const [{ told }] = await db().query<Array<{ told: boolean }>>(
      'SELECT workflow_signalled_at IS NOT NULL AS told FROM action_items WHERE id = $1',
      [itemId],
    );
    expect(told).toBe(true);
    // The owner's "due soon" reminder, in-app and by e-mail: the workflow planned the item.
    const due = await waitFor("the action item's first stage", actionDue, (rows) => rows.length === 2);
    expect(due.map((r) => r.channel).sort()).toEqual(['email', 'inapp']);
    expect(await relay()).toEqual({});
  });

  it('leaves alone a row committed less than WORKFLOW_START_GRACE ago (its create may still be starting it)', async () => {
    const made = await exchange();
    const exchangeId = await copyExchange(made.id as string, 0);
    try {
      expect(await relay()).toEqual({});
      expect(await runOf(exchangeWorkflowId(exchangeId))).toBeNull();
      expect(await marked('exchanges', exchangeId)).toBe(false);
    } finally {
      await db().query('DELETE FROM exchanges WHERE id = $1', [exchangeId]);
    }
  });
});
