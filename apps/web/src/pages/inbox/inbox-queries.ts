import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Schemas } from '@liaison/client';
import { answer, api } from '../../api/client';

export type Notification = Schemas['NotificationResponse'];

const PAGE = 25;

/**
 * My inbox (`GET /v1/me/notifications`), newest first, a page at a time; only the unread ones with
 * `unread`. Under ['notifications'], beside the header's unread count (layout/unread-count.ts).
 */
export function useNotifications(unread: boolean) {
  return useInfiniteQuery({
    queryKey: ['notifications', 'list', { unread }],
    queryFn: ({ pageParam }) =>
      answer(
        api.GET('/v1/me/notifications', {
          params: { query: { limit: PAGE, ...(unread ? { unread: true } : {}), ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Marks one read (`POST /v1/me/notifications/{id}/read`); the lists and the header's count are asked for again. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => answer(api.POST('/v1/me/notifications/{id}/read', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
