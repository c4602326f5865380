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
});
