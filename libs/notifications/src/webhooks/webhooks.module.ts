import { Module } from '@nestjs/common';
import { AccessModule } from '@liaison/access';
import { webhookUrlPolicyProvider } from '@liaison/common';
import { DirectoryModule } from '@liaison/directory';
import { WebhookChannel } from '../channels/webhook.channel';
import { WebhookTestService } from './webhook-test.service';
import { WebhooksController } from './webhooks.controller';

/** The API side of the webhook channel: the test sends. */
@Module({
  imports: [AccessModule, DirectoryModule],
  controllers: [WebhooksController],
  providers: [WebhookChannel, WebhookTestService, webhookUrlPolicyProvider],
})
export class WebhooksModule {}
