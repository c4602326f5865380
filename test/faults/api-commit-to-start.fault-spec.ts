import { randomUUID } from 'node:crypto';
import { useFaultStack } from './lib/harness';
import { LiaisonProcess } from './lib/liaison';
import { delivered, exchangeBody, expectOnce, inSeconds, organizations, person, seriesBody } from './lib/drill';
import { waitFor } from './lib/services';

/**
 * An API process SIGKILLed after it committed a new exchange, series, support request or action
 * item and before it started (told) the row's workflow (the test hook LIAISON_FAULT_PAUSE_AT=api.after-create-commit,
 * libs/config/src/fault-pause.ts, stops it there). The client got no answer and sends nothing again
 * (no Idempotency-Key). An API started afterwards has its workflow start relay start the row's
 * workflow once WORKFLOW_START_GRACE has passed: the exchange's reminders are delivered once, the
 * series materialises its occurrences, the support request's deadline reminder and the action
 * item's first reminder are delivered once.
 */
describe('an API process killed between a commit and its workflow start', () => {
  const perPriority = (iso: string) => `routine=${iso},priority=${iso},urgent=${iso}`;
  const world = useFaultStack('api-commit-to-start', {
    env: {
      WORKFLOW_START_GRACE: 'PT5S',
      WORKFLOW_START_RELAY_INTERVAL: 'PT2S',
      // The acknowledgement due 40 s after submission, its reminder 20 s before; no breach within the test.
      SUPPORT_ACKNOWLEDGE_WITHIN: perPriority('PT40S'),
      SUPPORT_REMIND_BEFORE: perPriority('PT20S'),
      SUPPORT_ESCALATE_AFTER: perPriority('P1D'),
    },
  });

  it('an exchange: its workflow starts and its reminders are delivered once', async () => {
    const { host, other } = await organizations(world, ['AA', 'AB']);
    const coordinator = await person(world, host, { roles: ['coordinator', 'participant'], email: true });
    const title = `Commit drill ${randomUUID().slice(0, 6)}`;
    // A reminder a minute before a start 100 s away: due 40 s from now.
    await createOnPausingApi('/v1/exchanges', coordinator.token, {
      ...exchangeBody(host, other, { startsAt: inSeconds(100), participantIds: [coordinator.id] }),
      title,
      reminderOffsets: ['PT1M'],
    });
    const id = await committedId(`SELECT id, workflow_started_at FROM exchanges WHERE title = $1`, [title]);
    await world.cluster.start('api');

    const rows = await delivered(world, `exchange_id = $1 AND kind = 'exchange'`, [id], 2);
    expect(await started('exchanges', id)).toBe(true);
    expect(rows.every((r) => r.person_id === coordinator.id)).toBe(true);
    await expectOnce(world, rows);
  }, 240_000);

  it('a series: its workflow starts and materialises its occurrences', async () => {
    const { host, other } = await organizations(world, ['AA', 'AB']);
    const coordinator = await person(world, host, { roles: ['coordinator', 'participant'] });
    const title = `Weekly drill ${randomUUID().slice(0, 6)}`;
    await createOnPausingApi('/v1/series', coordinator.token, seriesBody(host, other, { title }));
    const id = await committedId(`SELECT id, workflow_started_at FROM series WHERE title = $1`, [title]);
    await world.cluster.start('api');

    await waitFor(
      'the series to materialise two occurrences',
      () => occurrences(id),
      (n) => n === 2,
      60_000,
    );
    expect(await started('series', id)).toBe(true);
  }, 240_000);

  it('a support request: its workflow starts and its deadline reminder is delivered once', async () => {
    const { host: requesting, other: providing } = await organizations(world, ['AA', 'AB']);
    const requester = await person(world, requesting, { roles: ['coordinator', 'participant'] });
    const provider = await person(world, providing, { roles: ['coordinator', 'participant'], email: true });
    const title = `Engineer training ${randomUUID().slice(0, 6)}`;
    await createOnPausingApi('/v1/support-requests', requester.token, {
      title,
      description: 'A course for 20 engineers before the next rotation.',
      requestingOrganization: requesting,
      requestingUnit: 'MINUSCA',
      providingOrganization: providing,
      area: 'A4P',
      a4pArea: 'SAFETY-SECURITY',
      priority: 'routine',
      neededBy: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      links: [],
    });
    const id = await committedId(`SELECT id, workflow_started_at FROM support_requests WHERE title = $1`, [title]);
    await world.cluster.start('api');

    const rows = await delivered(world, `support_request_id = $1 AND kind = 'support-reminder'`, [id], 2);
    expect(await started('support_requests', id)).toBe(true);
    expect(rows.every((r) => r.person_id === provider.id)).toBe(true);
    await expectOnce(world, rows);
  }, 240_000);

  it("an action item: its exchange's workflow is told, and the owner's first reminder is delivered once", async () => {
    const { host, other } = await organizations(world, ['AA', 'AB']);
    const coordinator = await person(world, host, { roles: ['coordinator', 'participant'] });
    const owner = await person(world, other, { email: true });
    const exchange = await world.cluster.call<{ id: string }>('POST', '/v1/exchanges', coordinator.token, {
      ...exchangeBody(host, other, { startsAt: inSeconds(86_400), participantIds: [owner.id] }),
      reminderOffsets: [],
    });
    const title = `After-action report ${randomUUID().slice(0, 6)}`;
    // Due in an hour, with the default notice (two days): its first stage comes at once.
    await createOnPausingApi(`/v1/exchanges/${exchange.id}/action-items`, coordinator.token, {
      title,
      ownerId: owner.id,
      dueAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const id = await committedId(`SELECT id, workflow_signalled_at AS workflow_started_at FROM action_items WHERE title = $1`, [title]);
    await world.cluster.start('api');

    const rows = await delivered(world, `action_item_id = $1 AND kind = 'action-due'`, [id], 2);
    expect(rows.every((r) => r.person_id === owner.id)).toBe(true);
    await expectOnce(world, rows);
    const db = await world.db();
    const { rows: told } = await db.query<{ told: boolean }>(
      'SELECT workflow_signalled_at IS NOT NULL AS told FROM action_items WHERE id = $1',
      [id],
    );
    expect(told[0].told).toBe(true);
  }, 240_000);

  /**
   * Sends the create to an API of its own that waits after the commit (the test hook), and SIGKILLs
   * that API there: the client's request ends without an answer.
   */
  async function createOnPausingApi(path: string, token: string, body: unknown): Promise<void> {
    const api = await world.cluster.start('api', { LIAISON_FAULT_PAUSE_AT: 'api.after-create-commit' });
    const answer = fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }).then(
      (res) => res.status,
      () => 'no answer' as const,
    );
    await killAtPause(api);
    expect(await answer).toBe('no answer');
  }

  async function killAtPause(api: LiaisonProcess): Promise<void> {
    await api.logged('fault pause: api.after-create-commit', 'the API to pause after its commit', 60_000);
    await world.cluster.kill(api);
    expect(api.exited?.signal).toBe('SIGKILL');
  }

  /** The row the killed API committed, found by its unique title: there, and not marked started (told). */
  async function committedId(sql: string, params: unknown[]): Promise<string> {
    const db = await world.db();
    const { rows } = await db.query<{ id: string; workflow_started_at: Date | null }>(sql, params);
    expect(rows).toHaveLength(1);
    expect(rows[0].workflow_started_at).toBeNull();
    return rows[0].id;
  }

  async function started(table: 'exchanges' | 'series' | 'support_requests', id: string): Promise<boolean> {
    const db = await world.db();
    const { rows } = await db.query<{ marked: boolean }>(`SELECT workflow_started_at IS NOT NULL AS marked FROM ${table} WHERE id = $1`, [
      id,
    ]);
    return rows[0]?.marked === true;
  }

  async function occurrences(seriesId: string): Promise<number> {
    const db = await world.db();
    const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM exchanges WHERE series_id = $1', [seriesId]);
    return Number(rows[0].n);
  }
});
