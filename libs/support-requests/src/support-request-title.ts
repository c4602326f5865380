import type { SupportRequestEntity } from '@liaison/persistence';

/** How a request reads on an agenda: its title, or only its marking and number when RESTRICTED. */
export function supportAgendaTitle(request: Pick<SupportRequestEntity, 'id' | 'title' | 'marking'>): string {
  return request.marking === 'RESTRICTED' ? `Support request ${request.id.slice(0, 8)} (RESTRICTED)` : `Support request: ${request.title}`;
}
