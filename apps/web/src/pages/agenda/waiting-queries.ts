import { useQuery } from '@tanstack/react-query';
import { answer, api } from '../../api/client';

export const WAITING_KEY = ['me', 'waiting'] as const;

/**
 * `GET /v1/me/waiting`: what waits for the signed-in person, by due time. Read afresh each time My
 * agenda is shown (a confirmation or a step taken on another page changes it).
 */
export function useWaiting() {
  return useQuery({
    queryKey: WAITING_KEY,
    queryFn: () => answer(api.GET('/v1/me/waiting')),
    staleTime: 0,
  });
}
