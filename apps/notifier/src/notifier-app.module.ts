import { Module } from '@nestjs/common';
import { loggingModule, MetricsModule } from '@liaison/common';
import { ConfigModule } from '@liaison/config';
import { EventDeliveryModule } from '@liaison/events';
import { FollowUpWaitingModule } from '@liaison/follow-up';
import { DigestModule, NotifierModule, QueueModule } from '@liaison/notifications';
import { PersistenceModule } from '@liaison/persistence';
import { SupportRequestQueriesModule } from '@liaison/support-requests';
import { DigestWaiting } from './digest-waiting';
import { NotifierHttpServer } from './notifier-http.server';

@Module({
  imports: [
    ConfigModule,
    loggingModule('notifier'),
    MetricsModule.forApp('liaison_notifier_'),
    PersistenceModule,
    QueueModule,
    NotifierModule,
    EventDeliveryModule,
    DigestModule.register({ imports: [FollowUpWaitingModule, SupportRequestQueriesModule], waiting: DigestWaiting }),
  ],
  providers: [NotifierHttpServer],
})
export class NotifierAppModule {}
