import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, ModuleMetadata, Module, Type } from '@nestjs/common';
import { EmailChannel } from '../channels/email.channel';
import { DIGEST_WAITING, DigestComposer, DigestWaitingSource } from './digest-content';
import { DigestDeliveryService } from './digest-delivery.service';
import { DigestMetrics } from './digest-metrics';
import { DigestPass } from './digest-pass';
import { DIGEST_QUEUE, DigestQueue } from './digest-queue';
import { DigestProcessor } from './digest.processor';

/**
 * The morning digest, for the notifier: the pass that claims the due people, the digest queue and
 * its processor. The app names where the steps waiting for a person come from (`waiting`, with the
 * modules that provide its dependencies): the features that know them import this library.
 */
@Module({})
export class DigestModule {
  static register(options: { imports: ModuleMetadata['imports']; waiting: Type<DigestWaitingSource> }): DynamicModule {
    return {
      module: DigestModule,
      imports: [BullModule.registerQueue({ name: DIGEST_QUEUE }), ...(options.imports ?? [])],
      providers: [
        { provide: DIGEST_WAITING, useClass: options.waiting },
        DigestQueue,
        DigestMetrics,
        DigestComposer,
        EmailChannel,
        DigestDeliveryService,
        DigestProcessor,
        DigestPass,
      ],
      exports: [DigestPass, DigestQueue],
    };
  }
}
