import { Module } from '@nestjs/common';
import { loggingModule, MetricsModule } from '@liaison/common';
import { ConfigModule } from '@liaison/config';
import { NotifierModule, QueueModule } from '@liaison/notifications';
import { PersistenceModule } from '@liaison/persistence';
import { NotifierHttpServer } from './notifier-http.server';

@Module({
  imports: [
    ConfigModule,
    loggingModule('notifier'),
    MetricsModule.forApp('liaison_notifier_'),
    PersistenceModule,
    QueueModule,
    NotifierModule,
  ],
  providers: [NotifierHttpServer],
})
export class NotifierAppModule {}
