import { Module } from '@nestjs/common';
import { AccessModule } from '@liaison/access';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

/** Personal calendar feeds. */
@Module({ imports: [AccessModule], controllers: [CalendarController], providers: [CalendarService] })
export class CalendarModule {}
