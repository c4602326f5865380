import { Module } from '@nestjs/common';
import { AccessModule } from '@liaison/access';
import { DirectoryModule } from '@liaison/directory';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

/** Personal calendar feeds. */
@Module({
  imports: [AccessModule, DirectoryModule],
  controllers: [CalendarController],
  providers: [CalendarService],
})
export class CalendarModule {}
