import { ConfigError, loadConfig } from './config';
import { PRODUCTION_SECRET_MIN_LENGTH, SECRET_DEFAULTS } from './secrets';

describe('loadConfig', () => {
  it('works with nothing set, using the local defaults', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/liaison');
    expect(config.port).toBe(3000);
    expect(config.temporal).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'liaison',
      apiKey: undefined,
      tls: false,
      tlsFiles: { cert: undefined, key: undefined, ca: undefined, serverName: undefined },
      maxCachedWorkflows: 100,
    });
    expect(config.monitoring).toEqual({
      stuckAfterMs: 15 * 60_000,
      lateAfterMs: 60_000,
      temporalUiUrl: 'http://127.0.0.1:8233',
      workerMetricsAddress: '127.0.0.1:9464',
      notifierMetricsPort: 9465,
    });
    expect(config.publicBaseUrl).toBe('http://127.0.0.1:3000');
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT: /m);
    expect(problems).toMatch(/^DATABASE_URL: must be a URL starting with postgres:\/\//m);
    expect(problems).toMatch(/^LOG_LEVEL: /m);
  });

  it('turns TLS on when a Temporal Cloud API key is given', () => {
    expect(loadConfig({ TEMPORAL_API_KEY: 'key' }).temporal.tls).toBe(true);
  });

  it('turns TLS on with a client certificate or a private CA, and wants certificate and key together', () => {
    const mtls = loadConfig({ TEMPORAL_TLS_CERT: '/etc/liaison/client.pem', TEMPORAL_TLS_KEY: '/etc/liaison/client.key' }).temporal;
    expect(mtls).toMatchObject({ tls: true, tlsFiles: { cert: '/etc/liaison/client.pem', key: '/etc/liaison/client.key' } });
    expect(loadConfig({ TEMPORAL_TLS_CA: '/etc/liaison/ca.pem' }).temporal.tls).toBe(true);
    expect(() => loadConfig({ TEMPORAL_TLS_CERT: '/etc/liaison/client.pem' })).toThrow(
      /TEMPORAL_TLS_KEY: TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together/,
    );
  });

  it('reads the reminder sweep’s interval and grace', () => {
    expect(loadConfig({}).reminders).toMatchObject({ sweepIntervalMs: 60_000, sweepGraceMs: 30_000 });
    expect(loadConfig({ REMINDER_SWEEP_INTERVAL: 'PT5S', REMINDER_SWEEP_GRACE: 'PT2S' }).reminders).toMatchObject({
      sweepIntervalMs: 5000,
      sweepGraceMs: 2000,
    });
    expect(() => loadConfig({ REMINDER_SWEEP_INTERVAL: 'PT0S' })).toThrow(/REMINDER_SWEEP_INTERVAL: must be longer than zero/);
  });

  it('reads how far ahead reminders are queued, zero included', () => {
    expect(loadConfig({}).reminders.queueAheadMs).toBe(60_000);
    expect(loadConfig({ REMINDER_QUEUE_AHEAD: 'PT0S' }).reminders.queueAheadMs).toBe(0);
    expect(loadConfig({ REMINDER_QUEUE_AHEAD: 'PT5M' }).reminders.queueAheadMs).toBe(300_000);
    expect(() => loadConfig({ REMINDER_QUEUE_AHEAD: '60' })).toThrow(/REMINDER_QUEUE_AHEAD: must be an ISO 8601 duration/);
  });

  it('bounds the worker’s workflow cache', () => {
    expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '0' }).temporal.maxCachedWorkflows).toBe(0);
    expect(() => loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '-1' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
  });

  it('reads the monitoring settings and names a bad one', () => {
    const config = loadConfig({
      ADMIN_STUCK_AFTER: 'PT2S',
      ADMIN_LATE_AFTER: 'PT1S',
      WORKER_METRICS_ADDRESS: 'off',
      TEMPORAL_UI_URL: 'https://temporal.example.org/',
    });
    expect(config.monitoring).toMatchObject({
      stuckAfterMs: 2000,
      lateAfterMs: 1000,
      workerMetricsAddress: null,
      temporalUiUrl: 'https://temporal.example.org',
    });
    expect(() => loadConfig({ ADMIN_STUCK_AFTER: '15 minutes', WORKER_METRICS_ADDRESS: '9464' })).toThrow(
      /ADMIN_STUCK_AFTER: must be an ISO 8601 duration[\s\S]*WORKER_METRICS_ADDRESS: must be host:port or off/,
    );
  });

  it('reads support service levels per priority, and names a bad one', () => {
    const config = loadConfig({ SUPPORT_ACKNOWLEDGE_WITHIN: 'routine=PT30S,priority=PT20S,urgent=PT10S' });
    expect(config.supportRequests.acknowledgeWithin).toEqual({ routine: 'PT30S', priority: 'PT20S', urgent: 'PT10S' });
    expect(config.supportRequests.decideWithin).toEqual({ routine: 'P15D', priority: 'P7D', urgent: 'P2D' });
    expect(config.supportRequests.autoCloseAfter).toBe('P14D');
    expect(() => loadConfig({ SUPPORT_DECIDE_WITHIN: 'routine=P1M,priority=P7D,urgent=P2D' })).toThrow(
      /SUPPORT_DECIDE_WITHIN: .*"routine=P1M" is not/,
    );
    expect(() => loadConfig({ SUPPORT_REMIND_BEFORE: 'routine=P1D' })).toThrow(
      /SUPPORT_REMIND_BEFORE: must give every priority; priority, urgent missing/,
    );
    expect(() => loadConfig({ SUPPORT_AUTO_CLOSE_AFTER: 'PT0S' })).toThrow(/SUPPORT_AUTO_CLOSE_AFTER: must be longer than zero/);
  });

  it('reads the token lifetime, rate limits and CORS origins; CORS stays off when unset', () => {
    const defaults = loadConfig({});
    expect(defaults.tokenTtlMs).toBe(90 * 86_400_000);
    expect(defaults.rateLimit).toEqual({ perAddress: 600, perToken: 300 });
    expect(defaults.corsOrigins).toEqual([]);
    const set = loadConfig({ TOKEN_TTL: 'P1DT12H', CORS_ORIGINS: 'https://a.example.org, https://b.example.org' });
    expect(set.tokenTtlMs).toBe(36 * 3_600_000);
    expect(set.corsOrigins).toEqual(['https://a.example.org', 'https://b.example.org']);
    expect(() => loadConfig({ CORS_ORIGINS: 'ftp://x' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ RATE_LIMIT_PER_TOKEN: '0' })).toThrow(/RATE_LIMIT_PER_TOKEN/);
  });
});

describe('SHUTDOWN_TIMEOUT', () => {
  it('bounds the drain after SIGTERM: 30 s by default, any ISO 8601 duration longer than zero', () => {
    expect(loadConfig({}).shutdownTimeoutMs).toBe(30_000);
    expect(loadConfig({ SHUTDOWN_TIMEOUT: 'PT5S' }).shutdownTimeoutMs).toBe(5000);
    expect(loadConfig({ SHUTDOWN_TIMEOUT: 'PT1M30S' }).shutdownTimeoutMs).toBe(90_000);
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT: 'PT0S' })).toThrow(/SHUTDOWN_TIMEOUT: must be longer than zero/);
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT: '30' })).toThrow(/SHUTDOWN_TIMEOUT: must be an ISO 8601 duration/);
  });
});

describe('IDEMPOTENCY_*', () => {
  it('keeps keys a day, leases them 30 s and purges every 10 min by default; each an ISO 8601 duration longer than zero', () => {
    expect(loadConfig({}).idempotency).toEqual({ keyLifetimeMs: 86_400_000, leaseMs: 30_000, purgeIntervalMs: 600_000 });
    expect(
      loadConfig({ IDEMPOTENCY_KEY_LIFETIME: 'PT1H', IDEMPOTENCY_LEASE: 'PT5S', IDEMPOTENCY_PURGE_INTERVAL: 'PT1S' }).idempotency,
    ).toEqual({
      keyLifetimeMs: 3_600_000,
      leaseMs: 5000,
      purgeIntervalMs: 1000,
    });
    expect(() => loadConfig({ IDEMPOTENCY_LEASE: 'PT0S' })).toThrow(/IDEMPOTENCY_LEASE: must be longer than zero/);
    expect(() => loadConfig({ IDEMPOTENCY_PURGE_INTERVAL: '60' })).toThrow(/IDEMPOTENCY_PURGE_INTERVAL: must be an ISO 8601 duration/);
  });
});

describe('secrets in production (NODE_ENV=production)', () => {
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };
  const strong = 'f'.repeat(PRODUCTION_SECRET_MIN_LENGTH);

  it('keeps the development defaults working outside production', () => {
    expect(loadConfig({}).adminToken).toBe(SECRET_DEFAULTS.LIAISON_ADMIN_TOKEN);
    expect(loadConfig({ NODE_ENV: 'test' }).adminToken).toBe(SECRET_DEFAULTS.LIAISON_ADMIN_TOKEN);
  });

  it('refuses every secret left unset, at its public default, or shorter than 32 characters, naming it', () => {
    for (const name of Object.keys(SECRET_DEFAULTS)) {
      expect(problemsOf({ NODE_ENV: 'production' })).toContainEqual(expect.stringMatching(new RegExp(`^${name}: not set`)));
      expect(problemsOf({ NODE_ENV: 'production', [name]: SECRET_DEFAULTS[name as keyof typeof SECRET_DEFAULTS] })).toContainEqual(
        expect.stringMatching(new RegExp(`^${name}: is the public development default`)),
      );
      expect(problemsOf({ NODE_ENV: 'production', [name]: 'x'.repeat(PRODUCTION_SECRET_MIN_LENGTH - 1) })).toEqual([
        expect.stringMatching(new RegExp(`^${name}: must be at least 32 characters in production`)),
      ]);
    }
    expect(loadConfig({ NODE_ENV: 'production', LIAISON_ADMIN_TOKEN: strong }).adminToken).toBe(strong);
  });

  it('names every bad variable at once, never the secret’s value, and a too-short secret once', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PORT: 'eighty', LIAISON_ADMIN_TOKEN: 'short-but-16-chars-long' });
    expect(problems).toEqual([expect.stringMatching(/^PORT: /), expect.stringMatching(/^LIAISON_ADMIN_TOKEN: must be at least 32/)]);
    expect(problems.join('\n')).not.toContain('short-but-16-chars-long');
    // Under 16 characters the schema's own rule speaks; the production rule does not repeat it.
    expect(problemsOf({ NODE_ENV: 'production', LIAISON_ADMIN_TOKEN: 'tiny' })).toEqual([
      'LIAISON_ADMIN_TOKEN: must be at least 16 characters',
    ]);
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default, or a number of hops, or addresses and CIDR ranges', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,192.0.2.7, 2001:db8::/32' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '192.0.2.7',
      '2001:db8::/32',
    ]);
  });

  it('refuses true (any client could name its address), bad ranges and too many hops, naming the variable', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: must be false, a number of proxy hops.*any client/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY: .*"10.0.0.0\/33" is not/);
    expect(() => loadConfig({ TRUST_PROXY: 'loopback,,10.0.0.1' })).toThrow(/TRUST_PROXY: .*"" is not/);
    expect(() => loadConfig({ TRUST_PROXY: '11' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example.org' })).toThrow(/TRUST_PROXY/);
  });
});

describe('WEBHOOK_*', () => {
  it('sends webhooks to public https receivers by default, keeps a rotated secret a day; private networks imply http', () => {
    expect(loadConfig({}).webhooks).toEqual({ allowPrivateNetworks: false, allowHttp: false, secretGraceMs: 86_400_000 });
    expect(loadConfig({ WEBHOOK_ALLOW_HTTP: 'true' }).webhooks).toMatchObject({ allowPrivateNetworks: false, allowHttp: true });
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' }).webhooks).toMatchObject({ allowPrivateNetworks: true, allowHttp: true });
    expect(loadConfig({ WEBHOOK_SECRET_GRACE: 'PT0S' }).webhooks.secretGraceMs).toBe(0);
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'yes' })).toThrow(/WEBHOOK_ALLOW_PRIVATE_NETWORKS/);
    expect(() => loadConfig({ WEBHOOK_SECRET_GRACE: '1 day' })).toThrow(/WEBHOOK_SECRET_GRACE: must be an ISO 8601 duration/);
  });
});
