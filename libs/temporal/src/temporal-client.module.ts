import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { Client, Connection } from '@temporalio/client';

export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');

/** Address, TLS and API key of the cluster, as both the client and the worker connection take them. */
export function temporalConnectionOptions(config: LiaisonConfig): { address: string; tls?: object; apiKey?: string } {
  const { address, apiKey, tls } = config.temporal;
  return { address, tls: tls ? {} : undefined, apiKey };
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
  ],
  exports: [TEMPORAL_CLIENT],
})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}
