/**
 * The app: query cache, session, routes. Routes live in the URL's fragment (`/#/proposals/…`), so
 * the app's paths never meet the API's (`/proposals/…`) on the one origin they share.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createHashRouter, Navigate, Outlet, RouterProvider } from 'react-router';
import { DeadlinesPage } from '../features/deadlines/DeadlinesPage';
import { DecisionsPage } from '../features/decisions/DecisionsPage';
import { EscalationsPage } from '../features/escalations/EscalationsPage';
import { MeetingPage } from '../features/meetings/MeetingPage';
import { MeetingsPage } from '../features/meetings/MeetingsPage';
import { PartiesPage } from '../features/parties/PartiesPage';
import { NewProposalPage } from '../features/proposals/NewProposalPage';
import { ProposalPage } from '../features/proposals/ProposalPage';
import { ProposalsPage } from '../features/proposals/ProposalsPage';
import { ReleaseCalendarPage } from '../features/release-calendar/ReleaseCalendarPage';
import { SignInPage } from '../features/sign-in/SignInPage';
import { MyWorkPage } from '../features/work/MyWorkPage';
import type { RuntimeConfig } from '../session/config';
import { SessionProvider, useSession } from '../session/SessionProvider';
import { ErrorPage } from './ErrorPage';
import { Layout } from './Layout';

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
