/**
 * The routes of the events handler (the route table's `handler: 'events'`): its Lambda entry
 * imports only these, so a cold request builds no other module's schemas (issue 16).
 */
import { anyParty } from '#shared/http/authority.ts';
import { type RouteDef, route } from '#shared/http/route.ts';
import { EventFeed, EventsQuery } from '#shared/schemas/integrations.ts';

export const eventsRoutes = {
  'GET /events': route({
    method: 'GET',
    path: '/events',
    handler: 'events',
    tag: 'Events',
    operationId: 'listEvents',
    summary: 'Every audit event as a CloudEvent (NL GOV profile), oldest first, after a cursor',
    who: anyParty,
    query: EventsQuery,
    success: { status: 200, description: 'Events, and where to continue.', schema: EventFeed },
    problems: [],
  }),
} as const satisfies Record<string, RouteDef>;
