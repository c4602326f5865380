import { ConfigError, loadConfig } from './config';

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
