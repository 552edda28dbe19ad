/**
 * The routes of the calendars handler (the route table's `handler: 'calendars'`): its Lambda entry
 * imports only these, so a cold request builds no other module's schemas (issue 16).
 */
import { anyone, anyParty } from '#shared/http/authority.ts';
import { type RouteDef, route } from '#shared/http/route.ts';
import { ICALENDAR_CONTENT_TYPE } from '#shared/schemas/documents.ts';
import {
  CalendarFileParams,
  CalendarParams,
  CreatedCalendar,
  ICalendarText,
  NoContent,
} from '#shared/schemas/integrations.ts';
import { EmptyBody } from '#shared/schemas/proposal-requests.ts';

export const calendarsRoutes = {
  'POST /calendars': route({
    method: 'POST',
    path: '/calendars',
    handler: 'calendars',
    tag: 'Calendars',
    operationId: 'createCalendar',
    summary: 'Create a secret calendar URL for your party: meetings and deadlines, without a token',
    who: anyParty,
    body: EmptyBody,
    bodyOptional: true,
    success: {
      status: 201,
      description: 'The calendar and its secret URL (shown once).',
      schema: CreatedCalendar,
    },
    problems: [],
  }),
  'DELETE /calendars/{id}': route({
    method: 'DELETE',
    path: '/calendars/{id}',
    handler: 'calendars',
    tag: 'Calendars',
    operationId: 'revokeCalendar',
    summary: 'Revoke one of your party’s calendar URLs',
    who: anyParty,
    params: CalendarParams,
    success: { status: 204, description: 'Revoked: the URL answers 404 from now on.', schema: NoContent },
    problems: [404],
  }),
  'GET /calendars/{party}/{file}': route({
    method: 'GET',
    path: '/calendars/{party}/{file}',
    handler: 'calendars',
    tag: 'Calendars',
    operationId: 'getCalendarFeed',
    summary: 'A party’s calendar feed at its secret URL (no token: the URL is the credential)',
    who: anyone,
    params: CalendarFileParams,
    success: {
      status: 200,
      description: 'Meetings and open deadlines with reminders (VALARM).',
      schema: ICalendarText,
      contentType: ICALENDAR_CONTENT_TYPE,
    },
    problems: [404],
  }),
} as const satisfies Record<string, RouteDef>;
