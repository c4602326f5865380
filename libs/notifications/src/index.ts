export * from './channels/ics';
export * from './channels/reminder-message';
export * from './notifier.module';
export * from './queue/queue.module';
export * from './queue/reminder-queue';
export * from './reminder-key';
export * from './inbox/inbox.module';
export * from './inbox/inbox.service';
