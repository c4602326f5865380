import type { Schemas } from '@liaison/client';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api } from '../../api/client';

export type Series = Schemas['SeriesResponse'];
export type Occurrence = Schemas['ExchangeResponse'];

/** The catalogues a form offers: organisations, cooperation areas, A4P areas (the same for everyone, kept a while). */
export function useOrganizations() {
  return useQuery({
    queryKey: ['organizations'],
    queryFn: () => answer(api.GET('/v1/organizations')),
    staleTime: 5 * 60_000,
    select: (page) => page.items,
  });
}

export function useAreas() {
  return useQuery({
    queryKey: ['areas'],
    queryFn: () => answer(api.GET('/v1/areas')),
    staleTime: 5 * 60_000,
    select: (page) => page.items,
  });
}

/** The people the API lets me list (a coordinator: their organisation's), for choosing participants; fails for others. */
export function usePeople() {
  return useQuery({
    queryKey: ['people', 'all'],
    queryFn: () => answer(api.GET('/v1/people', { params: { query: { limit: 200 } } })),
  });
}

/** The series the API lets me see (`GET /v1/series`), newest first, a page at a time. */
export function useSeriesList() {
  return useInfiniteQuery({
    queryKey: ['series', 'list'],
    queryFn: ({ pageParam }) => answer(api.GET('/v1/series', { params: { query: { limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useSeries(id: string) {
  return useQuery({
    queryKey: ['series', id],
    queryFn: () => answer(api.GET('/v1/series/{id}', { params: { path: { id } } })),
  });
}

/** How long after a series is made its page looks again for the occurrences its workflow is still making. */
const MAKING_MS = 2 * 60_000;

/**
 * The series' occurrences the API lets me see, by start time, a page at a time. Just after the
 * series is made, its workflow makes the first `horizon` occurrences one by one: while `making`,
 * the page looks again every 2 s until it has them all (a rule may give fewer: it stops
 * MAKING_MS after the series was made, whatever it has).
 */
export function useOccurrences(series: Pick<Series, 'id' | 'status' | 'horizon' | 'createdAt'>) {
  const making = () => series.status === 'active' && Date.now() - Date.parse(series.createdAt) < MAKING_MS;
  return useInfiniteQuery({
    queryKey: ['series', series.id, 'exchanges'],
    queryFn: ({ pageParam }) =>
      answer(api.GET('/v1/series/{id}/exchanges', { params: { path: { id: series.id }, query: { limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: (query) => (making() && (query.state.data?.pages[0]?.items.length ?? 0) < series.horizon ? 2_000 : false),
  });
}

/** After a change to a series: it, its occurrences, and every list of exchanges, asked again. */
export function useSeriesChanged() {
  const queryClient = useQueryClient();
  return async (series: Series) => {
    queryClient.setQueryData(['series', series.id], series);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['series'] }),
      queryClient.invalidateQueries({ queryKey: ['exchanges'] }),
    ]);
  };
}
