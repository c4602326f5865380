import { useQuery } from '@tanstack/react-query';
import { answer, api } from '../api/client';

/** The largest page the API gives; beyond it the badge says `200+`. */
const LIMIT = 200;

/** The inbox's unread count for the navigation badge (`GET /v1/me/notifications?unread=true`), polled each minute; undefined for none. */
export function useUnreadCount(): string | undefined {
  const { data } = useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: () => answer(api.GET('/v1/me/notifications', { params: { query: { unread: true, limit: LIMIT } } })),
    select: (page) => (page.items.length === 0 ? undefined : `${page.items.length}${page.nextCursor ? '+' : ''}`),
    refetchInterval: 60_000,
  });
  return data;
}
