import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@liaison/config';
import { temporalConnectionOptions } from './temporal-client.module';

describe('temporalConnectionOptions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-tls-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('is plain TCP by default, and TLS against the system CAs with an API key', () => {
    expect(temporalConnectionOptions(loadConfig({}))).toEqual({ address: '127.0.0.1:7233', apiKey: undefined });
    expect(temporalConnectionOptions(loadConfig({ TEMPORAL_API_KEY: 'k' }))).toEqual({ address: '127.0.0.1:7233', apiKey: 'k', tls: {} });
  });

  it('reads the client certificate, its key and a private CA for mTLS', () => {
    const options = temporalConnectionOptions(
      loadConfig({
        TEMPORAL_ADDRESS: 'liaison.a1b2c.tmprl.cloud:7233',
        TEMPORAL_TLS_CERT: file('client.pem', 'CERT'),
        TEMPORAL_TLS_KEY: file('client.key', 'KEY'),
        TEMPORAL_TLS_CA: file('ca.pem', 'CA'),
        TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
      }),
    );
    expect(options.tls?.clientCertPair?.crt.toString()).toBe('CERT');
    expect(options.tls?.clientCertPair?.key.toString()).toBe('KEY');
    expect(options.tls?.serverRootCACertificate?.toString()).toBe('CA');
    expect(options.tls?.serverNameOverride).toBe('temporal.internal');
  });

  it('names the variable of a file it cannot read', () => {
    const config = loadConfig({ TEMPORAL_TLS_CERT: join(dir, 'missing.pem'), TEMPORAL_TLS_KEY: file('k.key', 'KEY') });
    expect(() => temporalConnectionOptions(config)).toThrow(/^cannot read TEMPORAL_TLS_CERT .*missing\.pem/);
  });
});
