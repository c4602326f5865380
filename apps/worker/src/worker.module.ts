import { Module } from '@nestjs/common';
import { loggingModule } from '@liaison/common';
import { ConfigModule } from '@liaison/config';
import { PersistenceModule } from '@liaison/persistence';
import { WorkerActivitiesModule } from '@liaison/workflows';

@Module({
  imports: [ConfigModule, loggingModule('worker'), PersistenceModule, WorkerActivitiesModule],
})
export class WorkerModule {}
