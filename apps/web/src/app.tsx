import { lazy } from 'react';
import { RouterProvider } from 'react-aria-components';
import { Route, Routes, useHref, useNavigate, type NavigateOptions } from 'react-router';
import { Layout, PublicLayout } from './layout/layout';
import { RequireSession } from './session/require-session';

declare module 'react-aria-components' {
  interface RouterConfig {
    routerOptions: NavigateOptions;
  }
}

// Every page is its own chunk, loaded when first shown: the initial JavaScript is the shell only.
const SignInPage = lazy(() => import('./pages/sign-in/sign-in-page'));
const SignInLinkPage = lazy(() => import('./pages/sign-in/sign-in-link-page'));
const AttendPage = lazy(() => import('./pages/attend/attend-page'));
const AgendaPage = lazy(() => import('./pages/agenda/agenda-page'));
const NewExchangePage = lazy(() => import('./pages/new-exchange/new-exchange-page'));
const ExchangesPage = lazy(() => import('./pages/exchanges/exchanges-page'));
const ExchangePage = lazy(() => import('./pages/exchange/exchange-page'));
const InboxPage = lazy(() => import('./pages/inbox/inbox-page'));
const ProfilePage = lazy(() => import('./pages/profile/profile-page'));
const PeoplePage = lazy(() => import('./pages/people/people-page'));
const SeriesListPage = lazy(() => import('./pages/series/series-list-page'));
const NewSeriesPage = lazy(() => import('./pages/series/new-series-page'));
const SeriesPage = lazy(() => import('./pages/series/series-page'));
const SupportListPage = lazy(() => import('./pages/support-requests/support-list-page'));
const NewSupportPage = lazy(() => import('./pages/support-requests/new-support-page'));
const SupportPage = lazy(() => import('./pages/support-requests/support-page'));
const NotFoundPage = lazy(() => import('./pages/not-found-page'));

/** The routes. A new page: a file under pages/, a lazy import here, a <Route>, and a link in layout/navigation.ts if it is in the menu. */
export function App() {
  const navigate = useNavigate();
  return (
    // react-aria-components' links and menus navigate through react-router, without a page load.
    <RouterProvider navigate={(to, options) => void navigate(to, options)} useHref={useHref}>
      <Routes>
        <Route element={<PublicLayout />}>
          <Route path="sign-in" element={<SignInPage />} />
          <Route path="sign-in/link" element={<SignInLinkPage />} />
          <Route path="attend" element={<AttendPage />} />
        </Route>
        <Route
          element={
            <RequireSession>
              <Layout />
            </RequireSession>
          }
        >
          <Route index element={<AgendaPage />} />
          <Route path="exchanges" element={<ExchangesPage />} />
          <Route path="exchanges/new" element={<NewExchangePage />} />
          <Route path="exchanges/:id" element={<ExchangePage />} />
          <Route path="inbox" element={<InboxPage />} />
          <Route path="profile" element={<ProfilePage />} />
          <Route path="people" element={<PeoplePage />} />
          <Route path="series" element={<SeriesListPage />} />
          <Route path="series/new" element={<NewSeriesPage />} />
          <Route path="series/:id" element={<SeriesPage />} />
          <Route path="support-requests" element={<SupportListPage />} />
          <Route path="support-requests/new" element={<NewSupportPage />} />
          <Route path="support-requests/:id" element={<SupportPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </RouterProvider>
  );
}
