import { Suspense, useState } from 'react';
import { Button } from 'react-aria-components';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { messageOf } from '../api/client';
import { useSession, useSignOut } from '../session/session';
import { ErrorBoundary } from './error-boundary';
import { NAVIGATION } from './navigation';
import { useUnreadCount } from './unread-count';

/** The signed-in pages' frame: skip link, header with the navigation and sign-out, and <main>. */
export function Layout() {
  const { person } = useSession();
  return (
    <>
      <SkipLink />
      <header className="app-header">
        <div className="app-header__bar">
          <Link to="/" className="brand">
            Liaison
          </Link>
          <div className="app-header__person">
            <span className="app-header__name">{person.name}</span>
            <SignOutButton />
          </div>
        </div>
        <MainNavigation />
      </header>
      <Main />
    </>
  );
}

/** The sign-in pages' frame: the product name and <main>, no navigation. */
export function PublicLayout() {
  return (
    <>
      <SkipLink />
      <header className="app-header">
        <div className="app-header__bar">
          <span className="brand">Liaison</span>
        </div>
      </header>
      <Main />
    </>
  );
}

function SkipLink() {
  return (
    <a className="skip-link" href="#main">
      Skip to main content
    </a>
  );
}

function Main() {
  const location = useLocation();
  return (
    <main id="main" tabIndex={-1}>
      {/* A page that fails is replaced by its error; moving to another page clears it. */}
      <ErrorBoundary key={location.pathname}>
        <Suspense fallback={<p className="status">Loading…</p>}>
          <Outlet />
        </Suspense>
      </ErrorBoundary>
    </main>
  );
}

function MainNavigation() {
  const unread = useUnreadCount();
  return (
    <nav aria-label="Main">
      <ul className="main-nav">
        {NAVIGATION.map(({ to, label, end }) => (
          <li key={to}>
            <NavLink to={to} end={end}>
              {label}
              {to === '/inbox' && unread ? (
                <span className="badge">
                  {unread}
                  <span className="visually-hidden"> unread</span>
                </span>
              ) : null}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function SignOutButton() {
  const signOut = useSignOut();
  const [error, setError] = useState<string>();
  return (
    <>
      <Button className="button button--quiet" onPress={() => void signOut().catch((e: unknown) => setError(messageOf(e)))}>
        Sign out
      </Button>
      {error ? (
        <span role="alert" className="error-text">
          {error}
        </span>
      ) : null}
    </>
  );
}
