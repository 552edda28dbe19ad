/**
 * The routes of the meetings handler (the route table's `handler: 'meetings'`): its Lambda entry
 * imports only these, so a cold request builds no other module's schemas (issue 16).
 */
import { anyParty, byRule } from '#shared/http/authority.ts';
import { type RouteDef, route } from '#shared/http/route.ts';
import { PageQuery } from '#shared/schemas/common.ts';
import { MARKDOWN_CONTENT_TYPE, MarkdownText } from '#shared/schemas/documents.ts';
import {
  AttendanceBody,
  AttendanceResult,
  CloseMeetingResult,
  CreateMeetingBody,
  Meeting,
  MeetingDetail,
  MeetingList,
  MeetingParams,
  Minutes,
  MinutesQuery,
} from '#shared/schemas/meetings.ts';
import { EmptyBody } from '#shared/schemas/proposal-requests.ts';

export const meetingsRoutes = {
  'GET /meetings': route({
    method: 'GET',
    path: '/meetings',
    handler: 'meetings',
    tag: 'Meetings',
    operationId: 'listMeetings',
    summary: 'The meetings, earliest first, a page at a time',
    who: anyParty,
    query: PageQuery,
    success: { status: 200, description: 'The meetings.', schema: MeetingList },
    problems: [],
  }),
  'POST /meetings': route({
    method: 'POST',
    path: '/meetings',
    handler: 'meetings',
    tag: 'Meetings',
    operationId: 'createMeeting',
    summary: 'Create a meeting (art. 6.3)',
    who: byRule('secretary'),
    body: CreateMeetingBody,
    success: { status: 201, description: 'The meeting.', schema: Meeting },
    problems: [409, 422],
  }),
  'GET /meetings/{id}': route({
    method: 'GET',
    path: '/meetings/{id}',
    handler: 'meetings',
    tag: 'Meetings',
    operationId: 'getMeeting',
    summary: 'A meeting with its agenda',
    who: anyParty,
    params: MeetingParams,
    success: { status: 200, description: 'The meeting.', schema: MeetingDetail },
    problems: [404],
  }),
  'PUT /meetings/{id}/attendance': route({
    method: 'PUT',
    path: '/meetings/{id}/attendance',
    handler: 'meetings',
    tag: 'Meetings',
    operationId: 'recordAttendance',
    summary: 'Record who is present; a vote needs every voting party present (art. 6.9)',
    who: byRule('secretary'),
    params: MeetingParams,
    body: AttendanceBody,
    success: {
      status: 200,
      description: 'The meeting and the quorum its attendance gives.',
      schema: AttendanceResult,
    },
    resource: 'GET /meetings/{id}',
    problems: [404, 409, 412, 422],
  }),
  'POST /meetings/{id}/close': route({
    method: 'POST',
    path: '/meetings/{id}/close',
    handler: 'meetings',
    tag: 'Meetings',
    operationId: 'closeMeeting',
    summary: 'Close the meeting: the objection window of its decisions ends (art. 7.2)',
    who: byRule('chair'),
    params: MeetingParams,
    body: EmptyBody,
    bodyOptional: true,
    success: {
      status: 200,
      description: 'The closed meeting and the decisions now in force.',
      schema: CloseMeetingResult,
    },
    resource: 'GET /meetings/{id}',
    problems: [404, 409, 412, 422, 503],
  }),
  'GET /meetings/{id}/minutes': route({
    method: 'GET',
    path: '/meetings/{id}/minutes',
    handler: 'meetings',
    tag: 'Meetings',
    operationId: 'getMinutes',
    summary: 'The minutes, drawn from the audit trail (Markdown: `GET /meetings/{id}/minutes.md`)',
    who: anyParty,
    params: MeetingParams,
    query: MinutesQuery,
    success: { status: 200, description: 'The minutes.', schema: Minutes },
    redirect: {
      description:
        'Deprecated alias: `?format=md` is answered with a redirect to `/meetings/{id}/minutes.md` (until API version 2).',
    },
    problems: [404],
  }),
  'GET /meetings/{id}/minutes.md': route({
    method: 'GET',
    path: '/meetings/{id}/minutes.md',
    handler: 'meetings',
    tag: 'Meetings',
    operationId: 'getMinutesMarkdown',
    summary: 'The minutes in Markdown, drawn from the audit trail',
    who: anyParty,
    params: MeetingParams,
    success: {
      status: 200,
      description: 'The minutes (Markdown).',
      contentType: MARKDOWN_CONTENT_TYPE,
      schema: MarkdownText,
    },
    problems: [404],
  }),
} as const satisfies Record<string, RouteDef>;
