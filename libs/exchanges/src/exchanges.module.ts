import { Module } from '@nestjs/common';
import { AccessModule } from '@liaison/access';
import { DirectoryModule } from '@liaison/directory';
import { ReminderPlanningModule } from '@liaison/notifications';
import { AttendanceController } from './attendance/attendance.controller';
import { AttendanceLinkService } from './attendance/attendance-link.service';
import { AttendanceService } from './attendance/attendance.service';
import { ExchangeQueryService } from './exchange-query.service';
import { ExchangeReferences } from './exchange-references';
import { ExchangeTransitionsService } from './exchange-transitions.service';
import { ExchangesController } from './exchanges.controller';
import { ExchangesService } from './exchanges.service';
import { ExchangeScheduler } from './exchange-scheduler.service';
import { ExchangeEventsModule } from './events/exchange-events.module';

/** The API side of exchanges. The workflow side (workflow, activities) runs in the worker. */
@Module({
  imports: [AccessModule, DirectoryModule, ReminderPlanningModule, ExchangeEventsModule],
  controllers: [ExchangesController, AttendanceController],
  providers: [
    AttendanceService,
    AttendanceLinkService,
    ExchangesService,
    ExchangeQueryService,
    ExchangeTransitionsService,
    ExchangeScheduler,
    ExchangeReferences,
  ],
  exports: [ExchangeScheduler, ExchangeQueryService, ExchangeTransitionsService, AttendanceService, ExchangeEventsModule],
})
export class ExchangesModule {}
