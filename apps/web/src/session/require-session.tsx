import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { isUnauthorized, messageOf } from '../api/client';
import { SESSION_KEY, SessionContext, useSessionQuery } from './session';

/**
 * The gate of every signed-in page: asks for the session once, sends a visitor without one to
 * `/sign-in?next=<the page asked for>`, and does the same when any later answer is a 401 (the
 * session expired or was revoked meanwhile).
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  const queryClient = useQueryClient();
  const session = useSessionQuery();

  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'error' && isUnauthorized(event.action.error)) {
          queryClient.setQueryData(SESSION_KEY, null);
        }
      }),
    [queryClient],
  );

  if (session.isPending) return <p className="status">Loading…</p>;
  if (session.isError) {
    return (
      <p className="status" role="alert">
        Liaison could not load your session: {messageOf(session.error)}
      </p>
    );
  }
  if (session.data === null) {
    const next = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <SessionContext value={session.data}>{children}</SessionContext>;
}
