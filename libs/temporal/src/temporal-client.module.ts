import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { Client, Connection } from '@temporalio/client';
import { readFileSync } from 'node:fs';
import { TEMPORAL_CLIENT } from './temporal-client.token';
import { WorkflowUpdates } from './workflow-updates';

export interface TemporalTls {
  serverRootCACertificate?: Buffer;
  clientCertPair?: { crt: Buffer; key: Buffer };
  serverNameOverride?: string;
}

/**
 * Address, TLS and API key of the cluster, as both the client and the worker connection take them.
 * TLS checks the server against the system CAs unless TEMPORAL_TLS_CA names another; a client
 * certificate and key (mTLS) are read from their files here, at start-up, so a missing file stops
 * the process at once with its name.
 */
export function temporalConnectionOptions(config: LiaisonConfig): { address: string; tls?: TemporalTls; apiKey?: string } {
  const { address, apiKey, tls, tlsFiles } = config.temporal;
  if (!tls) return { address, apiKey };
  const read = (path: string, what: string) => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new Error(`cannot read ${what} ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };
  return {
    address,
    apiKey,
    tls: {
      ...(tlsFiles.ca ? { serverRootCACertificate: read(tlsFiles.ca, 'TEMPORAL_TLS_CA') } : {}),
      ...(tlsFiles.cert && tlsFiles.key
        ? { clientCertPair: { crt: read(tlsFiles.cert, 'TEMPORAL_TLS_CERT'), key: read(tlsFiles.key, 'TEMPORAL_TLS_KEY') } }
        : {}),
      ...(tlsFiles.serverName ? { serverNameOverride: tlsFiles.serverName } : {}),
    },
  };
}

export async function connectTemporal(config: LiaisonConfig): Promise<Client> {
  const connection = await Connection.connect({ ...temporalConnectionOptions(config), connectTimeout: '10 seconds' });
  return new Client({ connection, namespace: config.temporal.namespace });
}

/** The Temporal client the API uses to start workflows and send them Updates. */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CLIENT,
      inject: [LIAISON_CONFIG],
      useFactory: connectTemporal,
    },
    WorkflowUpdates,
  ],
  exports: [TEMPORAL_CLIENT, WorkflowUpdates],
})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}
