import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schemas } from '@liaison/client';
import { answer, api } from '../../api/client';
import { SESSION_KEY } from '../../session/session';

export type Me = Schemas['PersonResponse'];
export type PersonChanges = Schemas['UpdateMeDto'];
export type Calendar = Schemas['CalendarAddressResponse'];
export type WebSession = Schemas['SessionResponse'];
export type TokenInfo = Schemas['TokenInfoResponse'];

export const ME_KEY = ['me'] as const;
// Not under ['me']: invalidating my details must not ask for the feed again (a second read hides its address).
export const CALENDAR_KEY = ['calendar-address'] as const;
export const SESSIONS_KEY = ['me', 'sessions'] as const;
export const TOKENS_KEY = ['me', 'tokens'] as const;

/** My details (`GET /v1/me`). */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: () => answer(api.GET('/v1/me')) });
}

/**
 * Changes my own profile (`PATCH /v1/me`: name, time zone, channels, quiet hours, whatever my
 * roles). The session's copy of me (its time zone, which every page reads) and the people list are
 * asked for again.
 */
export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PersonChanges) => answer(api.PATCH('/v1/me', { body })),
    onSuccess: async (person) => {
      queryClient.setQueryData(ME_KEY, person);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: SESSION_KEY }),
        queryClient.invalidateQueries({ queryKey: ['people'] }),
      ]);
    },
  });
}

/** A signed test event to my webhook (`POST /v1/me/webhooks/test`). */
export function useWebhookTest() {
  return useMutation({ mutationFn: () => answer(api.POST('/v1/me/webhooks/test')) });
}

/**
 * My calendar feed (`GET /v1/me/calendar`). The first read makes it and is the only one that shows
 * its address: the answer is kept for as long as the app runs and never asked for again by itself.
 */
export function useCalendar() {
  return useQuery({
    queryKey: CALENDAR_KEY,
    queryFn: () => answer(api.GET('/v1/me/calendar')),
    staleTime: Infinity,
    gcTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/** A new calendar address (`POST /v1/me/calendar/rotate`); the old one stops working. */
export function useRotateCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => answer(api.POST('/v1/me/calendar/rotate')),
    onSuccess: (calendar) => queryClient.setQueryData(CALENDAR_KEY, calendar),
  });
}

/** My live web sessions (`GET /v1/me/sessions`). */
export function useSessions() {
  return useQuery({ queryKey: SESSIONS_KEY, queryFn: () => answer(api.GET('/v1/me/sessions')) });
}

/** Ends one of my sessions (`DELETE /v1/me/sessions/{sessionId}`): that browser is signed out on its next request. */
export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => answer(api.DELETE('/v1/me/sessions/{sessionId}', { params: { path: { sessionId } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
}

/** My API tokens, without their secrets (`GET /v1/me/tokens`). */
export function useTokens() {
  return useQuery({ queryKey: TOKENS_KEY, queryFn: () => answer(api.GET('/v1/me/tokens')) });
}

/** Revokes one of my tokens (`DELETE /v1/me/tokens/{tokenId}`). */
export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => answer(api.DELETE('/v1/me/tokens/{tokenId}', { params: { path: { tokenId } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}

/** A new token for me (`POST /v1/people/{my id}/tokens`): the answer holds its secret, once; my earlier tokens are revoked. */
export function useIssueToken(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => answer(api.POST('/v1/people/{id}/tokens', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}
