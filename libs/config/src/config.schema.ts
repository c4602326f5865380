import { z } from 'zod';
import { FAULT_PAUSE_SITES } from './fault-pause';
import { SECRET_DEFAULTS } from './secrets';
import { trustProxy } from './trust-proxy';

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    {
      message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    },
  );

const PRIORITIES = ['routine', 'priority', 'urgent'] as const;
const DAYS_AND_TIME = /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/** An ISO 8601 duration of days, hours, minutes and seconds (`P2D`, `PT4H`), longer than zero. */
const duration = z
  .string()
  .regex(DAYS_AND_TIME, 'must be an ISO 8601 duration of days and time, such as P2D or PT4H')
  .refine((v) => !/^PT?$/.test(v) && /[1-9]/.test(v), 'must be longer than zero');

/** Like `duration`, but zero (`PT0S`) is allowed. */
const durationOrZero = z.string().regex(DAYS_AND_TIME, 'must be an ISO 8601 duration of days and time, such as PT1M or PT0S');

/** One duration per support-request priority: `routine=P2D,priority=P1D,urgent=PT4H`. */
const perPriority = z.string().transform((value, ctx) => {
  const entries = value.split(',').map((part) => part.trim().split('='));
  const map: Partial<Record<(typeof PRIORITIES)[number], string>> = {};
  for (const [key, iso] of entries) {
    const priority = PRIORITIES.find((p) => p === key);
    if (!priority || !iso || !duration.safeParse(iso).success) {
      ctx.addIssue({
        code: 'custom',
        message: `must be routine=<duration>,priority=<duration>,urgent=<duration> (ISO 8601 days and time); "${key}=${iso ?? ''}" is not`,
      });
      return z.NEVER;
    }
    map[priority] = iso;
  }
  const missing = PRIORITIES.filter((p) => !map[p]);
  if (missing.length > 0) {
    ctx.addIssue({ code: 'custom', message: `must give every priority; ${missing.join(', ')} missing` });
    return z.NEVER;
  }
  return map as Record<(typeof PRIORITIES)[number], string>;
});

/** Every variable the three processes read, with the default that makes the local stack work. */
export const configSchema = z
  .object({
    DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/liaison'),
    REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
    /** Prefix of every queue key in Redis; deployments (or test runs) that share a Redis each use their own. */
    QUEUE_PREFIX: z
      .string()
      .regex(/^[\w.-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores')
      .default('liaison'),
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[\w.-]+:\d{1,5}$/, 'must be host:port')
      .default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('liaison'),
    TEMPORAL_API_KEY: z.string().min(1).optional(),
    TEMPORAL_TLS: z.enum(['true', 'false']).default('false'),
    /** mTLS: PEM files of the client certificate and its key (both or neither); either turns TLS on. */
    TEMPORAL_TLS_CERT: z.string().min(1).optional(),
    TEMPORAL_TLS_KEY: z.string().min(1).optional(),
    /** A PEM file of the CA that signed the server's certificate, when it is not a system CA. */
    TEMPORAL_TLS_CA: z.string().min(1).optional(),
    /** The name the server's certificate is checked against, when it differs from TEMPORAL_ADDRESS's host. */
    TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    PUBLIC_BASE_URL: url(['http:', 'https:']).optional(),
    /** A secret: in production, at least 32 characters and not the default (secrets.ts). */
    LIAISON_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').default(SECRET_DEFAULTS.LIAISON_ADMIN_TOKEN),
    SMTP_URL: url(['smtp:', 'smtps:']).default('smtp://127.0.0.1:1025'),
    MAIL_FROM: z.string().email().default('liaison@localhost.localdomain'),
    /**
     * Webhook receivers on loopback, private, link-local and other non-public addresses (a closed
     * network, the test suites); off: such URLs are refused when set and again when sent. On, it
     * allows plain http too.
     */
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: z.enum(['true', 'false']).default('false'),
    /** Plain `http:` webhook URLs (to public addresses); off: `https:` only. */
    WEBHOOK_ALLOW_HTTP: z.enum(['true', 'false']).default('false'),
    /** After a rotation, how long an organisation's previous webhook secret still signs, beside the new one. */
    WEBHOOK_SECRET_GRACE: durationOrZero.default('P1D'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    REMINDER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
    REMINDER_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
    REMINDER_BACKOFF_MS: z.coerce.number().int().min(10).default(2000),
    /** How often the notifier's sweep looks for due reminders that no queue job will deliver. */
    REMINDER_SWEEP_INTERVAL: duration.default('PT1M'),
    /** How long after its due time a reminder must still be undelivered before the sweep steps in. */
    REMINDER_SWEEP_GRACE: duration.default('PT30S'),
    /**
     * How long before its due time an exchange's reminder goes on the queue, as a delayed job: the
     * queue's timer then fires it on time whatever Temporal's backlog. PT0S: at the due time.
     */
    REMINDER_QUEUE_AHEAD: durationOrZero.default('PT1M'),
    SERIES_MAX_PER_YEAR: z.coerce.number().int().min(1).max(366).default(366),
    /** How long a newly issued person token lives. */
    TOKEN_TTL: duration.default('P90D'),
    /** How long an Idempotency-Key is remembered (its first answer replayed); the purge removes older keys. */
    IDEMPOTENCY_KEY_LIFETIME: duration.default('PT24H'),
    /**
     * How long a request holds its Idempotency-Key without renewing it (it renews every third of it
     * while it runs); a key whose request died is taken over by a retry once its lease has passed.
     */
    IDEMPOTENCY_LEASE: duration.default('PT30S'),
    /** How often the API purges expired idempotency keys (one pass at a time, in batches). */
    IDEMPOTENCY_PURGE_INTERVAL: duration.default('PT10M'),
    /**
     * How long after its commit an exchange, series or support request may still have no workflow
     * (its API process died between the commit and the start) before the API's workflow start relay
     * starts it. Longer than a start normally takes, so the relay does not race a create in progress.
     */
    WORKFLOW_START_GRACE: duration.default('PT30S'),
    /** How often the API's workflow start relay looks for such rows (one pass at a time, in bounded batches). */
    WORKFLOW_START_RELAY_INTERVAL: duration.default('PT15S'),
    /** Requests a minute, per client address and per token, before a 429. */
    RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(600),
    RATE_LIMIT_PER_TOKEN: z.coerce.number().int().min(1).default(300),
    /** Which reverse proxies may name the client in X-Forwarded-For: false, a number of hops, or addresses and CIDRs (trust-proxy.ts). */
    TRUST_PROXY: trustProxy.prefault('false'),
    /** Browser origins allowed to call the API (comma-separated); unset: CORS stays off. */
    CORS_ORIGINS: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(z.array(url(['http:', 'https:'])))
      .optional(),
    /** Support requests: working time to acknowledge (from submission) and to decide (from acknowledgement). */
    SUPPORT_ACKNOWLEDGE_WITHIN: perPriority.prefault('routine=P2D,priority=P1D,urgent=PT4H'),
    SUPPORT_DECIDE_WITHIN: perPriority.prefault('routine=P15D,priority=P7D,urgent=P2D'),
    /** How long before a deadline its assignee is reminded, and how long after a breach the senior level is told. */
    SUPPORT_REMIND_BEFORE: perPriority.prefault('routine=P1D,priority=PT8H,urgent=PT1H'),
    SUPPORT_ESCALATE_AFTER: perPriority.prefault('routine=P2D,priority=P1D,urgent=PT4H'),
    /** A delivered request closes by itself this long after delivery unless the requester closes it first. */
    SUPPORT_AUTO_CLOSE_AFTER: duration.default('P14D'),
    /** Monitoring: a running workflow is "stuck" once its oldest retrying activity or unstarted workflow task is this old. */
    ADMIN_STUCK_AFTER: duration.default('PT15M'),
    /** Monitoring: a deadline counts as late (not merely due) once it has passed by this much. */
    ADMIN_LATE_AFTER: duration.default('PT1M'),
    /** The Temporal Web UI the admin API links each workflow to (the dev server serves it on 8233). */
    TEMPORAL_UI_URL: url(['http:', 'https:']).default('http://127.0.0.1:8233'),
    /** Where the worker serves the Temporal SDK's own Prometheus metrics (host:port); `off` serves none. */
    WORKER_METRICS_ADDRESS: z
      .string()
      .regex(/^(off|[\w.-]+:\d{1,5})$/, 'must be host:port or off')
      .default('127.0.0.1:9464'),
    /**
     * How many workflows the worker keeps in memory between their tasks (a sticky cache); others are
     * replayed from their history when they wake. Bounds the worker's memory; 0: no cache.
     */
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(500),
    /** Port of the notifier's own /metrics and /health (0: any free port; tests use it). */
    NOTIFIER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9465),
    /** How long SIGTERM/SIGINT may take: each process drains its work within it, then exits anyway (non-zero). */
    SHUTDOWN_TIMEOUT: duration.default('PT30S'),
    /** TEST HOOK of the fault tests (fault-pause.ts): a site where the worker stops and waits to be killed. Never set it elsewhere. */
    LIAISON_FAULT_PAUSE_AT: z.enum(FAULT_PAUSE_SITES).optional(),
  })
  .refine((env) => (env.TEMPORAL_TLS_CERT === undefined) === (env.TEMPORAL_TLS_KEY === undefined), {
    message: 'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: give both or neither',
    path: ['TEMPORAL_TLS_KEY'],
  });

export type Env = z.infer<typeof configSchema>;
