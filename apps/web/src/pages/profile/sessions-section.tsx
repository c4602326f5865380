import { Button } from 'react-aria-components';
import { messageOf } from '../../api/client';
import { formatDateTime } from '../../format/time';
import { useEndSession, useSessions, type WebSession } from './profile-queries';
import { browserOf } from './user-agent';

/** My live web sessions (`GET /v1/me/sessions`), newest first; "End" signs that browser out. */
export function SessionsSection({ timeZone }: { timeZone: string }) {
  const sessions = useSessions();
  const end = useEndSession();
  return (
    <section aria-labelledby="sessions-heading" className="panel">
      <h2 id="sessions-heading">Where you are signed in</h2>
      {sessions.isPending ? <p className="status">Loading your sessions…</p> : null}
      {sessions.isError ? (
        <p role="alert" className="error-text">
          {messageOf(sessions.error)}
        </p>
      ) : null}
      {end.isError ? (
        <p role="alert" className="error-text">
          {messageOf(end.error)}
        </p>
      ) : null}
      {sessions.data ? (
        <ul className="rows">
          {sessions.data.items.map((session) => (
            <li key={session.id} className="row">
              <SessionRow
                session={session}
                timeZone={timeZone}
                isEnding={end.isPending && end.variables === session.id}
                onEnd={() => end.mutate(session.id)}
              />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function SessionRow({
  session,
  timeZone,
  isEnding,
  onEnd,
}: {
  session: WebSession;
  timeZone: string;
  isEnding: boolean;
  onEnd: () => void;
}) {
  const browser = browserOf(session.userAgent);
  const signedIn = formatDateTime(session.createdAt, timeZone);
  return (
    <>
      <div className="row__main">
        <h3>
          {browser} {session.current ? <span className="tag tag--strong">This browser</span> : null}
        </h3>
        <p className="row__meta">
          Signed in {signedIn} ({session.method === 'oidc' ? 'single sign-on' : 'e-mail link'}) · last used{' '}
          {formatDateTime(session.lastUsedAt, timeZone)}
        </p>
        {session.userAgent ? <p className="row__detail">{session.userAgent}</p> : null}
      </div>
      {session.current ? (
        <p className="row__meta">Use “Sign out” to end this one.</p>
      ) : (
        <Button
          className="button button--quiet"
          aria-label={`End the session of ${browser} signed in ${signedIn}`}
          isDisabled={isEnding}
          onPress={onEnd}
        >
          End
        </Button>
      )}
    </>
  );
}
