import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { useNavigate } from 'react-router';
import { answer, api, ApiError, setCsrfToken, unwrap } from '../api/client';

async function getSession() {
  const result = await api.GET('/v1/auth/session');
  // No session (no cookie, expired, signed out elsewhere): the app sends the person to sign in.
  if (result.response.status === 401) return null;
  return unwrap(result);
}

/** What `GET /v1/auth/session` answers: the session, its CSRF token and the person signed in. */
export type Session = NonNullable<Awaited<ReturnType<typeof getSession>>>;
export type Person = Session['person'];

export const SESSION_KEY = ['session'] as const;

/** The session, asked of the API once on load; `null` when nobody is signed in. */
export function useSessionQuery() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      const session = await getSession();
      setCsrfToken(session?.csrfToken ?? null);
      return session;
    },
    staleTime: Infinity,
    retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
  });
}

/** After a sign-in (the link page) or a sign-out: what the app knows of the session from now on. */
export function storeSession(queryClient: QueryClient, session: Session | null): void {
  setCsrfToken(session?.csrfToken ?? null);
  if (session === null) queryClient.clear();
  queryClient.setQueryData(SESSION_KEY, session);
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in session; only under <RequireSession>, which renders nothing else without one. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <RequireSession>');
  return session;
}

/** Signs out (`DELETE /v1/auth/session`), goes to the sign-in page and forgets everything the app had loaded. */
export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    await answer(api.DELETE('/v1/auth/session'));
    await navigate('/sign-in', { replace: true });
    storeSession(queryClient, null);
  };
}
