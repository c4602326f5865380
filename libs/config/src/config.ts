import { configSchema, durationMillis } from './config.schema';

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
  webhookSigningSecret: string;
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
  series: { maxPerYear: number };
  calendarFeedSecret: string;
  supportRequests: SupportServiceLevels;
  /** Milliseconds a new person token lives. */
  tokenTtlMs: number;
  /** Milliseconds a process may spend draining after SIGTERM/SIGINT before it exits anyway. */
  shutdownTimeoutMs: number;
  rateLimit: { perAddress: number; perToken: number };
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

/** Reads and validates the environment once; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): LiaisonConfig {
  const present = Object.fromEntries(
    Object.keys(configSchema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
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
    webhookSigningSecret: e.WEBHOOK_SIGNING_SECRET,
    logLevel: e.LOG_LEVEL,
    reminders: {
      concurrency: e.REMINDER_CONCURRENCY,
      attempts: e.REMINDER_ATTEMPTS,
      backoffMs: e.REMINDER_BACKOFF_MS,
      sweepIntervalMs: durationMillis(e.REMINDER_SWEEP_INTERVAL),
      sweepGraceMs: durationMillis(e.REMINDER_SWEEP_GRACE),
      queueAheadMs: durationMillis(e.REMINDER_QUEUE_AHEAD),
    },
    series: { maxPerYear: e.SERIES_MAX_PER_YEAR },
    calendarFeedSecret: e.CALENDAR_FEED_SECRET,
    tokenTtlMs: durationMillis(e.TOKEN_TTL),
    shutdownTimeoutMs: durationMillis(e.SHUTDOWN_TIMEOUT),
    rateLimit: { perAddress: e.RATE_LIMIT_PER_ADDRESS, perToken: e.RATE_LIMIT_PER_TOKEN },
    corsOrigins: e.CORS_ORIGINS ?? [],
    monitoring: {
      stuckAfterMs: durationMillis(e.ADMIN_STUCK_AFTER),
      lateAfterMs: durationMillis(e.ADMIN_LATE_AFTER),
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
