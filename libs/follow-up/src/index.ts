export * from './follow-up.module';
export * from './action-items/action-item-signals';
export * from './workflow/follow-up.activities';
export * from './agenda/agenda.dto';
export * from './minutes/minutes.dto';
export * from './action-items/action-items.dto';
export { requireAgendaOpen } from './references';
export { appendAgendaItem } from './agenda/append-agenda-item';
