/** The release calendar (DESIGN 2.4): agreed implementation dates per standard and version. */
import type { HttpHandler } from '#shared/http/handler.ts';
import { createRouteHandler } from '#shared/http/handler.ts';
import { ok } from '#shared/http/route.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';
import {
  getReleaseCalendar,
  recordReleaseEntry,
  releaseEntryView,
} from '#shared/usecases/release-calendar.ts';
import { cloudDeps } from '../composition/app.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { releaseCalendarRoutes } from './routes/release-calendar.ts';
import type { ImplsOf } from './routes.ts';

/** One implementation per route this module serves (the route table says which). */
const impls: ImplsOf<'release-calendar'> = {
  'GET /release-calendar': async ({ deps, query }) => ok(await getReleaseCalendar(deps, query.standard)),
  'POST /release-calendar': async ({ deps, body, caller }) => {
    const entry = await recordReleaseEntry(deps, body, caller);
    const location = `${deps.apiBaseUrl}/release-calendar?standard=${entry.standard}`;
    return ok(releaseEntryView(entry), 201, { Location: location });
  },
};

/** The release calendar's handler over `deps`. */
export function createReleaseCalendarHandler(deps: AppDeps): HttpHandler {
  return createRouteHandler(deps, releaseCalendarRoutes, impls);
}

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler: HttpHandler = onFirstCall(async () => createReleaseCalendarHandler(await cloudDeps()));
