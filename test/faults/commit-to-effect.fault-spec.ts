import { randomUUID } from 'node:crypto';
import type { FaultPauseSite } from '../../libs/config/src/fault-pause';
import { FaultWorld, useFaultStack } from './lib/harness';
import { LiaisonProcess } from './lib/liaison';
import { delivered, exchangeBody, expectOnce, inSeconds, organizations, person, seriesBody } from './lib/drill';
import { waitFor } from './lib/services';

/**
 * A workflow worker SIGKILLed after an activity committed a follow-up stage (the stage's marker, its
 * timeline event, its audit event) and before the stage's reminders went to the queue. The worker
 * is stopped there deterministically by the test hook LIAISON_FAULT_PAUSE_AT
 * (libs/config/src/fault-pause.ts); a new worker then retries the activity once its start-to-close
 * timeout (30 s) has passed, and the notifier's sweep may hand the committed rows over before that.
 * Each stage's reminders are delivered exactly once, and what the stage records (timeline, audit)
 * is written once.
 */
describe('a workflow worker killed between a commit and its effect', () => {
  // Support-request deadlines within seconds: the acknowledgement's reminder 10 s after submission,
  // its breach 10 s later; its escalation not within the test.
  const perPriority = (iso: string) => `routine=${iso},priority=${iso},urgent=${iso}`;
  const world = useFaultStack('commit-to-effect', {
    count: { worker: 0 },
    env: {
      SUPPORT_ACKNOWLEDGE_WITHIN: perPriority('PT20S'),
      SUPPORT_REMIND_BEFORE: perPriority('PT10S'),
      SUPPORT_ESCALATE_AFTER: perPriority('P1D'),
    },
  });

  // Each test starts its own workers: none may be left to take the next test's activities.
  afterEach(async () => {
    for (const worker of world.cluster.running('worker')) await world.cluster.kill(worker);
  });

  it('an action item stage: its reminder is delivered once', async () => {
    const { host, other } = await organizations(world, ['CA', 'CB']);
    const coordinator = await person(world, host, { roles: ['coordinator', 'participant'] });
    const owner = await person(world, other, { email: true });
    const paused = await pausingWorker('action-item-stage.committed');
    const exchange = await world.cluster.call<{ id: string }>(
      'POST',
      '/v1/exchanges',
      coordinator.token,
      exchangeBody(host, other, { startsAt: inSeconds(86_400), participantIds: [owner.id] }),
    );
    // Due in an hour, with the default notice (two days): its first stage comes at once.
    const item = await world.cluster.call<{ id: string }>('POST', `/v1/exchanges/${exchange.id}/action-items`, coordinator.token, {
      title: 'Send the after-action report',
      ownerId: owner.id,
      dueAt: inSeconds(3600),
    });

    await killAtPause(paused, 'action-item-stage.committed');
    const db = await world.db();
    const marked = await db.query<{ reminded_at: Date | null }>('SELECT reminded_at FROM action_items WHERE id = $1', [item.id]);
    expect(marked.rows[0].reminded_at).not.toBeNull();
    const worker = await world.cluster.start('worker');

    const rows = await delivered(world, `action_item_id = $1 AND kind = 'action-due'`, [item.id], 2);
    // The sweep may hand the committed rows over before the activity's retry: that retry adds nothing.
    await worker.logged('action item followed up', 'the retried action item stage to finish');
    await expectOnce(world, rows);
    expect(await auditCount(world, item.id, 'action-item.remind')).toBe(1);
  }, 240_000);

  it("a support request's deadline stage: its reminders are delivered once, its timeline event written once", async () => {
    const { host: requesting, other: providing } = await organizations(world, ['CA', 'CB']);
    const requester = await person(world, requesting, { roles: ['coordinator', 'participant'] });
    const provider = await person(world, providing, { roles: ['coordinator', 'participant'], email: true });
    const paused = await pausingWorker('support-deadline-stage.committed');
    const request = await world.cluster.call<{ id: string }>('POST', '/v1/support-requests', requester.token, {
      title: `Engineer training ${randomUUID().slice(0, 6)}`,
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

    await killAtPause(paused, 'support-deadline-stage.committed');
    await world.cluster.start('worker');

    // The breach follows the reminder stage: once it is on the timeline, the reminder's retry is over.
    await waitFor(
      'the breach on the timeline',
      () => events(world, request.id),
      (timeline) => timeline.includes('deadline.breach'),
      90_000,
    );
    const rows = await delivered(world, `support_request_id = $1 AND kind = 'support-reminder'`, [request.id], 2);
    await expectOnce(world, rows);
    expect(rows.every((r) => r.person_id === provider.id)).toBe(true);
    const timeline = await events(world, request.id);
    expect(timeline.filter((kind) => kind === 'deadline.reminder')).toHaveLength(1);
    expect(timeline.filter((kind) => kind === 'deadline.breach')).toHaveLength(1);
    expect(await auditCount(world, request.id, 'support-request.deadline.reminder')).toBe(1);
  }, 240_000);

  it('a missed minutes deadline: its reminders are delivered once, its audit event written once', async () => {
    const { host, other } = await organizations(world, ['CA', 'CB']);
    const coordinator = await person(world, host, { roles: ['coordinator', 'participant'], email: true });
    const paused = await pausingWorker('minutes-stage.committed');
    // A one-minute exchange starting shortly: held a minute later, its minutes due 2 s after that.
    const exchange = await world.cluster.call<{ id: string }>(
      'POST',
      '/v1/exchanges',
      coordinator.token,
      exchangeBody(host, other, { startsAt: inSeconds(8), durationMinutes: 1, minutesDue: 'PT2S', escalateAfter: 'P1D' }),
    );

    await killAtPause(paused, 'minutes-stage.committed', 150_000);
    const worker = await world.cluster.start('worker');

    const rows = await delivered(world, `exchange_id = $1 AND kind = 'minutes'`, [exchange.id], 2);
    expect(rows.every((r) => r.person_id === coordinator.id)).toBe(true);
    await expectOnce(world, rows);
    // The retried activity has run once it has told the workflow: the stage's audit event is then final.
    await worker.logged('minutes overdue: host told', 'the retried minutes stage to finish');
    expect(await auditCount(world, exchange.id, 'exchange.minutes.remind')).toBe(1);
  }, 330_000);

  it('a series amendment: stored once, and every occurrence brought in line', async () => {
    const { host, other } = await organizations(world, ['CA', 'CB']);
    const coordinator = await person(world, host, { roles: ['coordinator', 'participant'] });
    const paused = await pausingWorker('series-amendment.committed');
    const series = await world.cluster.call<{ id: string }>(
      'POST',
      '/v1/series',
      coordinator.token,
      seriesBody(host, other, { title: 'Weekly coordination' }),
    );
    await waitFor(
      'two occurrences',
      () => occurrenceTitles(world, series.id),
      (titles) => titles.length === 2,
    );

    // The amendment waits for its Update, which waits for the activity: sent now, answered after the retry.
    const title = `Weekly coordination ${randomUUID().slice(0, 6)}`;
    const amended = fetch(`${world.cluster.apiUrl()}/v1/series/${series.id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${coordinator.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title }),
      signal: AbortSignal.timeout(200_000),
    });
    await killAtPause(paused, 'series-amendment.committed');
    await world.cluster.start('worker');

    const answer = await amended;
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { revision: number }).revision).toBe(2);
    expect(await occurrenceTitles(world, series.id)).toEqual([title, title]);
    expect(await auditCount(world, series.id, 'series.amend')).toBe(1);
  }, 300_000);

  /** A worker that waits at `site` when it gets there (the test hook). */
  function pausingWorker(site: FaultPauseSite): Promise<LiaisonProcess> {
    return world.cluster.start('worker', { LIAISON_FAULT_PAUSE_AT: site });
  }

  /** Waits until the worker is at `site`, between the commit and what follows it, and SIGKILLs it there. */
  async function killAtPause(worker: LiaisonProcess, site: FaultPauseSite, timeoutMs = 60_000): Promise<void> {
    await worker.logged(`fault pause: ${site}`, `the worker to pause at ${site}`, timeoutMs);
    await world.cluster.kill(worker);
    expect(worker.exited?.signal).toBe('SIGKILL');
  }
});

async function occurrenceTitles(world: FaultWorld, seriesId: string): Promise<string[]> {
  const db = await world.db();
  const { rows } = await db.query<{ title: string }>('SELECT title FROM exchanges WHERE series_id = $1 ORDER BY starts_at', [seriesId]);
  return rows.map((r) => r.title);
}

async function events(world: FaultWorld, requestId: string): Promise<string[]> {
  const db = await world.db();
  const { rows } = await db.query<{ kind: string }>('SELECT kind FROM support_request_events WHERE support_request_id = $1 ORDER BY at', [
    requestId,
  ]);
  return rows.map((r) => r.kind);
}

async function auditCount(world: FaultWorld, entityId: string, action: string): Promise<number> {
  const db = await world.db();
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM audit_events WHERE entity_id = $1 AND action = $2', [
    entityId,
    action,
  ]);
  return Number(rows[0].n);
}
