/**
 * The routes of the deadlines handler (the route table's `handler: 'deadlines'`): its Lambda entry
 * imports only these, so a cold request builds no other module's schemas (issue 16).
 */
import { anyParty } from '#shared/http/authority.ts';
import { type RouteDef, route } from '#shared/http/route.ts';
import { ICALENDAR_CONTENT_TYPE } from '#shared/schemas/documents.ts';
import { ICalendarText } from '#shared/schemas/integrations.ts';
import { DeadlineList, DeadlinesQuery } from '#shared/schemas/register.ts';

export const deadlinesRoutes = {
  'GET /deadlines': route({
    method: 'GET',
    path: '/deadlines',
    handler: 'deadlines',
    tag: 'Deadlines',
    operationId: 'listDeadlines',
    summary: 'Open deadlines, soonest first (iCalendar: `GET /deadlines.ics`)',
    who: anyParty,
    query: DeadlinesQuery,
    success: { status: 200, description: 'The open deadlines, soonest first.', schema: DeadlineList },
    redirect: {
      description:
        'Deprecated alias: `?format=ics` is answered with a redirect to `/deadlines.ics` (until API version 2).',
    },
    problems: [],
  }),
  'GET /deadlines.ics': route({
    method: 'GET',
    path: '/deadlines.ics',
    handler: 'deadlines',
    tag: 'Deadlines',
    operationId: 'getDeadlinesCalendar',
    summary:
      'Every open deadline as an iCalendar feed (for a calendar app without a token: `POST /calendars`)',
    who: anyParty,
    success: {
      status: 200,
      description: 'An iCalendar feed of the open deadlines.',
      contentType: ICALENDAR_CONTENT_TYPE,
      schema: ICalendarText,
    },
    problems: [],
  }),
} as const satisfies Record<string, RouteDef>;
