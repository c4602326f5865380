import type { operations, Schemas } from '@liaison/client';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api } from '../../api/client';

export type SupportRequest = Schemas['SupportRequestResponse'];
export type TimelineEntry = Schemas['TimelineEntry'];
export type SupportFilters = NonNullable<operations['SupportRequestsController_list_v1']['parameters']['query']>;
export type Step = SupportRequest['actions'][number];

/** `under_review` → `under review`. */
export function statusWords(status: string): string {
  return status.replace(/_/g, ' ');
}

/** The requests the API lets me see, newest first, filtered as the URL says, a page at a time. */
export function useSupportRequests(filters: SupportFilters) {
  return useInfiniteQuery({
    queryKey: ['support-requests', 'list', filters],
    queryFn: ({ pageParam }) =>
      answer(api.GET('/v1/support-requests', { params: { query: { ...filters, limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useSupportRequest(id: string) {
  return useQuery({
    queryKey: ['support-requests', id],
    queryFn: () => answer(api.GET('/v1/support-requests/{id}', { params: { path: { id } } })),
  });
}

export function useA4pAreas() {
  return useQuery({
    queryKey: ['a4p-areas'],
    queryFn: () => answer(api.GET('/v1/a4p-areas')),
    staleTime: 5 * 60_000,
    select: (page) => page.items,
  });
}

/** Each organisation's time zone by code, from `GET /v1/organizations`: a deadline's local time beside mine. */
export function useZones() {
  return useQuery({
    queryKey: ['organizations'],
    queryFn: () => answer(api.GET('/v1/organizations')),
    staleTime: 5 * 60_000,
    select: (page) => new Map<string, string>(page.items.map((o) => [o.code, o.timezone])),
  });
}

/** After a step or a message: the request and every list of requests asked again (and my inbox, which a step may feed). */
export function useRequestChanged() {
  const queryClient = useQueryClient();
  return async (id: string) => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['support-requests'] }),
      queryClient.invalidateQueries({ queryKey: ['support-requests', id] }),
      queryClient.invalidateQueries({ queryKey: ['notifications'] }),
    ]);
  };
}
