import { Module } from '@nestjs/common';
import { AccessModule } from '@liaison/access';
import { QueueModule } from '@liaison/notifications';
import { TemporalClientModule } from '@liaison/temporal';
import { MonitoringController } from './api/monitoring.controller';
import { BusinessStates } from './business-state';
import { QueueMonitor } from './queue-monitor.service';
import { ReminderMonitor } from './reminder-monitor.service';
import { WorkflowMonitor } from './workflow-monitor.service';

/** Admin monitoring: workflows, queues and failed reminders (API, page and metrics read the same services). */
@Module({
  imports: [AccessModule, QueueModule, TemporalClientModule],
  controllers: [MonitoringController],
  providers: [WorkflowMonitor, ReminderMonitor, QueueMonitor, BusinessStates],
  exports: [WorkflowMonitor, ReminderMonitor, QueueMonitor],
})
export class MonitoringModule {}
