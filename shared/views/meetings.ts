/** Meetings as the API shows them. */

import type { z } from 'zod';
import type { MeetingRecord, MeetingWithAgenda } from '#shared/ports/store.ts';
import type { Meeting, MeetingDetail } from '#shared/schemas/meetings.ts';

/** What meetings written before the Idempotency-Key record kept the requests in; never shown. */
interface LegacyRequestRefs {
  readonly attendanceByRequest?: string;
  readonly closedByRequest?: string;
}

/** A meeting record in the public shape. */
export function meetingView(meeting: MeetingRecord): z.infer<typeof Meeting> {
  const {
    closedByRequest: _closed,
    attendanceByRequest: _attendance,
    ...shown
  } = meeting as MeetingRecord & LegacyRequestRefs;
  return { ...shown, present: [...meeting.present] };
}

/** A meeting with its agenda, agenda items in the order they were added. */
export function meetingDetailView({ meeting, agenda }: MeetingWithAgenda): z.infer<typeof MeetingDetail> {
  const items = [...agenda]
    .sort((a, b) => a.addedAt.localeCompare(b.addedAt))
    .map(({ proposalId, title, addedAt }) => ({ proposalId, title, addedAt }));
  return { ...meetingView(meeting), agenda: items };
}
