export * from './follow-up.module';
export * from './action-items/action-item-signals';
export * from './agenda/agenda.dto';
export * from './minutes/minutes.dto';
export * from './action-items/action-items.dto';
export { requireAgendaOpen } from './references';
export * from './waiting/waiting.dto';
export { exchangeTitle, FollowUpWaiting } from './waiting/follow-up-waiting.service';
export { FollowUpWaitingModule } from './waiting/follow-up-waiting.module';
