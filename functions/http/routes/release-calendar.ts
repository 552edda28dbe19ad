/**
 * The routes of the release-calendar handler (the route table's `handler: 'release-calendar'`): its Lambda entry
 * imports only these, so a cold request builds no other module's schemas (issue 16).
 */
import { anyParty, byRule } from '#shared/http/authority.ts';
import { type RouteDef, route } from '#shared/http/route.ts';
import {
  RecordReleaseBody,
  ReleaseCalendar,
  ReleaseCalendarEntry,
  ReleaseCalendarQuery,
} from '#shared/schemas/release-calendar.ts';

export const releaseCalendarRoutes = {
  'GET /release-calendar': route({
    method: 'GET',
    path: '/release-calendar',
    handler: 'release-calendar',
    tag: 'Release calendar',
    operationId: 'getReleaseCalendar',
    summary:
      'Agreed implementation dates per standard and version; the objection blackout reads them (art. 7.4)',
    who: anyParty,
    query: ReleaseCalendarQuery,
    success: {
      status: 200,
      description: 'The calendar, by implementation date.',
      schema: ReleaseCalendar,
    },
    problems: [],
  }),
  'POST /release-calendar': route({
    method: 'POST',
    path: '/release-calendar',
    handler: 'release-calendar',
    tag: 'Release calendar',
    operationId: 'recordRelease',
    summary: 'Record an implementation date agreed before this system existed (DESIGN 2.4, art. 7.4)',
    who: byRule('secretary'),
    body: RecordReleaseBody,
    success: { status: 201, description: 'The entry as recorded.', schema: ReleaseCalendarEntry },
    problems: [409, 422],
  }),
} as const satisfies Record<string, RouteDef>;
