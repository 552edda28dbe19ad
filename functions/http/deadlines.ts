/** Open deadlines, as JSON or as an iCalendar feed (each its own operation, one media type each). */
import type { HttpHandler } from '#shared/http/handler.ts';
import { createRouteHandler } from '#shared/http/handler.ts';
import { pageOf, pageReply } from '#shared/http/pages.ts';
import { movedTo } from '#shared/http/route.ts';
import { ICALENDAR_CONTENT_TYPE } from '#shared/schemas/documents.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';
import { listDeadlines } from '#shared/usecases/queries.ts';
import { cloudDeps } from '../composition/app.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { deadlinesRoutes } from './routes/deadlines.ts';
import type { ImplsOf } from './routes.ts';

/**
 * The iCalendar writer (`ics`, with the `yup` schemas it builds at import: 71 KiB) is loaded on the
 * first feed asked for: the JSON list never pays for it (issue 16). esbuild keeps it in the bundle,
 * wrapped so that nothing of it runs at import.
 */
const calendarWriter = () => import('#shared/usecases/calendar.ts');

/** One implementation per route this module serves (the route table says which). */
const impls: ImplsOf<'deadlines'> = {
  // `?format=ics` is the deprecated alias of `GET /deadlines.ics` (README, "Versioning").
  'GET /deadlines': async ({ deps, query, event }) =>
    query.format === 'ics'
      ? movedTo(event.rawPath, '.ics')
      : pageReply(await listDeadlines(deps, pageOf(query)), event, deps.apiBaseUrl),
  'GET /deadlines.ics': async ({ deps }) => ({
    status: 200,
    body: await (await calendarWriter()).deadlinesFeed(deps),
    contentType: ICALENDAR_CONTENT_TYPE,
  }),
};

/** The deadlines resource's handler over `deps`. */
export function createDeadlinesHandler(deps: AppDeps): HttpHandler {
  return createRouteHandler(deps, deadlinesRoutes, impls);
}

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler: HttpHandler = onFirstCall(async () => createDeadlinesHandler(await cloudDeps()));
