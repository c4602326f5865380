import type { Schemas } from '@liaison/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api } from '../../api/client';

export type CreateExchange = Schemas['CreateExchangeDto'];

/** Every organisation (`GET /v1/organizations`). */
export function useOrganizations() {
  return useQuery({
    queryKey: ['organizations', 'items'],
    queryFn: async () => (await answer(api.GET('/v1/organizations'))).items,
    staleTime: 5 * 60_000,
  });
}

/** `POST /v1/exchanges`; the agenda lists are asked again once it is made. */
export function useCreateExchange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateExchange) => answer(api.POST('/v1/exchanges', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['exchanges'] }),
  });
}
