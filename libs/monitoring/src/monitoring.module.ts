import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AccessModule } from '@liaison/access';
import { EventDeliveryQueueModule } from '@liaison/events';
import { QueueModule } from '@liaison/notifications';
import { TemporalClientModule } from '@liaison/temporal';
import { urlencoded } from 'express';
import { AdminPageController } from './admin-page/admin-page.controller';
import { AdminPageQueries } from './admin-page/admin-page.queries';
import { MonitoringController } from './api/monitoring.controller';
import { BusinessStates } from './business-state';
import { QueueMonitor } from './queue-monitor.service';
import { ReminderMonitor } from './reminder-monitor.service';
import { WorkflowMonitor } from './workflow-monitor.service';

/** Admin monitoring: workflows, queues and failed reminders (API, page and metrics read the same services). */
@Module({
  imports: [AccessModule, QueueModule, EventDeliveryQueueModule, TemporalClientModule],
  controllers: [MonitoringController, AdminPageController],
  providers: [WorkflowMonitor, ReminderMonitor, QueueMonitor, BusinessStates, AdminPageQueries],
  exports: [WorkflowMonitor, ReminderMonitor, QueueMonitor, EventDeliveryQueueModule],
})
export class MonitoringModule implements NestModule {
  /** The admin page's forms post url-encoded bodies (to /admin/…); everywhere else the API takes JSON only. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(urlencoded({ extended: false, limit: '1mb' })).forRoutes({ path: 'admin/*path', method: RequestMethod.POST });
  }
}
