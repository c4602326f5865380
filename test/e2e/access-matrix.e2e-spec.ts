import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { join } from 'node:path';
import type { Response, Test } from 'supertest';
import { DataSource } from 'typeorm';
import { appendAgendaItem } from '../../libs/persistence/src/repositories/agenda.repository';
import { OrganizationEntity } from '../../libs/persistence/src';
import { SessionsService } from '../../libs/access/src';
import type { SupportStep } from '../../libs/domain/src';
import {
  applicationRoutes,
  MATRIX_ROLES,
  MatrixRole,
  MatrixRow,
  parseAccessMatrix,
  parseThirdPartyMatrix,
  THIRD_PARTY_ROLES,
  ThirdPartyRole,
} from '../support/access-matrix';
import {
  createExchange,
  createSeries,
  exchangeBody,
  planningLeadMs,
  plannedInTime,
  seriesBody,
  statusReached,
  useStack,
} from '../support/exchanges';
import { createSubscription, insertDelivery, TestSubscription } from '../support/event-subscriptions';
import { createOrganization, createPerson, inSeconds, TestPerson, waitFor } from '../support/fixtures';
import { deadEndpoint, listenOnPortZero } from '../support/ports';
import { ADMIN_TOKEN } from '../support/stack';
import { answered } from '../support/typed-client';

/**
 * The access matrix of docs/ACCESS.md, called cell by cell. The expected statuses come from the
 * document, read when this file loads; what is here is, per route, a recipe: how to make the
 * resource the row is about (of the organisation OWN) and a valid body. One test per row calls the
 * route as each of the six columns and compares every answer with the document.
 */
const MATRIX_FILE = join(__dirname, '..', '..', 'docs', 'ACCESS.md');
const rows = parseAccessMatrix(readFileSync(MATRIX_FILE, 'utf8'));

/** Routes of the Swagger UI's own files, served beside GET /docs; ACCESS.md names them as not being rows. */
const SWAGGER_UI_FILES = [
  'GET /docs/',
  'GET /docs/index.html',
  'GET /docs/swagger-ui-init.js',
  'GET /docs/docs/swagger-ui-init.js',
  'GET /docs/LICENSE',
];

const DAY = 86_400;
/** Where the matrix's event subscriptions point: nothing is sent there in this suite. */
const SUBSCRIBER_URL = 'https://93.184.215.14/liaison-events';
const bearer = { type: 'bearer' } as const;
type Json = Record<string, any>;

/** One call of a row's route: the path's parameters, a query, a body, and who calls if not the column's own caller. */
interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: object;
  /** Call as this person instead (the `part-own` of a row whose resource is a person's own thing). */
  as?: TestPerson;
}

interface Recipe<F> {
  /** Makes the resource of OWN the row is about, in the state its call needs. */
  fixture?: () => Promise<F>;
  /**
   * A success changes the resource so that a second one would not be the same call (it is
   * deleted, confirmed, moved on): each expected success but the last gets a fixture of its own.
   * Refusals, and the last success, share one.
   */
  fresh?: boolean;
  /** Waits for something slow (an exchange to be held): run after the others. */
  slow?: boolean;
  call: (fixture: F, role: MatrixRole) => Call | Promise<Call>;
}

const recipe = <F>(r: Recipe<F>) => r as unknown as Recipe<unknown>;
const is2xx = (status: number) => status >= 200 && status < 300;

/** Support request steps, and the path (step, by whom) from `submitted` to the state each is taken from. */
type Step = SupportStep;
type StepBy = 'peerCoord' | 'peerSenior' | 'coordOwn';
const ACKNOWLEDGED: Array<[Step, StepBy]> = [['acknowledge', 'peerCoord']];
const RECOMMENDED: Array<[Step, StepBy]> = [...ACKNOWLEDGED, ['recommend', 'peerCoord']];
const APPROVED: Array<[Step, StepBy]> = [...RECOMMENDED, ['decide', 'peerSenior']];
const IN_DELIVERY: Array<[Step, StepBy]> = [...APPROVED, ['start-delivery', 'peerCoord']];
const PATHS = {
  submitted: [] as Array<[Step, StepBy]>,
  acknowledged: ACKNOWLEDGED,
  information_requested: [...ACKNOWLEDGED, ['request-information', 'peerCoord']] as Array<[Step, StepBy]>,
  recommended: RECOMMENDED,
  approved: APPROVED,
  in_delivery: IN_DELIVERY,
  delivered: [...IN_DELIVERY, ['deliver', 'peerCoord']] as Array<[Step, StepBy]>,
};
type SupportState = keyof typeof PATHS;

describe('access matrix (docs/ACCESS.md)', () => {
  const world = useStack(0);
  const http = () => world.stack.http();

  /** The organisations and people of the matrix, and the shared resources of OWN. */
  const w = {} as {
    own: string;
    peer: string;
    other: string;
    coordOwn: TestPerson;
    partOwn: TestPerson;
    coordOther: TestPerson;
    partOther: TestPerson;
    peerCoord: TestPerson;
    peerPart: TestPerson;
    peerSenior: TestPerson;
    /** A participant of OWN, colleague of part-own, for /v1/people/:id. */
    colleague: TestPerson;
    webhookUrl: string;
    /** An exchange between OWN and PEER a month ahead, with an agenda item and an action item. */
    exchange: Json;
    actionItem: Json;
    /** A one-minute exchange between OWN and PEER that starts seconds after beforeAll: held about a minute later. */
    held: Json;
    heldReached: Promise<unknown>;
    series: Json;
    request: Json;
  };
  let receiver: Server;
  let occurrences: Promise<string[]> | undefined;
  /** A webhook address whose every connection is dropped, for the reminder that fails for good. */
  let dead: { url: string; close: () => Promise<void> } | undefined;
  /** How far ahead a reminder's due time must be for this stack to plan it in time (planningLeadMs). */
  let leadMs: number;

  async function must(test: Test, status: number, what: string): Promise<Json> {
    const res = await test;
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Json;
  }

  /** An organisation of this suite's own (a unique code), with no weekend so that deadlines run on any day. */
  const organization = (prefix: string) => createOrganization(world.stack, prefix, 'Europe/Brussels', { weekend: [] });

  /** A person made by createPerson, with a webhook URL, by default the test's receiver (for the webhook test routes). */
  async function personWithWebhook(organization: string, roles: string[], url = w.webhookUrl): Promise<TestPerson> {
    const person = await createPerson(world.stack, organization, { roles });
    await must(
      http()
        .patch(`/v1/people/${person.id}`)
        .auth(ADMIN_TOKEN, bearer)
        .send({ channels: { email: false, webhookUrl: url } }),
      200,
      'webhook URL',
    );
    return person;
  }

  /** An event subscription of OWN, made by the admin token (private networks are allowed in this stack). */
  const subscriptionOfOwn = () =>
    createSubscription(world.stack, w.own, ADMIN_TOKEN, { url: SUBSCRIBER_URL, events: ['exchange.created'] });
  const ofSubscription = (s: TestSubscription): Call => ({ params: { code: w.own, id: s.id } });

  /** An exchange between OWN and PEER, hosted by OWN. */
  const between = (overrides: Record<string, unknown> = {}) =>
    exchangeBody(
      { un: w.own, nato: w.peer },
      {
        startsAt: inSeconds(30 * DAY),
        participantIds: [w.partOwn.id, w.peerPart.id],
        reminderOffsets: [],
        ...overrides,
      },
    );
  const newExchange = () => createExchange(world.stack, w.coordOwn, between());

  /** A new exchange whose workflow has completed its first workflow task: a point a reset can go back to. */
  async function startedExchange(): Promise<Json> {
    const exchange = await newExchange();
    // Four events: started, and the first workflow task scheduled, started and completed.
    await waitFor(
      `the first workflow task of exchange ${exchange.id as string} completed`,
      () =>
        must(
          http()
            .get(`/v1/admin/workflows/exchange-${exchange.id as string}`)
            .auth(ADMIN_TOKEN, bearer),
          200,
          'workflow',
        ),
      (workflow) => ((workflow.execution as Json).historyLength as number) >= 4,
    );
    return exchange;
  }

  /** A reminder of OWN that failed for good: a webhook to an address that drops every connection, every attempt refused. */
  async function failedReminder(): Promise<string> {
    dead ??= await deadEndpoint();
    const person = await personWithWebhook(w.own, ['participant'], dead.url);
    // Due once the stack has surely planned it (in-app and webhook: two rows).
    const exchange = await createExchange(
      world.stack,
      w.coordOwn,
      between({ startsAt: new Date(Date.now() + leadMs + 5000).toISOString(), participantIds: [person.id], reminderOffsets: ['PT5S'] }),
    );
    await plannedInTime(world.stack, w.coordOwn, exchange.id as string, 2);
    const reminders = await waitFor(
      `the webhook reminder of exchange ${exchange.id as string} failed for good`,
      async () =>
        (
          await must(
            http()
              .get(`/v1/exchanges/${exchange.id as string}/reminders`)
              .auth(ADMIN_TOKEN, bearer),
            200,
            'reminders',
          )
        ).items as Json[],
      (items) => items.some((r) => r.channel === 'webhook' && r.status === 'failed'),
      60_000,
    );
    return reminders.find((r) => r.channel === 'webhook')!.id as string;
  }

  async function agendaItem(exchangeId: string, by: TestPerson): Promise<string> {
    const body = { title: `Item ${randomUUID().slice(0, 6)}`, area: 'POC' };
    return (await must(http().post(`/v1/exchanges/${exchangeId}/agenda`).auth(by.token, bearer).send(body), 201, 'agenda item')).id;
  }

  const actionItemBody = () => ({ title: `Action ${randomUUID().slice(0, 6)}`, ownerId: w.partOwn.id, dueAt: inSeconds(20 * DAY) });
  async function actionItem(exchangeId: string): Promise<Json> {
    const res = http().post(`/v1/exchanges/${exchangeId}/action-items`).auth(w.coordOwn.token, bearer).send(actionItemBody());
    return must(res, 201, 'action item');
  }

  /** A weekly series between OWN and PEER, hosts alternating. */
  const seriesBetween = (horizon: number) =>
    seriesBody(
      { un: w.own, nato: w.peer },
      {
        rrule: 'FREQ=WEEKLY',
        dtstart: `${new Date(Date.now() + 30 * DAY * 1000).toISOString().slice(0, 10)}T10:00`,
        timezone: 'Europe/Brussels',
        participantIds: [w.partOwn.id, w.peerPart.id],
        horizon,
      },
    );
  const newSeries = async (horizon = 1) =>
    (await answered('series', 201, createSeries(world.stack, w.coordOwn, seriesBetween(horizon)))).id;

  /** The first two occurrences of the shared series, once its workflow has made them. */
  function seriesOccurrences(): Promise<string[]> {
    // Its horizon is 2: two occurrences, no more.
    occurrences ??= waitFor(
      `the two occurrences of series ${w.series.id as string}`,
      async () =>
        (await must(http().get(`/v1/series/${w.series.id}/exchanges`).auth(w.coordOwn.token, bearer), 200, 'occurrences')).items as Json[],
      (items) => items.length === 2,
    ).then((items) => items.map((e) => e.id as string));
    return occurrences;
  }

  const requestBody = () => ({
    title: `C-IED training ${randomUUID().slice(0, 6)}`,
    description: 'Two-week course for 20 engineers before the next rotation.',
    requestingOrganization: w.own,
    requestingUnit: 'MINUSCA',
    providingOrganization: w.peer,
    area: 'A4P',
    a4pArea: 'SAFETY-SECURITY',
    priority: 'routine',
    neededBy: new Date(Date.now() + 30 * DAY * 1000).toISOString().slice(0, 10),
    links: ['https://docs.example.org/c-ied-syllabus.pdf'],
  });

  const stepBody = (step: Step): object =>
    ({
      acknowledge: { assigneeId: w.peerPart.id },
      'request-information': { question: 'How many trainees, and which languages?' },
      'provide-information': { answer: '20 trainees; French and English.' },
      recommend: { recommendation: 'approve', rationale: 'Within capacity this quarter.' },
      decide: { decision: 'approve', rationale: 'Agreed.' },
      'start-delivery': {},
      deliver: { summary: 'Course held; 19 certified.' },
      close: {},
      withdraw: { reason: 'Covered by another partner.' },
    })[step];

  /** A request from OWN to PEER filed by coord-own, taken to `state` by the sides whose steps lead there. */
  async function requestIn(state: SupportState): Promise<string> {
    const id = (await must(http().post('/v1/support-requests').auth(w.coordOwn.token, bearer).send(requestBody()), 201, 'request')).id;
    for (const [step, by] of PATHS[state]) {
      await must(
        http().post(`/v1/support-requests/${id}/${step}`).auth(w[by].token, bearer).send(stepBody(step)),
        200,
        `${step} → ${state}`,
      );
    }
    return id as string;
  }

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.statusCode = 204;
        res.end();
      });
    });
    w.webhookUrl = `http://127.0.0.1:${await listenOnPortZero(receiver)}/hook`;
    leadMs = await planningLeadMs(world.stack, world.cast);

    w.own = await organization('OWN');
    w.peer = await organization('PEER');
    w.other = await organization('OTHER');
    w.coordOwn = await personWithWebhook(w.own, ['coordinator', 'participant']);
    w.partOwn = await personWithWebhook(w.own, ['participant']);
    w.coordOther = await personWithWebhook(w.other, ['coordinator', 'participant']);
    w.partOther = await personWithWebhook(w.other, ['participant']);
    w.colleague = await personWithWebhook(w.own, ['participant']);
    w.peerCoord = await createPerson(world.stack, w.peer, { roles: ['coordinator', 'participant'] });
    w.peerPart = await createPerson(world.stack, w.peer, {});
    w.peerSenior = await createPerson(world.stack, w.peer, { level: 'senior' });

    // First the slow one: held a minute after it starts; part-own gets its PT5S reminder in the inbox
    // (and to its webhook), PEER's participant in the inbox, due once the stack has surely planned them.
    w.held = await createExchange(
      world.stack,
      w.coordOwn,
      between({ startsAt: new Date(Date.now() + leadMs + 5000).toISOString(), durationMinutes: 1, reminderOffsets: ['PT5S'] }),
    );
    await plannedInTime(world.stack, w.coordOwn, w.held.id as string, 3);
    w.heldReached = statusReached(world.stack, w.coordOwn, w.held.id as string, 'held', 150_000);
    w.heldReached.catch(() => undefined); // awaited by the minutes rows, which report it

    w.exchange = await newExchange();
    await agendaItem(w.exchange.id as string, w.coordOwn);
    w.actionItem = await actionItem(w.exchange.id as string);
    w.series = { id: await newSeries(2) };
    w.request = { id: await requestIn('submitted') };
  });

  afterAll(async () => {
    await dead?.close();
    receiver?.closeAllConnections();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  });

  const X = () => w.exchange.id as string;
  const supportStep = (step: Step, from: SupportState) =>
    recipe({ fixture: () => requestIn(from), fresh: true, call: (id: string) => ({ params: { id }, body: stepBody(step) }) });
  const heldExchange = async () => {
    await w.heldReached;
    return w.held.id as string;
  };

  /** Per row of the matrix, keyed by its endpoint: how to call it. */
  const RECIPES: Record<string, Recipe<unknown>> = {
    // Public
    'GET /health/live': recipe({ call: () => ({}) }),
    'GET /health/ready': recipe({ call: () => ({}) }),
    'GET /metrics': recipe({ call: () => ({}) }),
    'GET /docs': recipe({ call: () => ({}) }),
    'GET /docs/openapi.json': recipe({ call: () => ({}) }),
    'GET /docs-yaml': recipe({ call: () => ({}) }),
    'GET /v1/calendar/:personId.ics': recipe({
      fixture: async () => {
        // The address is shown when its token is made: a rotation makes one whatever happened before.
        const { url } = await must(http().post('/v1/me/calendar/rotate').auth(w.partOwn.token, bearer), 200, 'feed address');
        return new URL(url as string).searchParams.get('token')!;
      },
      call: (token: string) => ({ params: { personId: w.partOwn.id }, query: { token } }),
    }),
    // Public; this stack has no OIDC_* settings (test/e2e/oidc-sign-in.e2e-spec.ts has a provider).
    'GET /v1/auth/oidc/start': recipe({ call: () => ({ query: { next: '/' } }) }),
    'GET /v1/auth/oidc/callback': recipe({ call: () => ({ query: { code: 'code', state: 'state' } }) }),
    // Sign-in by e-mail link: public, the same answer whoever asks (a new address each call, under its rate limit).
    'POST /v1/auth/email-link': recipe({ call: () => ({ body: { email: `who-${randomUUID().slice(0, 8)}@matrix.example.org` } }) }),
    'POST /v1/auth/sessions': recipe({ call: () => ({ body: { token: `lsl_${'A'.repeat(43)}` } }) }),
    'GET /v1/auth/methods': recipe({ call: () => ({}) }),
    // The session of the web app's cookie: a bearer token has none (404), the admin token is not a person (403).
    'GET /v1/auth/session': recipe({ call: () => ({}) }),
    'DELETE /v1/auth/session': recipe({ call: () => ({}) }),

    // Catalogues and organisations
    'GET /v1/areas': recipe({ call: () => ({}) }),
    'GET /v1/a4p-areas': recipe({ call: () => ({}) }),
    'GET /v1/organizations': recipe({ call: () => ({}) }),
    'POST /v1/organizations': recipe({
      call: () => {
        const code = `NEW-${randomUUID().slice(0, 6).toUpperCase()}`;
        return { body: { code, name: `${code} secretariat`, timezone: 'Europe/Vienna' } };
      },
    }),
    'PUT /v1/organizations/:code/calendar': recipe({ call: () => ({ params: { code: w.own }, body: { weekend: [], holidays: [] } }) }),
    'PUT /v1/organizations/:code/language': recipe({ call: () => ({ params: { code: w.own }, body: { defaultLanguage: 'en' } }) }),
    'POST /v1/organizations/:code/webhook-secret/rotate': recipe({ call: () => ({ params: { code: w.own } }) }),

    // Event subscriptions of OWN (made by the admin token), one per success that changes or removes it
    'POST /v1/organizations/:code/event-subscriptions': recipe({
      call: () => ({ params: { code: w.own }, body: { url: SUBSCRIBER_URL, events: ['exchange.created'] } }),
    }),
    'GET /v1/organizations/:code/event-subscriptions': recipe({ call: () => ({ params: { code: w.own } }) }),
    'GET /v1/organizations/:code/event-subscriptions/:id': recipe({ fixture: subscriptionOfOwn, call: ofSubscription }),
    'PATCH /v1/organizations/:code/event-subscriptions/:id': recipe({
      fixture: subscriptionOfOwn,
      call: (s: TestSubscription) => ({ ...ofSubscription(s), body: { description: 'Registry of meetings' } }),
    }),
    'DELETE /v1/organizations/:code/event-subscriptions/:id': recipe({ fixture: subscriptionOfOwn, fresh: true, call: ofSubscription }),
    'POST /v1/organizations/:code/event-subscriptions/:id/rotate-secret': recipe({ fixture: subscriptionOfOwn, call: ofSubscription }),
    'GET /v1/organizations/:code/event-subscriptions/:id/deliveries': recipe({ fixture: subscriptionOfOwn, call: ofSubscription }),
    'POST /v1/organizations/:code/event-subscriptions/:id/deliveries/:deliveryId/redeliver': recipe({
      fixture: async () => {
        const subscription = await subscriptionOfOwn();
        const [own]: Array<{ id: string }> = await world.stack.api
          .get(DataSource)
          .query(`SELECT id FROM organizations WHERE code = $1`, [w.own]);
        const { deliveryId } = await insertDelivery(
          world.stack,
          { id: subscription.id, organizationId: own.id },
          { status: 'failed', attempts: 1, lastStatus: 500, exchangeId: randomUUID() },
        );
        return { subscription, deliveryId };
      },
      call: (f: { subscription: TestSubscription; deliveryId: string }) => ({
        params: { ...ofSubscription(f.subscription).params, deliveryId: f.deliveryId },
      }),
    }),
    'POST /v1/organizations/:code/event-subscriptions/:id/ping': recipe({ fixture: subscriptionOfOwn, call: ofSubscription }),

    // People
    'POST /v1/people': recipe({
      call: () => {
        const email = `new-${randomUUID().slice(0, 8)}@${w.own.toLowerCase()}.example.org`;
        return {
          body: {
            name: `Person ${email}`,
            email,
            organization: w.own,
            level: 'working',
            roles: ['participant'],
            timezone: 'Europe/Brussels',
          },
        };
      },
    }),
    'GET /v1/people': recipe({ call: () => ({}) }),
    'GET /v1/people/:id': recipe({ call: () => ({ params: { id: w.colleague.id } }) }),
    'PATCH /v1/people/:id': recipe({
      fixture: () => createPerson(world.stack, w.own),
      fresh: true,
      call: (person: TestPerson) => ({ params: { id: person.id }, body: { name: `Renamed ${randomUUID().slice(0, 6)}` } }),
    }),
    'POST /v1/people/:id/tokens': recipe({
      fixture: () => createPerson(world.stack, w.own),
      fresh: true,
      call: (person: TestPerson) => ({ params: { id: person.id } }),
    }),
    'POST /v1/people/:id/webhooks/test': recipe({ call: () => ({ params: { id: w.colleague.id } }) }),
    'POST /v1/people/:id/deactivate': recipe({
      fixture: () => createPerson(world.stack, w.own),
      fresh: true,
      call: (person: TestPerson) => ({ params: { id: person.id } }),
    }),
    'DELETE /v1/people/:id/calendar': recipe({
      // A participant of OWN with a live feed; revoking is idempotent, so the successes share it.
      fixture: async () => {
        const person = await createPerson(world.stack, w.own);
        await must(http().post('/v1/me/calendar/rotate').auth(person.token, bearer), 200, 'feed address');
        return person;
      },
      call: (person: TestPerson) => ({ params: { id: person.id } }),
    }),
    'POST /v1/people/:id/reactivate': recipe({
      fixture: async () => {
        const person = await createPerson(world.stack, w.own);
        await must(http().post(`/v1/people/${person.id}/deactivate`).auth(ADMIN_TOKEN, bearer), 200, 'deactivate');
        return person;
      },
      fresh: true,
      call: (person: TestPerson) => ({ params: { id: person.id } }),
    }),

    // Me: each person their own; the routes with an id take part-own's
    'GET /v1/me': recipe({ call: () => ({}) }),
    'PATCH /v1/me': recipe({ call: () => ({ body: { timezone: 'Europe/Brussels' } }) }),
    'GET /v1/me/tokens': recipe({ call: () => ({}) }),
    'DELETE /v1/me/tokens/:tokenId': recipe({
      // Revoking one's current token ends it, so part-own is a participant of OWN made for the row.
      fixture: async () => {
        const holder = await createPerson(world.stack, w.own);
        const tokens = await must(http().get('/v1/me/tokens').auth(holder.token, bearer), 200, 'tokens');
        return { holder, tokenId: (tokens.items as Json[]).find((t) => t.current)!.id as string };
      },
      fresh: true,
      call: ({ holder, tokenId }: { holder: TestPerson; tokenId: string }, role) => ({
        params: { tokenId },
        as: role === 'part-own' ? holder : undefined,
      }),
    }),
    'GET /v1/me/sessions': recipe({ call: () => ({}) }),
    'DELETE /v1/me/sessions/:sessionId': recipe({
      // A web session of part-own's, opened as a sign-in does; only its owner ends it.
      fixture: async () => (await world.stack.api.get(SessionsService).open(w.partOwn.id, { method: 'email-link' })).session.id,
      fresh: true,
      call: (sessionId: string) => ({ params: { sessionId } }),
    }),
    'GET /v1/me/notifications': recipe({ call: () => ({}) }),
    'GET /v1/me/waiting': recipe({ call: () => ({}) }),
    'POST /v1/me/notifications/:id/read': recipe({
      fixture: async () =>
        (
          await waitFor(
            `part-own's reminder of exchange ${w.held.id as string} in the inbox`,
            async () =>
              (await must(http().get('/v1/me/notifications?limit=200').auth(w.partOwn.token, bearer), 200, 'inbox')).items as Json[],
            (items) => items.some((n) => n.exchangeId === w.held.id),
            60_000,
          )
        ).find((n) => n.exchangeId === w.held.id)!.id as string,
      call: (id: string) => ({ params: { id } }),
    }),
    'GET /v1/me/calendar': recipe({ call: () => ({}) }),
    'POST /v1/me/calendar/rotate': recipe({ call: () => ({}) }),
    'DELETE /v1/me/calendar': recipe({ call: () => ({}) }),
    'POST /v1/me/webhooks/test': recipe({ call: () => ({}) }),

    'GET /v1/admin/audit': recipe({ call: () => ({}) }),
    'GET /v1/admin/workflows': recipe({ call: () => ({ query: { kind: 'exchange', organization: w.own } }) }),
    'GET /v1/admin/workflows/:workflowId': recipe({ call: () => ({ params: { workflowId: `exchange-${X()}` } }) }),
    'POST /v1/admin/workflows/:workflowId/terminate': recipe({
      fixture: newExchange,
      call: (e: Json) => ({ params: { workflowId: `exchange-${e.id as string}` }, body: { reason: 'access matrix' } }),
    }),
    'POST /v1/admin/workflows/:workflowId/reset': recipe({
      fixture: startedExchange,
      call: (e: Json) => ({ params: { workflowId: `exchange-${e.id as string}` }, body: { reason: 'access matrix' } }),
    }),
    'GET /v1/admin/queues': recipe({ call: () => ({}) }),
    'GET /v1/admin/reminders': recipe({ call: () => ({ query: { status: 'failed' } }) }),
    // The admin page: a cookie, not the bearer token, decides; the login body holds no token.
    'GET /admin': recipe({ call: () => ({}) }),
    'GET /admin/login': recipe({ call: () => ({}) }),
    'POST /admin/login': recipe({ call: () => ({ body: {} }) }),
    'POST /admin/logout': recipe({ call: () => ({}) }),
    'POST /admin/reminders/:id/retry': recipe({ call: () => ({ params: { id: randomUUID() } }) }),
    'POST /v1/admin/reminders/:id/retry': recipe({ fixture: failedReminder, slow: true, call: (id: string) => ({ params: { id } }) }),

    // Exchanges
    'POST /v1/exchanges': recipe({ call: () => ({ body: between() }) }),
    'GET /v1/exchanges': recipe({ call: () => ({}) }),
    'GET /v1/exchanges/:id': recipe({ call: () => ({ params: { id: X() } }) }),
    'POST /v1/exchanges/:id/confirm': recipe({
      fixture: newExchange,
      fresh: true,
      call: (e: Json) => ({ params: { id: e.id as string }, body: { organization: w.own } }),
    }),
    'POST /v1/exchanges/:id/reschedule': recipe({
      fixture: newExchange,
      fresh: true,
      call: (e: Json) => ({ params: { id: e.id as string }, body: { startsAt: inSeconds(40 * DAY), reason: 'Clash with the Council' } }),
    }),
    'POST /v1/exchanges/:id/cancel': recipe({
      fixture: newExchange,
      fresh: true,
      call: (e: Json) => ({ params: { id: e.id as string }, body: { reason: 'Postponed sine die' } }),
    }),
    'GET /v1/exchanges/:id/reminders': recipe({ call: () => ({ params: { id: X() } }) }),
    'POST /v1/exchanges/:id/attendance': recipe({ call: () => ({ params: { id: X() }, body: { status: 'accepted' } }) }),
    'GET /v1/exchanges/:id/attendance/delegates': recipe({ call: () => ({ params: { id: X() } }) }),
    // A token Liaison never signed: the token, not the caller, decides.
    'GET /v1/attendance/link': recipe({ call: () => ({ query: { token: 'not.signed' } }) }),
    'POST /v1/attendance/link': recipe({ call: () => ({ body: { token: 'not.signed', answer: 'accepted' } }) }),

    // Agenda
    'GET /v1/exchanges/:id/agenda': recipe({ call: () => ({ params: { id: X() } }) }),
    'POST /v1/exchanges/:id/agenda': recipe({
      call: () => ({
        params: { id: X() },
        body: { title: `Proposal ${randomUUID().slice(0, 6)}`, area: 'POC', proposingOrganization: w.own, ownerId: w.coordOwn.id },
      }),
    }),
    'PATCH /v1/exchanges/:id/agenda/:itemId': recipe({
      fixture: () => agendaItem(X(), w.coordOwn),
      fresh: true,
      call: (itemId: string) => ({ params: { id: X(), itemId }, body: { title: `Changed ${randomUUID().slice(0, 6)}` } }),
    }),
    'DELETE /v1/exchanges/:id/agenda/:itemId': recipe({
      fixture: () => agendaItem(X(), w.coordOwn),
      fresh: true,
      call: (itemId: string) => ({ params: { id: X(), itemId } }),
    }),
    'POST /v1/exchanges/:id/agenda/:itemId/accept': recipe({
      fixture: () => agendaItem(X(), w.peerCoord),
      fresh: true,
      call: (itemId: string) => ({ params: { id: X(), itemId }, body: { organization: w.own } }),
    }),
    'POST /v1/exchanges/:id/agenda/:itemId/carry-forward': recipe({
      fixture: async () => {
        const [first] = await seriesOccurrences();
        return { id: first, itemId: await agendaItem(first, w.coordOwn) };
      },
      fresh: true,
      call: (params: { id: string; itemId: string }) => ({ params }),
    }),

    // Minutes, of the held exchange
    'GET /v1/exchanges/:id/minutes': recipe({ fixture: heldExchange, slow: true, call: (id: string) => ({ params: { id } }) }),
    'PUT /v1/exchanges/:id/minutes': recipe({
      fixture: heldExchange,
      slow: true,
      call: (id: string) => ({ params: { id }, body: { text: `Both secretariats reviewed ${randomUUID().slice(0, 6)}` } }),
    }),
    'POST /v1/exchanges/:id/minutes/approve': recipe({
      fixture: heldExchange,
      slow: true,
      // Every call gets a version of its own to approve: an admin drafts one just before.
      call: async (id: string) => {
        const draft = http()
          .put(`/v1/exchanges/${id}/minutes`)
          .auth(ADMIN_TOKEN, bearer)
          .send({ text: `Draft ${randomUUID()}` });
        const { version } = await must(draft, 200, 'minutes draft');
        return { params: { id }, body: { organization: w.own, version: version as number } };
      },
    }),

    // Action items
    'POST /v1/exchanges/:id/action-items': recipe({ call: () => ({ params: { id: X() }, body: actionItemBody() }) }),
    'GET /v1/exchanges/:id/action-items': recipe({ call: () => ({ params: { id: X() } }) }),
    'GET /v1/exchanges/:id/action-items/:itemId': recipe({ call: () => ({ params: { id: X(), itemId: w.actionItem.id as string } }) }),
    'PATCH /v1/exchanges/:id/action-items/:itemId': recipe({
      fixture: () => actionItem(X()),
      fresh: true,
      call: (item: Json) => ({ params: { id: X(), itemId: item.id as string }, body: { status: 'done' } }),
    }),
    'GET /v1/action-items': recipe({ call: () => ({}) }),

    // Series
    'POST /v1/series/preview': recipe({
      call: () => ({ body: { rrule: 'FREQ=MONTHLY;BYDAY=2TU', dtstart: '2027-01-12T10:00', timezone: 'Europe/Brussels', count: 6 } }),
    }),
    'POST /v1/series': recipe({ call: () => ({ body: seriesBetween(1) }) }),
    // Everyone may list; what each one finds is test/e2e/series-list.e2e-spec.ts.
    'GET /v1/series': recipe({ call: () => ({}) }),
    'GET /v1/series/:id': recipe({ call: () => ({ params: { id: w.series.id as string } }) }),
    'PATCH /v1/series/:id': recipe({
      fixture: () => newSeries(),
      fresh: true,
      call: (id: string) => ({ params: { id }, body: { title: `Consultation ${randomUUID().slice(0, 6)}` } }),
    }),
    'POST /v1/series/:id/pause': recipe({ fixture: () => newSeries(), fresh: true, call: (id: string) => ({ params: { id } }) }),
    'POST /v1/series/:id/resume': recipe({
      fixture: async () => {
        const id = await newSeries();
        await must(http().post(`/v1/series/${id}/pause`).auth(w.coordOwn.token, bearer), 200, 'pause');
        return id;
      },
      fresh: true,
      call: (id: string) => ({ params: { id } }),
    }),
    'POST /v1/series/:id/end': recipe({ fixture: () => newSeries(), fresh: true, call: (id: string) => ({ params: { id } }) }),
    'GET /v1/series/:id/exchanges': recipe({ call: () => ({ params: { id: w.series.id as string } }) }),

    // Support requests
    'POST /v1/support-requests': recipe({ call: () => ({ body: requestBody() }) }),
    'GET /v1/support-requests': recipe({ call: () => ({}) }),
    'GET /v1/support-requests/:id': recipe({ call: () => ({ params: { id: w.request.id as string } }) }),
    'POST /v1/support-requests/:id/acknowledge': supportStep('acknowledge', 'submitted'),
    'POST /v1/support-requests/:id/request-information': supportStep('request-information', 'acknowledged'),
    'POST /v1/support-requests/:id/provide-information': supportStep('provide-information', 'information_requested'),
    'POST /v1/support-requests/:id/recommend': supportStep('recommend', 'acknowledged'),
    'POST /v1/support-requests/:id/decide': supportStep('decide', 'recommended'),
    'POST /v1/support-requests/:id/start-delivery': supportStep('start-delivery', 'approved'),
    'POST /v1/support-requests/:id/deliver': supportStep('deliver', 'in_delivery'),
    'POST /v1/support-requests/:id/close': supportStep('close', 'delivered'),
    'POST /v1/support-requests/:id/withdraw': supportStep('withdraw', 'submitted'),
    'POST /v1/support-requests/:id/messages': recipe({
      call: () => ({ params: { id: w.request.id as string }, body: { body: 'Could the course start a week later?' } }),
    }),
    'POST /v1/support-requests/:id/raise': recipe({
      fixture: () => requestIn('submitted'),
      fresh: true,
      call: (id: string) => ({ params: { id }, body: { exchangeId: X() } }),
    }),
  };

  function tokenOf(role: MatrixRole): string | null {
    const callers: Record<MatrixRole, () => string | null> = {
      anon: () => null,
      admin: () => ADMIN_TOKEN,
      'coord-own': () => w.coordOwn.token,
      'part-own': () => w.partOwn.token,
      'coord-other': () => w.coordOther.token,
      'part-other': () => w.partOther.token,
    };
    return callers[role]();
  }

  function send(row: MatrixRow, call: Call, role: MatrixRole): Test {
    const url = row.path.replace(/:([A-Za-z][A-Za-z0-9]*)/g, (_, name: string) => {
      const value = call.params?.[name];
      if (!value) throw new Error(`the recipe of ${row.endpoint} gives no :${name}`);
      return encodeURIComponent(value);
    });
    const agent = http();
    const methods = {
      GET: () => agent.get(url),
      POST: () => agent.post(url),
      PUT: () => agent.put(url),
      PATCH: () => agent.patch(url),
      DELETE: () => agent.delete(url),
    } as Record<string, () => Test>;
    let test = methods[row.method]();
    const token = call.as ? call.as.token : tokenOf(role);
    if (token) test = test.auth(token, bearer);
    if (call.query) test = test.query(call.query);
    if (call.body !== undefined) test = test.send(call.body);
    return test;
  }

  /** What a surprising answer said, to put next to its status. */
  function why(res: Response): string {
    const body = res.body as Json | undefined;
    const said = body && typeof body === 'object' ? [body.code, body.message].filter(Boolean).join(': ') : '';
    return said ? ` (${String(said).slice(0, 160)})` : '';
  }

  it('has a row for every route of the application, a route for every row, and a recipe for every row', () => {
    const routes = applicationRoutes(world.stack.api).filter((route) => !SWAGGER_UI_FILES.includes(route));
    const endpoints = rows.map((row) => row.endpoint);
    expect({
      routesWithoutRow: routes.filter((route) => !endpoints.includes(route)).sort(),
      rowsThatAreNoRoute: endpoints.filter((endpoint) => !routes.includes(endpoint)),
      rowsWithoutRecipe: endpoints.filter((endpoint) => !(endpoint in RECIPES)),
      recipesWithoutRow: Object.keys(RECIPES).filter((endpoint) => !endpoints.includes(endpoint)),
    }).toEqual({ routesWithoutRow: [], rowsThatAreNoRoute: [], rowsWithoutRecipe: [], recipesWithoutRow: [] });
  });

  // The rows that wait for the held exchange go last, so that the rest runs while it is being held.
  const slow = (row: MatrixRow) => (RECIPES[row.endpoint]?.slow ? 1 : 0);
  const ordered = [...rows].sort((a, b) => slow(a) - slow(b));

  it.each(ordered.map((row) => [row.endpoint, row] as const))('%s', async (_endpoint, row) => {
    const r = RECIPES[row.endpoint];
    if (!r) throw new Error(`${row.endpoint} (docs/ACCESS.md line ${row.line}) has no recipe in this test`);
    // Refusals first, on the shared fixture; then the successes, each on a fixture of its own when
    // the recipe says a success changes it, except the last, which may take the shared one.
    const successes = MATRIX_ROLES.filter((role) => is2xx(row.expected[role]));
    const order = [...MATRIX_ROLES.filter((role) => !is2xx(row.expected[role])), ...successes];
    let shared: Promise<unknown> | undefined;
    const answers = new Map<MatrixRole, string>();
    for (const role of order) {
      const own = r.fresh && is2xx(row.expected[role]) && role !== successes.at(-1);
      const fixture = own ? await r.fixture!() : await (shared ??= r.fixture ? r.fixture() : Promise.resolve(undefined));
      const res = await send(row, await r.call(fixture, role), role);
      answers.set(role, `${role}: ${res.status}${res.status === row.expected[role] ? '' : why(res)}`);
    }
    expect(MATRIX_ROLES.map((role) => answers.get(role))).toEqual(MATRIX_ROLES.map((role) => `${role}: ${row.expected[role]}`));
  });

  /**
   * The table of a third organisation on a shared exchange (docs/ACCESS.md): THIRD takes part in an
   * exchange of OWN and PEER whose agenda holds a support request of OWN to PEER. Each cell is a
   * status, and no answer holds the request's title, nor its id unless the call names it.
   */
  describe('a third organisation on a shared exchange', () => {
    const thirdRows = parseThirdPartyMatrix(readFileSync(MATRIX_FILE, 'utf8'));
    const t = {} as {
      coordThird: TestPerson;
      partThird: TestPerson;
      exchangeId: string;
      requestItemId: string;
      request: { id: string; title: string };
    };
    const person = (role: ThirdPartyRole) => (role === 'coord-third' ? t.coordThird : t.partThird);

    const THIRD_RECIPES: Record<string, (role: ThirdPartyRole) => Call | Promise<Call>> = {
      'GET /v1/exchanges': () => ({ query: { limit: '200' } }),
      'GET /v1/exchanges/:id': () => ({ params: { id: t.exchangeId } }),
      'GET /v1/exchanges/:id/agenda': () => ({ params: { id: t.exchangeId } }),
      'PATCH /v1/exchanges/:id/agenda/:itemId': () => ({
        params: { id: t.exchangeId, itemId: t.requestItemId },
        body: { title: 'Renamed by THIRD' },
      }),
      'DELETE /v1/exchanges/:id/agenda/:itemId': () => ({ params: { id: t.exchangeId, itemId: t.requestItemId } }),
      'POST /v1/exchanges/:id/agenda/:itemId/accept': (role) => ({
        params: { id: t.exchangeId, itemId: t.requestItemId },
        body: { organization: person(role).organization },
      }),
      'GET /v1/support-requests': () => ({ query: { limit: '200' } }),
      'GET /v1/support-requests/:id': () => ({ params: { id: t.request.id } }),
      'POST /v1/support-requests/:id/messages': () => ({ params: { id: t.request.id }, body: { body: 'What is this about?' } }),
      'POST /v1/support-requests/:id/raise': () => ({ params: { id: t.request.id }, body: { exchangeId: t.exchangeId } }),
      'GET /v1/me/notifications': () => ({ query: { limit: '200' } }),
      'GET /v1/calendar/:personId.ics': async (role) => {
        const { url } = await must(http().post('/v1/me/calendar/rotate').auth(person(role).token, bearer), 200, 'feed address');
        return { params: { personId: person(role).id }, query: Object.fromEntries(new URL(url as string).searchParams) };
      },
      'GET /v1/admin/audit': () => ({ query: { limit: '200' } }),
      'GET /v1/admin/reminders': () => ({}),
    };

    beforeAll(async () => {
      const third = await organization('THIRD');
      t.coordThird = await createPerson(world.stack, third, { roles: ['coordinator', 'participant'] });
      t.partThird = await createPerson(world.stack, third, {});
      const exchange = await createExchange(
        world.stack,
        w.coordOwn,
        between({ level: 'senior', organizations: [w.own, w.peer, third], participantIds: [w.partOwn.id, w.peerPart.id, t.partThird.id] }),
      );
      t.exchangeId = exchange.id as string;
      await agendaItem(t.exchangeId, w.coordOwn);
      const id = await requestIn('submitted');
      const request = await must(http().get(`/v1/support-requests/${id}`).auth(w.coordOwn.token, bearer), 200, 'request');
      t.request = { id, title: request.title as string };
      // Raised onto the exchange as `raise` did before it refused exchanges with a third organisation.
      const item = await world.stack.api.get(DataSource).transaction(async (manager) =>
        appendAgendaItem(manager, {
          exchangeId: t.exchangeId,
          title: `Support request: ${t.request.title}`,
          areaCode: 'A4P',
          proposingOrganizationId: (await manager.findOneByOrFail(OrganizationEntity, { code: w.own })).id,
          ownerId: w.coordOwn.id,
          acceptedBy: [w.own],
          supportRequestId: id,
          createdBy: w.coordOwn.id,
        }),
      );
      t.requestItemId = item.id;
      // The two sides do see it there: what THIRD is not shown is on the agenda.
      for (const side of [w.coordOwn, w.peerCoord]) {
        const agenda = await must(http().get(`/v1/exchanges/${t.exchangeId}/agenda`).auth(side.token, bearer), 200, 'agenda');
        expect((agenda.items as Json[]).find((i) => i.supportRequestId === id)).toMatchObject({
          title: `Support request: ${t.request.title}`,
        });
      }
    });

    it('has a recipe for every row', () => {
      expect(thirdRows.map((row) => row.endpoint).filter((endpoint) => !(endpoint in THIRD_RECIPES))).toEqual([]);
    });

    it.each(thirdRows.map((row) => [row.endpoint, row] as const))('%s', async (_endpoint, row) => {
      const answers: string[] = [];
      for (const role of THIRD_PARTY_ROLES) {
        const call = await THIRD_RECIPES[row.endpoint](role);
        const url = row.path.replace(/:([A-Za-z][A-Za-z0-9]*)/g, (_, name: string) => encodeURIComponent(call.params![name]));
        const method = row.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
        let test = http()[method](url).auth(person(role).token, bearer);
        if (call.query) test = test.query(call.query);
        if (call.body !== undefined) test = test.send(call.body);
        const res = await test;
        const hidden = [t.request.title, ...(url.includes(t.request.id) ? [] : [t.request.id])];
        const shown = hidden.filter((secret) => res.text.includes(secret));
        answers.push(
          `${role}: ${res.status}${res.status === row.expected[role] ? '' : why(res)}${shown.length ? ` shows ${shown.join(', ')}` : ''}`,
        );
      }
      expect(answers).toEqual(THIRD_PARTY_ROLES.map((role) => `${role}: ${row.expected[role]}`));
    });
  });
});
