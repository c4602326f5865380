import { z } from 'zod';
import { FAULT_PAUSE_SITES } from './fault-pause';
import { SECRET_DEFAULTS } from './secrets';
import { trustProxy } from './trust-proxy';
import { duration, durationOrZero, oidcIssuer, perPriority, url } from './config-types';
import { eventSettings } from './events.schema';

/** The settings of sign-in with OpenID Connect, which go together. */
const OIDC_VARIABLES = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

/** Every variable the three processes read, with the default that makes the local stack work. */
export const configSchema = z
  .object({
    DATABASE_URL: url(['postgres:', 'postgresql:'])
      .default('postgres://postgres@127.0.0.1:5432/liaison')
      .describe('Postgres connection (`postgres://` or `postgresql://`). Each process opens a pool of up to 10 connections.'),
    REDIS_URL: url(['redis:', 'rediss:'])
      .default('redis://127.0.0.1:6379')
      .describe('Redis for the BullMQ reminder queue (`redis://` or `rediss://`; a database number may follow, e.g. `/2`).'),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[\w.-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores')
      .default('liaison')
      .describe(
        'Prefix of every queue key in Redis; installations (or test runs) that share one Redis each use their own. On a Redis Cluster, a hash tag such as `{liaison}`.',
      ),
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[\w.-]+:\d{1,5}$/, 'must be host:port')
      .default('127.0.0.1:7233')
      .describe('Temporal frontend.'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default').describe('Temporal namespace.'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('liaison').describe('The task queue the worker polls and the API starts workflows on.'),
    TEMPORAL_API_KEY: z.string().min(1).optional().describe('API key, e.g. for Temporal Cloud. Setting it also turns TLS on.'),
    TEMPORAL_TLS: z.enum(['true', 'false']).default('false').describe('`true`: TLS to Temporal, checked against the system CAs.'),
    TEMPORAL_TLS_CERT: z.string().min(1).optional().describe('mTLS: the PEM client certificate (with `TEMPORAL_TLS_KEY`); turns TLS on.'),
    TEMPORAL_TLS_KEY: z.string().min(1).optional().describe('mTLS: the PEM key of `TEMPORAL_TLS_CERT`.'),
    TEMPORAL_TLS_CA: z.string().min(1).optional().describe("The PEM CA of the server's certificate, if not a system CA; turns TLS on."),
    TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional().describe("Name on the server's certificate, if not `TEMPORAL_ADDRESS`'s host."),
    PORT: z.coerce
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(3000)
      .describe('HTTP port of the API (it listens on 0.0.0.0). `0`: a free port the system picks, which the start-up line names.'),
    PUBLIC_BASE_URL: url(['http:', 'https:'])
      .optional()
      .describe('Address of the API as users reach it, for the links in reminders and invitations. Unset: `http://127.0.0.1:<PORT>`.'),
    LIAISON_ADMIN_TOKEN: z
      .string()
      .min(16, 'must be at least 16 characters')
      .default(SECRET_DEFAULTS.LIAISON_ADMIN_TOKEN)
      .describe(
        'Bearer token that is an admin from the first start (at least 16 characters). With `NODE_ENV=production` every process refuses to start unless it is set, differs from the default and has at least 32 characters.',
      ),
    OIDC_ISSUER: oidcIssuer
      .optional()
      .describe(
        'Sign-in with OpenID Connect: the issuer (`https://`; its discovery document is read from `<issuer>/.well-known/openid-configuration`; `http://` only on a loopback address). Set with `OIDC_CLIENT_ID` and `OIDC_CLIENT_SECRET`, or none of the three (no OpenID Connect sign-in). The redirect URI to register at the provider is `<PUBLIC_BASE_URL>/v1/auth/oidc/callback`.',
      ),
    OIDC_CLIENT_ID: z.string().min(1).optional().describe("Sign-in with OpenID Connect: Liaison's client id at the provider."),
    OIDC_CLIENT_SECRET: z
      .string()
      .min(16, 'must be at least 16 characters')
      .optional()
      .describe(
        "Sign-in with OpenID Connect: Liaison's client secret at the provider (at least 16 characters). A secret: never logged; the key that seals the short-lived sign-in cookie is derived from it.",
      ),
    SMTP_URL: url(['smtp:', 'smtps:'])
      .default('smtp://127.0.0.1:1025')
      .describe('SMTP server for e-mail reminders (`smtp://` or `smtps://`, credentials in the URL if needed).'),
    MAIL_FROM: z.string().email().default('liaison@localhost.localdomain').describe('From address of reminders and `.ics` invitations.'),
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: z
      .enum(['true', 'false'])
      .default('false')
      .describe(
        '`true` lets webhook URLs point at loopback, private, link-local and other non-public addresses (and use `http:`): a closed network or a development stack. Off, such URLs are refused when set and again at each delivery.',
      ),
    WEBHOOK_ALLOW_HTTP: z.enum(['true', 'false']).default('false').describe('`true` allows `http:` webhook URLs to public addresses.'),
    WEBHOOK_SECRET_GRACE: durationOrZero
      .default('P1D')
      .describe(
        'After an organisation rotates its webhook signing secret, how long the previous one still signs beside the new one (`PT0S`: not at all).',
      ),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('How much to log.'),
    REMINDER_CONCURRENCY: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(50)
      .describe('Reminders one notifier process delivers at the same time (1-1000).'),
    REMINDER_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5).describe('Attempts before a reminder is `failed` (1-50).'),
    REMINDER_BACKOFF_MS: z.coerce.number().int().min(10).default(2000).describe('First retry delay in ms; it doubles on each retry.'),
    REMINDER_SWEEP_INTERVAL: duration
      .default('PT1M')
      .describe(
        "How often each notifier's sweep looks for reminders nothing will deliver: still `scheduled` after their due time, or `queued` with no job in Redis. One pass at a time across all notifiers.",
      ),
    REMINDER_SWEEP_GRACE: duration
      .default('PT30S')
      .describe('How long after its due time a reminder must still be undelivered before the sweep hands it to the queue.'),
    DIGEST_PASS_INTERVAL: duration
      .default('PT10S')
      .describe(
        "How often each notifier's digest pass looks for the people whose morning digest is due (and plans those who just opted in). One pass at a time across all notifiers; a digest is at most this late, plus the time to send the ones before it.",
      ),
    DIGEST_BATCH_SIZE: z.coerce
      .number()
      .int()
      .min(1)
      .max(10000)
      .default(500)
      .describe('People the digest pass claims per transaction (1-10000); a pass takes batch after batch until none is full.'),
    DIGEST_CONCURRENCY: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(50)
      .describe('Digests one notifier process gathers and sends at the same time (1-1000).'),
    REMINDER_QUEUE_AHEAD: durationOrZero
      .default('PT1M')
      .describe(
        "How long before its due time an exchange's reminder goes on the queue, as a delayed job released at the due time, so Temporal's backlog costs no lateness; a cancel or move inside that lead still wins. `PT0S`: at the due time. Read when an exchange's workflow starts.",
      ),
    SERIES_MAX_PER_YEAR: z.coerce
      .number()
      .int()
      .min(1)
      .max(366)
      .default(366)
      .describe('Most occurrences a series rule may have in a year; a rule with more is a 400 (1-366).'),
    TOKEN_TTL: duration
      .default('P90D')
      .describe('How long a person\'s bearer token lives after it is issued; then it gets a 401 "has expired".'),
    IDEMPOTENCY_KEY_LIFETIME: duration
      .default('PT24H')
      .describe('How long an `Idempotency-Key` and its first answer are kept; older keys are purged.'),
    IDEMPOTENCY_LEASE: duration
      .default('PT30S')
      .describe(
        'How long a request holds its `Idempotency-Key` without renewing it (it renews every third of it while it runs); a key whose request died is taken over by a retry once it has passed.',
      ),
    IDEMPOTENCY_PURGE_INTERVAL: duration
      .default('PT10M')
      .describe('How often the API purges expired idempotency keys (one pass at a time across API processes, in bounded batches).'),
    WORKFLOW_START_GRACE: duration
      .default('PT30S')
      .describe(
        "How long after its commit an exchange, series, support request or action item may still lack its workflow start (or signal) before the API's relay starts it: an API process died between the two. Longer than a normal start.",
      ),
    WORKFLOW_START_RELAY_INTERVAL: duration
      .default('PT15S')
      .describe("How often each API process's relay looks for such rows (one pass at a time across API processes, in bounded batches)."),
    ...eventSettings,
    RATE_LIMIT_PER_ADDRESS: z.coerce
      .number()
      .int()
      .min(1)
      .default(600)
      .describe('Requests a minute from one client address (with or without a token) before a 429 with `Retry-After`.'),
    RATE_LIMIT_PER_TOKEN: z.coerce
      .number()
      .int()
      .min(1)
      .default(300)
      .describe('Requests a minute with one bearer token, from any address, before a 429 with `Retry-After`.'),
    SESSION_LIFETIME: duration
      .default('P14D')
      .describe('How long a web session lives after its sign-in, used or not; then the web app asks to sign in again.'),
    SESSION_IDLE_TIMEOUT: duration.default('P3D').describe('How long a web session may go unused before it ends.'),
    SIGN_IN_LINKS_PER_EMAIL: z.coerce
      .number()
      .int()
      .min(1)
      .default(5)
      .describe('Sign-in links an hour asked for one e-mail address (known or not) before a 429 with `Retry-After`.'),
    SIGN_IN_LINKS_PER_ADDRESS: z.coerce
      .number()
      .int()
      .min(1)
      .default(30)
      .describe('Sign-in links an hour asked for from one client address, whatever the e-mail, before a 429 with `Retry-After`.'),
    TRUST_PROXY: trustProxy
      .prefault('false')
      .describe(
        'Which reverse proxies may name the client in `X-Forwarded-For`, for the per-address rate limit: `false`, a number of hops (0-10), or a comma list of addresses, CIDR ranges and `loopback`/`linklocal`/`uniquelocal`. `true` is refused.',
      ),
    CORS_ORIGINS: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(z.array(url(['http:', 'https:'])))
      .optional()
      .describe('Comma-separated browser origins (`https://...`) allowed to call the API. Unset: CORS is off.'),
    SUPPORT_ACKNOWLEDGE_WITHIN: perPriority
      .prefault('routine=P2D,priority=P1D,urgent=PT4H')
      .describe(
        "Per priority: working time, on the providing organisation's calendar, from a support request's submission until it must be acknowledged.",
      ),
    SUPPORT_DECIDE_WITHIN: perPriority
      .prefault('routine=P15D,priority=P7D,urgent=P2D')
      .describe(
        'Per priority: working time from the acknowledgement until the request must be decided (the clock stands still while the requester is asked for information).',
      ),
    SUPPORT_REMIND_BEFORE: perPriority
      .prefault('routine=P1D,priority=PT8H,urgent=PT1H')
      .describe(
        'Per priority: how long before each of these deadlines the assignee (or the providing coordinators) is reminded. Plain time.',
      ),
    SUPPORT_ESCALATE_AFTER: perPriority
      .prefault('routine=P2D,priority=P1D,urgent=PT4H')
      .describe("Per priority: how long after a missed deadline the providing organisation's senior level is told. Plain time."),
    SUPPORT_AUTO_CLOSE_AFTER: duration
      .default('P14D')
      .describe('A delivered support request closes by itself this long after delivery, unless the requester closes it first. Plain time.'),
    ADMIN_STUCK_AFTER: duration
      .default('PT15M')
      .describe(
        'Monitoring: a running workflow is stuck once a workflow task has waited this long for a worker (or kept failing), or an activity has been retrying this long.',
      ),
    ADMIN_LATE_AFTER: duration
      .default('PT1M')
      .describe('Monitoring: a running workflow is late once its next deadline (`LiaisonNextDeadline`) passed this long ago.'),
    TEMPORAL_UI_URL: url(['http:', 'https:'])
      .default('http://127.0.0.1:8233')
      .describe('The Temporal Web UI; the admin API and page link each workflow into it.'),
    WORKER_METRICS_ADDRESS: z
      .string()
      .regex(/^(off|[\w.-]+:\d{1,5})$/, 'must be host:port or off')
      .default('127.0.0.1:9464')
      .describe("Where the workflow worker serves the Temporal SDK's Prometheus metrics (`host:port`), or `off`."),
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce
      .number()
      .int()
      .min(0)
      .default(100)
      .describe(
        "Workflows the worker keeps in memory between their tasks; one out of the cache is replayed from its history when it wakes. Bounds the worker's memory (about 1 MiB per cached workflow, measured in bench/); 0 turns the cache off.",
      ),
    NOTIFIER_METRICS_PORT: z.coerce
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(9465)
      .describe("Port of the notifier's own `/metrics` and `/health/*` (0: any free port)."),
    SHUTDOWN_TIMEOUT: duration
      .default('PT30S')
      .describe(
        'How long a process may drain after `SIGTERM`/`SIGINT`: the API finishes its in-flight requests, the worker its tasks, the notifier its active jobs (the others wait in Redis). Past it the process exits with status 1.',
      ),
    LIAISON_FAULT_PAUSE_AT: z
      .enum(FAULT_PAUSE_SITES)
      .optional()
      .describe(
        'TEST HOOK of the fault tests, never to be set elsewhere: a named site where the worker stops and waits to be killed. Any other value stops the process at start-up.',
      ),
  })
  .superRefine((env, ctx) => {
    const given = OIDC_VARIABLES.filter((name) => env[name] !== undefined);
    if (given.length === 0 || given.length === OIDC_VARIABLES.length) return;
    for (const missing of OIDC_VARIABLES.filter((name) => env[name] === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: `OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together: give all three or none (${given.join(' and ')} set)`,
      });
    }
  })
  .refine((env) => (env.TEMPORAL_TLS_CERT === undefined) === (env.TEMPORAL_TLS_KEY === undefined), {
    message: 'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: give both or neither',
    path: ['TEMPORAL_TLS_KEY'],
  });

export type Env = z.infer<typeof configSchema>;
