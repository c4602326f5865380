import { millisOf } from '@liaison/domain';
import { configSchema } from './config.schema';
import type { EventDeliverySettings } from './events.schema';
import type { FaultPauseSite } from './fault-pause';
import { productionSecretProblems } from './secrets';
import type { TrustProxy } from './trust-proxy';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export interface LiaisonConfig {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    apiKey?: string;
    tls: boolean;
    /** Paths of PEM files for mTLS and a private CA, and a server name override. */
    tlsFiles: { cert?: string; key?: string; ca?: string; serverName?: string };
    /** Workflows the worker keeps cached between tasks. */
    maxCachedWorkflows: number;
  };
  port: number;
  publicBaseUrl: string;
  adminToken: string;
  smtpUrl: string;
  mailFrom: string;
  webhooks: {
    /** Receivers on non-public addresses allowed (and so plain http). */
    allowPrivateNetworks: boolean;
    /** Plain http allowed. */
    allowHttp: boolean;
    /** Milliseconds a rotated-out organisation secret still signs. */
    secretGraceMs: number;
  };
  logLevel: string;
  reminders: {
    concurrency: number;
    attempts: number;
    backoffMs: number;
    sweepIntervalMs: number;
    sweepGraceMs: number;
    /** Milliseconds before its due time an exchange reminder is queued as a delayed job. */
    queueAheadMs: number;
  };
  /** The morning digest: how often the pass runs (ms), how many people it claims per transaction, how many digests are sent at once. */
  digest: { passIntervalMs: number; batchSize: number; concurrency: number };
  series: { maxPerYear: number };
  supportRequests: SupportServiceLevels;
  /** Milliseconds a new person token lives. */
  tokenTtlMs: number;
  /** Idempotency keys, in milliseconds: how long one is remembered, a request's lease on it, how often expired ones are purged. */
  idempotency: { keyLifetimeMs: number; leaseMs: number; purgeIntervalMs: number };
  /** The workflow start relay, in milliseconds: how old a row with no started workflow must be, how often it looks. */
  workflowStarts: { graceMs: number; relayIntervalMs: number };
  /** Event delivery to integrators' subscriptions (events.schema.ts). */
  events: EventDeliverySettings;
  /** Milliseconds a process may spend draining after SIGTERM/SIGINT before it exits anyway. */
  shutdownTimeoutMs: number;
  /** TEST HOOK (fault-pause.ts): where a fault test has the worker wait to be killed; null outside those tests. */
  faultPauseAt: FaultPauseSite | null;
  rateLimit: { perAddress: number; perToken: number };
  /** The web app's sign-in: session lifetime and idle timeout in milliseconds; sign-in links an hour per e-mail and per address. */
  signIn: { sessionLifetimeMs: number; sessionIdleMs: number; linksPerEmail: number; linksPerAddress: number };
  /** Express's `trust proxy`: which proxies may name the client's address (the rate limit keys on it). */
  trustProxy: TrustProxy;
  /** Sign-in with OpenID Connect (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET); null when not configured. */
  oidc: OidcSettings | null;
  /** Allowed browser origins; empty: CORS off. */
  corsOrigins: string[];
  monitoring: {
    /** Milliseconds of no progress (an activity retrying, a workflow task nobody takes) before a workflow is stuck. */
    stuckAfterMs: number;
    /** Milliseconds past a deadline before a workflow is late. */
    lateAfterMs: number;
    temporalUiUrl: string;
    /** host:port of the worker's SDK metrics, or null for none. */
    workerMetricsAddress: string | null;
    notifierMetricsPort: number;
  };
}

/** An OpenID provider and Liaison's client at it. The redirect URI is `<publicBaseUrl>/v1/auth/oidc/callback`. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** A secret: never logged. */
  clientSecret: string;
}

export type SupportPriorityName = 'routine' | 'priority' | 'urgent';

/**
 * Service levels of support requests, as ISO 8601 durations. `acknowledgeWithin` and `decideWithin`
 * are working time on the providing organisation's calendar; the others are plain time.
 */
export interface SupportServiceLevels {
  acknowledgeWithin: Record<SupportPriorityName, string>;
  decideWithin: Record<SupportPriorityName, string>;
  remindBefore: Record<SupportPriorityName, string>;
  escalateAfter: Record<SupportPriorityName, string>;
  autoCloseAfter: string;
}

/**
 * Reads and validates the environment once; throws a ConfigError naming every bad variable, weak
 * secrets in production (NODE_ENV=production) included.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): LiaisonConfig {
  const present = Object.fromEntries(
    Object.keys(configSchema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const parsed = configSchema.safeParse(present);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  const named = new Set(problems.map((problem) => problem.split(':')[0]));
  problems.push(...productionSecretProblems(env).filter((problem) => !named.has(problem.split(':')[0])));
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      apiKey: e.TEMPORAL_API_KEY,
      tls:
        e.TEMPORAL_TLS === 'true' ||
        e.TEMPORAL_API_KEY !== undefined ||
        e.TEMPORAL_TLS_CERT !== undefined ||
        e.TEMPORAL_TLS_CA !== undefined,
      tlsFiles: { cert: e.TEMPORAL_TLS_CERT, key: e.TEMPORAL_TLS_KEY, ca: e.TEMPORAL_TLS_CA, serverName: e.TEMPORAL_TLS_SERVER_NAME },
      maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
    },
    port: e.PORT,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://127.0.0.1:${e.PORT}`).replace(/\/$/, ''),
    adminToken: e.LIAISON_ADMIN_TOKEN,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    webhooks: {
      allowPrivateNetworks: e.WEBHOOK_ALLOW_PRIVATE_NETWORKS === 'true',
      allowHttp: e.WEBHOOK_ALLOW_HTTP === 'true' || e.WEBHOOK_ALLOW_PRIVATE_NETWORKS === 'true',
      secretGraceMs: millisOf(e.WEBHOOK_SECRET_GRACE),
    },
    logLevel: e.LOG_LEVEL,
    reminders: {
      concurrency: e.REMINDER_CONCURRENCY,
      attempts: e.REMINDER_ATTEMPTS,
      backoffMs: e.REMINDER_BACKOFF_MS,
      sweepIntervalMs: millisOf(e.REMINDER_SWEEP_INTERVAL),
      sweepGraceMs: millisOf(e.REMINDER_SWEEP_GRACE),
      queueAheadMs: millisOf(e.REMINDER_QUEUE_AHEAD),
    },
    digest: { passIntervalMs: millisOf(e.DIGEST_PASS_INTERVAL), batchSize: e.DIGEST_BATCH_SIZE, concurrency: e.DIGEST_CONCURRENCY },
    series: { maxPerYear: e.SERIES_MAX_PER_YEAR },
    tokenTtlMs: millisOf(e.TOKEN_TTL),
    idempotency: {
      keyLifetimeMs: millisOf(e.IDEMPOTENCY_KEY_LIFETIME),
      leaseMs: millisOf(e.IDEMPOTENCY_LEASE),
      purgeIntervalMs: millisOf(e.IDEMPOTENCY_PURGE_INTERVAL),
    },
    workflowStarts: {
      graceMs: millisOf(e.WORKFLOW_START_GRACE),
      relayIntervalMs: millisOf(e.WORKFLOW_START_RELAY_INTERVAL),
    },
    events: {
      relayIntervalMs: millisOf(e.EVENT_RELAY_INTERVAL),
      relayBatchSize: e.EVENT_RELAY_BATCH_SIZE,
      concurrency: e.EVENT_DELIVERY_CONCURRENCY,
      retryBaseDelayMs: millisOf(e.EVENT_RETRY_BASE_DELAY),
      retryMaxDelayMs: millisOf(e.EVENT_RETRY_MAX_DELAY),
      disableAfterMs: millisOf(e.EVENT_SUBSCRIPTION_DISABLE_AFTER),
      sweepIntervalMs: millisOf(e.EVENT_DELIVERY_SWEEP_INTERVAL),
    },
    shutdownTimeoutMs: millisOf(e.SHUTDOWN_TIMEOUT),
    faultPauseAt: e.LIAISON_FAULT_PAUSE_AT ?? null,
    rateLimit: { perAddress: e.RATE_LIMIT_PER_ADDRESS, perToken: e.RATE_LIMIT_PER_TOKEN },
    signIn: {
      sessionLifetimeMs: millisOf(e.SESSION_LIFETIME),
      sessionIdleMs: millisOf(e.SESSION_IDLE_TIMEOUT),
      linksPerEmail: e.SIGN_IN_LINKS_PER_EMAIL,
      linksPerAddress: e.SIGN_IN_LINKS_PER_ADDRESS,
    },
    trustProxy: e.TRUST_PROXY,
    corsOrigins: e.CORS_ORIGINS ?? [],
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET }
        : null,
    monitoring: {
      stuckAfterMs: millisOf(e.ADMIN_STUCK_AFTER),
      lateAfterMs: millisOf(e.ADMIN_LATE_AFTER),
      temporalUiUrl: e.TEMPORAL_UI_URL.replace(/\/$/, ''),
      workerMetricsAddress: e.WORKER_METRICS_ADDRESS === 'off' ? null : e.WORKER_METRICS_ADDRESS,
      notifierMetricsPort: e.NOTIFIER_METRICS_PORT,
    },
    supportRequests: {
      acknowledgeWithin: e.SUPPORT_ACKNOWLEDGE_WITHIN,
      decideWithin: e.SUPPORT_DECIDE_WITHIN,
      remindBefore: e.SUPPORT_REMIND_BEFORE,
      escalateAfter: e.SUPPORT_ESCALATE_AFTER,
      autoCloseAfter: e.SUPPORT_AUTO_CLOSE_AFTER,
    },
  };
}
