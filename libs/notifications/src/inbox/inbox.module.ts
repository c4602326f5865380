import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';

/** What the API serves of notifications: the in-app inbox and the webhook test sends. */
@Module({ imports: [WebhooksModule], controllers: [InboxController], providers: [InboxService] })
export class InboxModule {}
