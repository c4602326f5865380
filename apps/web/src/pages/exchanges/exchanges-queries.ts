import type { Schemas } from '@liaison/client';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { answer, api } from '../../api/client';

export type Exchange = Schemas['ExchangeResponse'];

/** The filters of `GET /v1/exchanges`, as the API takes them (instants for `from` and `to`, codes for the rest). */
export interface ExchangeFilters {
  from?: string;
  to?: string;
  level?: Exchange['level'];
  area?: string;
  status?: Exchange['status'];
  organization?: string;
}

/**
 * The exchanges the API lets me see that match `filters`, by start time, fifty at a time
 * (`fetchNextPage` for the next). Under `['exchanges']`, so every change to an exchange refreshes it.
 */
export function useExchangeList(filters: ExchangeFilters) {
  return useInfiniteQuery({
    queryKey: ['exchanges', 'list', filters],
    queryFn: ({ pageParam }) => answer(api.GET('/v1/exchanges', { params: { query: { ...filters, limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The cooperation areas (`GET /v1/areas`), under the key and in the shape the exchange pages keep them. */
export function useAreas() {
  return useQuery({ queryKey: ['areas', 'all'], queryFn: () => answer(api.GET('/v1/areas')), staleTime: Infinity });
}

/** `confirmed` → `Confirmed`. */
export function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
