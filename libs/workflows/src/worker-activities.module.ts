import { Module } from '@nestjs/common';
import { AccessModule } from '@liaison/access';
import { ExchangeActivities } from '@liaison/exchanges';
import { QueueModule } from '@liaison/notifications';

/** The activities the workflow worker binds, as Nest providers. */
@Module({
  imports: [AccessModule, QueueModule],
  providers: [ExchangeActivities],
  exports: [ExchangeActivities],
})
export class WorkerActivitiesModule {}
