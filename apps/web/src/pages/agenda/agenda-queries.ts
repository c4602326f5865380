import type { Schemas } from '@liaison/client';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { answer, api } from '../../api/client';
import type { Week } from './week';

export type Exchange = Schemas['ExchangeResponse'];

/** One page of `GET /v1/exchanges` (the exchanges the caller may see, by start time). */
function exchangesPage(query: { from: string; to?: string; cursor?: string; limit: number }) {
  return answer(api.GET('/v1/exchanges', { params: { query } }));
}

/** The exchanges from `from` on, a page at a time (`fetchNextPage` for the next). */
export function useUpcomingExchanges(from: string) {
  return useInfiniteQuery({
    queryKey: ['exchanges', 'upcoming', from],
    queryFn: ({ pageParam }) => exchangesPage({ from, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Every exchange that starts in the week (all its pages). */
export function useWeekExchanges(week: Week) {
  return useQuery({
    queryKey: ['exchanges', 'week', week.from, week.to],
    queryFn: async () => {
      const items: Exchange[] = [];
      let cursor: string | undefined;
      do {
        const page = await exchangesPage({ from: week.from, to: week.to, cursor, limit: 200 });
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    },
  });
}
