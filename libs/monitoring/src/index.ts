export * from './monitoring.module';
export * from './monitoring.types';
export * from './workflow-monitor.service';
export * from './reminder-monitor.service';
export * from './queue-monitor.service';
export * from './queue-board';
