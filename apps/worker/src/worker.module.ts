import { Module } from '@nestjs/common';
import { loggingModule } from '@liaison/common';
import { ConfigModule } from '@liaison/config';
import { PersistenceModule } from '@liaison/persistence';
import { TemporalClientModule } from '@liaison/temporal';
import { WorkerActivitiesModule } from '@liaison/workflows';

@Module({
  imports: [ConfigModule, loggingModule('worker'), PersistenceModule, TemporalClientModule, WorkerActivitiesModule],
})
export class WorkerModule {}
