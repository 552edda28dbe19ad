/** The event feed: every audit event as a CloudEvent, a page at a time. */
import type { HttpHandler } from '#shared/http/handler.ts';
import { createRouteHandler } from '#shared/http/handler.ts';
import { ok } from '#shared/http/route.ts';
import { PAGE_SIZE } from '#shared/schemas/common.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';
import { listEvents } from '#shared/usecases/events.ts';
import { cloudDeps } from '../composition/app.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { eventsRoutes } from './routes/events.ts';
import type { ImplsOf } from './routes.ts';

/** One implementation per route this module serves (the route table says which). */
const impls: ImplsOf<'events'> = {
  'GET /events': async ({ deps, caller, query }) => {
    const limit = query.limit ?? PAGE_SIZE.default;
    const page = await listEvents(deps, caller, { after: query.after, limit });
    // A full page may have more behind it: link the next one (RFC 8288). A short page is the end for now.
    if (page.next === undefined || page.events.length < limit) return ok(page);
    const next = `${deps.apiBaseUrl}/events?${new URLSearchParams({ after: page.next, limit: String(limit) })}`;
    return ok(page, 200, { Link: `<${next}>; rel="next"` });
  },
};

/** The events resource's handler over `deps`. */
export function createEventsHandler(deps: AppDeps): HttpHandler {
  return createRouteHandler(deps, eventsRoutes, impls);
}

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler: HttpHandler = onFirstCall(async () => createEventsHandler(await cloudDeps()));
