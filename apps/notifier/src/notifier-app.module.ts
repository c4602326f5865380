import { Module } from '@nestjs/common';
import { loggingModule } from '@liaison/common';
import { ConfigModule } from '@liaison/config';
import { NotifierModule } from '@liaison/notifications';
import { PersistenceModule } from '@liaison/persistence';

@Module({
  imports: [ConfigModule, loggingModule('notifier'), PersistenceModule, NotifierModule],
})
export class NotifierAppModule {}
