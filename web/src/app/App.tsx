/**
 * The app: query cache, session, routes. Routes live in the URL's fragment (`/#/proposals/…`), so
 * the app's paths never meet the API's (`/proposals/…`) on the one origin they share.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ComponentType, lazy, useState } from 'react';
import { createHashRouter, Navigate, Outlet, RouterProvider } from 'react-router';
import { SignInPage } from '../features/sign-in/SignInPage';
import type { RuntimeConfig } from '../session/config';
import { SessionProvider, useSession } from '../session/SessionProvider';
import { ErrorPage } from './ErrorPage';
import { Layout } from './Layout';

/**
 * A page loaded when its route is first visited: each feature is its own chunk, so the first
 * page's JavaScript holds the frame and the sign-in page only (the budget of issue 13, item 8).
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ComponentType {
  return lazy<ComponentType>(async () => ({ default: (await load())[name] }));
}

const MyWorkPage = page(() => import('../features/work/MyWorkPage'), 'MyWorkPage');
const ProposalsPage = page(() => import('../features/proposals/ProposalsPage'), 'ProposalsPage');
const NewProposalPage = page(() => import('../features/proposals/NewProposalPage'), 'NewProposalPage');
const ProposalPage = page(() => import('../features/proposals/ProposalPage'), 'ProposalPage');
const MeetingsPage = page(() => import('../features/meetings/MeetingsPage'), 'MeetingsPage');
const MeetingPage = page(() => import('../features/meetings/MeetingPage'), 'MeetingPage');
const EscalationsPage = page(() => import('../features/escalations/EscalationsPage'), 'EscalationsPage');
const DecisionsPage = page(() => import('../features/decisions/DecisionsPage'), 'DecisionsPage');
const DeadlinesPage = page(() => import('../features/deadlines/DeadlinesPage'), 'DeadlinesPage');
const PartiesPage = page(() => import('../features/parties/PartiesPage'), 'PartiesPage');
const ReleaseCalendarPage = page(
  () => import('../features/release-calendar/ReleaseCalendarPage'),
  'ReleaseCalendarPage',
);
const AdminPage = page(() => import('../features/admin/AdminPage'), 'AdminPage');
const ExecutionPage = page(() => import('../features/admin/ExecutionPage'), 'ExecutionPage');

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
            { path: '/', element: <MyWorkPage /> },
            { path: '/proposals', element: <ProposalsPage /> },
            { path: '/proposals/new', element: <NewProposalPage /> },
            { path: '/proposals/:id', element: <ProposalPage /> },
            { path: '/meetings', element: <MeetingsPage /> },
            { path: '/meetings/:id', element: <MeetingPage /> },
            { path: '/escalations', element: <EscalationsPage /> },
            { path: '/decisions', element: <DecisionsPage /> },
            { path: '/deadlines', element: <DeadlinesPage /> },
            { path: '/parties', element: <PartiesPage /> },
            { path: '/release-calendar', element: <ReleaseCalendarPage /> },
            { path: '/admin', element: <AdminPage /> },
            { path: '/admin/:id', element: <ExecutionPage /> },
            { path: '*', element: <Navigate to="/" replace /> },
          ],
        },
      ],
    },
  ]);

export function App({ config }: { config: RuntimeConfig }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 1000 } } }),
  );
  const [appRouter] = useState(router);
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider config={config}>
        <RouterProvider router={appRouter} />
      </SessionProvider>
    </QueryClientProvider>
  );
}
