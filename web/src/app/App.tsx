/**
 * The app: query cache, session, routes. Routes live in the URL's fragment (`/#/proposals/…`), so
 * the app's paths never meet the API's (`/proposals/…`) on the one origin they share.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ComponentType, lazy, useState } from 'react';
import { createHashRouter, matchPath, Navigate, Outlet, RouterProvider } from 'react-router';
import type { ApiClient } from '../api';
import { proposalQuery } from '../features/proposals/queries';
import { SignInPage } from '../features/sign-in/SignInPage';
import type { RuntimeConfig } from '../session/config';
import { SessionProvider, useSession } from '../session/SessionProvider';
import { ErrorPage } from './ErrorPage';
import { Layout } from './Layout';

/**
 * The pages behind sign-in, each loaded when its route is first visited: each feature is its own
 * chunk, so the first page's JavaScript holds the frame and the sign-in page only (the budget of
 * issue 13, item 8).
 */
const PAGES: readonly { readonly path: string; readonly load: () => Promise<ComponentType> }[] = [
  { path: '/', load: () => import('../features/work/MyWorkPage').then((m) => m.MyWorkPage) },
  {
    path: '/proposals',
    load: () => import('../features/proposals/ProposalsPage').then((m) => m.ProposalsPage),
  },
  {
    path: '/proposals/new',
    load: () => import('../features/proposals/NewProposalPage').then((m) => m.NewProposalPage),
  },
  {
    path: '/proposals/:id',
    load: () => import('../features/proposals/ProposalPage').then((m) => m.ProposalPage),
  },
  { path: '/meetings', load: () => import('../features/meetings/MeetingsPage').then((m) => m.MeetingsPage) },
  {
    path: '/meetings/:id',
    load: () => import('../features/meetings/MeetingPage').then((m) => m.MeetingPage),
  },
  {
    path: '/escalations',
    load: () => import('../features/escalations/EscalationsPage').then((m) => m.EscalationsPage),
  },
  {
    path: '/decisions',
    load: () => import('../features/decisions/DecisionsPage').then((m) => m.DecisionsPage),
  },
  {
    path: '/deadlines',
    load: () => import('../features/deadlines/DeadlinesPage').then((m) => m.DeadlinesPage),
  },
  { path: '/parties', load: () => import('../features/parties/PartiesPage').then((m) => m.PartiesPage) },
  {
    path: '/release-calendar',
    load: () => import('../features/release-calendar/ReleaseCalendarPage').then((m) => m.ReleaseCalendarPage),
  },
  { path: '/covenant', load: () => import('../features/covenant/CovenantPage').then((m) => m.CovenantPage) },
  { path: '/notices', load: () => import('../features/covenant/NoticesPage').then((m) => m.NoticesPage) },
  { path: '/admin', load: () => import('../features/admin/AdminPage').then((m) => m.AdminPage) },
  { path: '/admin/:id', load: () => import('../features/admin/ExecutionPage').then((m) => m.ExecutionPage) },
];

/**
 * Starts loading the chunk of the page the address opens on, while the configuration and the
 * message catalogue load: the page's code then does not wait for them (its first render).
 */
export function preloadPageOf(hash: string): void {
  const path = hash.replace(/^#/, '') || '/';
  const page = PAGES.find((candidate) => matchPath(candidate.path, path));
  page?.load().catch(() => undefined);
}

function RequireSession() {
  const { session } = useSession();
  return session ? <Outlet /> : <Navigate to="/sign-in" replace />;
}

const router = () =>
  createHashRouter([
    {
      element: <Layout />,
      errorElement: <ErrorPage />,
      children: [
        { path: '/sign-in', element: <SignInPage /> },
        {
          element: <RequireSession />,
          children: [
            ...PAGES.map(({ path, load }) => {
              const Page = lazy(async () => ({ default: await load() }));
              return { path, element: <Page /> };
            }),
            { path: '*', element: <Navigate to="/" replace /> },
          ],
        },
      ],
    },
  ]);

/** The one cache of server state. */
export function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 1000 } } });
}

/**
 * Asks for the proposal the address opens on while React renders the frame, so the proposal
 * page's first render does not wait for its own request (issue 13, item 8).
 */
export function prefetchPageData(hash: string, queryClient: QueryClient, api: ApiClient): void {
  const match = matchPath('/proposals/:id', hash.replace(/^#/, '') || '/');
  const id = match?.params.id;
  if (id && id !== 'new') void queryClient.prefetchQuery(proposalQuery(api, id));
}

export function App({ config, queryClient }: { config: RuntimeConfig; queryClient: QueryClient }) {
  const [appRouter] = useState(router);
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider config={config}>
        <RouterProvider router={appRouter} />
      </SessionProvider>
    </QueryClientProvider>
  );
}
