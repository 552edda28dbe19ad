/** Meetings: their agenda, attendance (the quorum), closing (the objection window) and minutes. */
import type { HttpHandler } from '#shared/http/handler.ts';
import { createRouteHandler } from '#shared/http/handler.ts';
import { pageOf, pageReply } from '#shared/http/pages.ts';
import { movedTo, ok } from '#shared/http/route.ts';
import { MARKDOWN_CONTENT_TYPE } from '#shared/schemas/documents.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';
import { closeMeeting, createMeeting, recordAttendance } from '#shared/usecases/meetings.ts';
import { getMeeting, getMinutes, listMeetings } from '#shared/usecases/queries.ts';
import { meetingView } from '#shared/views/meetings.ts';
import { minutesMarkdown } from '#shared/views/minutes-markdown.ts';
import { cloudDeps } from '../composition/app.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { meetingsRoutes } from './routes/meetings.ts';
import type { ImplsOf } from './routes.ts';

/** One implementation per route this module serves (the route table says which). */
const impls: ImplsOf<'meetings'> = {
  'GET /meetings': async ({ deps, query, event }) =>
    pageReply(await listMeetings(deps, pageOf(query)), event, deps.apiBaseUrl),
  'POST /meetings': async ({ deps, body }) => {
    const meeting = await createMeeting(deps, body);
    return ok(meetingView(meeting), 201, { Location: `${deps.apiBaseUrl}/meetings/${meeting.id}` });
  },
  'GET /meetings/{id}': async ({ deps, params }) => ok(await getMeeting(deps, params.id)),
  'PUT /meetings/{id}/attendance': async ({ deps, params, body }) => {
    const { meeting, quorum } = await recordAttendance(deps, params.id, body.present);
    return ok({ ...meetingView(meeting), quorum });
  },
  'POST /meetings/{id}/close': async ({ deps, params, caller }) => {
    const { meeting, windowsClosed } = await closeMeeting(deps, params.id, caller);
    return ok({ ...meetingView(meeting), objectionWindowsClosed: windowsClosed });
  },
  // `?format=md` is the deprecated alias of `GET /meetings/{id}/minutes.md` (README, "Versioning").
  'GET /meetings/{id}/minutes': async ({ deps, params, query, event }) =>
    query.format === 'md' ? movedTo(event.rawPath, '.md') : ok(await getMinutes(deps, params.id)),
  'GET /meetings/{id}/minutes.md': async ({ deps, params }) => ({
    status: 200,
    body: minutesMarkdown(await getMinutes(deps, params.id), deps.language),
    contentType: MARKDOWN_CONTENT_TYPE,
  }),
};

/** The meetings resource's handler over `deps`. */
export function createMeetingsHandler(deps: AppDeps): HttpHandler {
  return createRouteHandler(deps, meetingsRoutes, impls);
}

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler: HttpHandler = onFirstCall(async () => createMeetingsHandler(await cloudDeps()));
