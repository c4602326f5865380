import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Schemas } from '@liaison/client';
import { answer, api } from '../../api/client';

export type Person = Schemas['PersonResponse'];
export type NewPerson = Schemas['CreatePersonDto'];

const PAGE = 50;

/** The people of my organisation I may list (`GET /v1/people`), oldest first, a page at a time. */
export function usePeople() {
  return useInfiniteQuery({
    queryKey: ['people', 'list'],
    queryFn: ({ pageParam }) =>
      answer(api.GET('/v1/people', { params: { query: { limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Adds a person (`POST /v1/people`); the answer holds their first token, shown once. */
export function useAddPerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPerson) => answer(api.POST('/v1/people', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['people'] }),
  });
}

/** Deactivates or reactivates a person (`POST /v1/people/{id}/deactivate` or `/reactivate`). */
export function useSetActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      active
        ? answer(api.POST('/v1/people/{id}/reactivate', { params: { path: { id } } }))
        : answer(api.POST('/v1/people/{id}/deactivate', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['people'] }),
  });
}
