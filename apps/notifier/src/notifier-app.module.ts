import { Module } from '@nestjs/common';
import { loggingModule } from '@liaison/common';
import { ConfigModule } from '@liaison/config';
import { NotifierModule, QueueModule } from '@liaison/notifications';
import { PersistenceModule } from '@liaison/persistence';
import { NotifierHttpServer } from './notifier-http.server';

@Module({
  imports: [ConfigModule, loggingModule('notifier'), PersistenceModule, QueueModule, NotifierModule],
  providers: [NotifierHttpServer],
})
export class NotifierAppModule {}
