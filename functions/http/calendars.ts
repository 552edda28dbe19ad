/** Secret calendar URLs: a party creates and revokes them; calendar apps fetch them without a token. */
import type { HttpHandler } from '#shared/http/handler.ts';
import { createRouteHandler } from '#shared/http/handler.ts';
import { ok } from '#shared/http/route.ts';
import { calendarByUrl, createCalendar, deleteCalendar } from '#shared/usecases/calendars.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';
import { cloudDeps } from '../composition/app.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { calendarsRoutes } from './routes/calendars.ts';
import type { ImplsOf } from './routes.ts';

/** One implementation per route this module serves (the route table says which). */
const impls: ImplsOf<'calendars'> = {
  // Location: the new calendar is its secret URL.
  'POST /calendars': async ({ deps, caller }) => {
    const created = await createCalendar(deps, caller);
    return ok(created, 201, { Location: created.url });
  },
  'DELETE /calendars/{id}': async ({ deps, caller, params }) => {
    await deleteCalendar(deps, caller, params.id);
    return { status: 204, body: null };
  },
  'GET /calendars/{party}/{file}': async ({ deps, params }) => ({
    status: 200,
    body: await calendarByUrl(deps, params.party, params.file),
    contentType: 'text/calendar',
    headers: { 'Content-Disposition': `inline; filename="stuurgroep-${params.party}.ics"` },
  }),
};

/** The calendars resource's handler over `deps`. */
export function createCalendarsHandler(deps: AppDeps): HttpHandler {
  return createRouteHandler(deps, calendarsRoutes, impls);
}

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler: HttpHandler = onFirstCall(async () => createCalendarsHandler(await cloudDeps()));
