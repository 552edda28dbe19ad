/** Meetings: requests and responses, the minutes included. */
import * as z from 'zod';
import {
  Actor,
  CalendarDate,
  DecisionOutcome,
  Instant,
  MeetingId,
  NextCursor,
  PartyId,
  Phase,
  ProposalId,
  title,
} from './common.ts';
import { Tally } from './proposal-views.ts';

export const MeetingParams = z.strictObject({ id: MeetingId });

export const CreateMeetingBody = z
  .strictObject({ date: CalendarDate, title: title(200).optional() })
  .meta({ id: 'CreateMeetingRequest' });

export const AttendanceBody = z
  .strictObject({
    present: z
      .array(z.string().max(64))
      .max(64)
      .meta({ description: 'The parties present; every one must be in the register.' }),
  })
  .meta({ id: 'AttendanceRequest' });

export const MinutesQuery = z.strictObject({
  format: z
    .enum(['json', 'md'])
    .optional()
    .meta({
      description:
        'Deprecated: `md` redirects (308) to `GET /meetings/{id}/minutes.md`, until API version 2.',
      param: { deprecated: true },
    }),
});

export const Meeting = z
  .object({
    id: MeetingId,
    date: CalendarDate,
    title: z.string().optional(),
    status: z.enum(['open', 'closed']),
    present: z.array(PartyId),
    attendanceRecordedAt: Instant.optional(),
    closedAt: Instant.optional(),
    createdAt: Instant,
  })
  .meta({ id: 'Meeting' });

export const MeetingList = z
  .object({ meetings: z.array(Meeting), next: NextCursor })
  .meta({ id: 'MeetingList', description: 'A page of the meetings, earliest first.' });

export const AgendaItem = z
  .object({ proposalId: ProposalId, title: z.string(), addedAt: Instant })
  .meta({ id: 'AgendaItem' });

export const MeetingDetail = Meeting.extend({ agenda: z.array(AgendaItem) }).meta({
  id: 'MeetingWithAgenda',
});

export const Quorum = z
  .object({
    met: z.boolean(),
    required: z.array(PartyId),
    present: z.array(PartyId),
    absent: z.array(PartyId),
  })
  .meta({ id: 'AttendanceQuorum', description: 'A vote needs every voting party present (art. 6.9).' });

export const AttendanceResult = Meeting.extend({ quorum: Quorum }).meta({ id: 'AttendanceResult' });

export const CloseMeetingResult = Meeting.extend({
  objectionWindowsClosed: z
    .array(z.object({ proposalId: ProposalId, phase: Phase }))
    .meta({ description: 'The decisions of this meeting that are now in force (art. 7.2).' }),
}).meta({ id: 'CloseMeetingResult' });

const entry = <T extends string, S extends z.ZodRawShape>(kind: T, shape: S) =>
  z.object({
    kind: z.literal(kind),
    at: Instant,
    by: Actor,
    covenantVersion: z
      .number()
      .int()
      .optional()
      .meta({ description: 'The covenant version it ran under (DESIGN 2.5).' }),
    ...shape,
  });

export const MinutesEntry = z
  .discriminatedUnion('kind', [
    entry('consensus', { outcome: DecisionOutcome, text: z.string().optional() }),
    entry('vote-opened', { round: z.number().int(), present: z.array(PartyId) }),
    entry('vote', {
      round: z.number().int(),
      tally: Tally.optional(),
      ballots: z
        .array(
          z.object({
            party: PartyId,
            choice: z.enum(['for', 'against', 'abstain']),
            at: Instant,
            justification: z.string().optional(),
            recordedBy: PartyId.optional(),
          }),
        )
        .optional()
        .meta({
          description: 'Every ballot given, changed ones and those the chair recorded in the room included.',
        }),
      accountability: z
        .array(
          z.object({
            party: PartyId,
            question: z.string(),
            answer: z.string().optional(),
          }),
        )
        .optional()
        .meta({ description: 'Footnote 13: abstaining parties asked to account for it, and their answers.' }),
    }),
    entry('pause', { reason: z.string() }),
    entry('pause-decided', { granted: z.boolean(), reason: z.string().optional() }),
    entry('objection', {
      reason: z.string(),
      against: DecisionOutcome.optional(),
      inWriting: z
        .boolean()
        .optional()
        .meta({ description: 'Lodged in writing before the decision was taken (art. 7.1).' }),
    }),
    entry('escalated', { reason: z.string().optional() }),
    entry('objection-withdrawn', { reason: z.string().optional() }),
    entry('no-decision', {}),
    entry('withdrawn', { reason: z.string().optional() }),
    entry('dropped', { reason: z.string().optional() }),
    entry('objection-window-closed', {}),
  ])
  .meta({ id: 'MinutesEntry' });

/**
 * An e-mail of the procedure that did not reach some of its recipients. It names the recipient
 * parties, never their representatives' addresses: the minutes go to every member, and the address
 * adds nothing the secretariat cannot find in the register (art. 14, data minimisation under the AVG).
 */
export const UndeliveredMailEntry = z
  .object({
    proposalId: ProposalId,
    at: Instant,
    step: z.string().meta({ description: 'The decision step of the e-mail (`X-Decision-Step`).' }),
    parties: z.array(PartyId).meta({ description: 'The recipient parties it did not reach.' }),
    kind: z.enum(['refused', 'suppressed']).meta({
      description: '`refused`: the mail service refused it; `suppressed`: the address bounced or complained.',
    }),
    reason: z.string(),
    recipients: z.number().int().meta({ description: 'How many addresses it did not reach.' }),
  })
  .meta({ id: 'UndeliveredMailEntry' });

export const Minutes = z
  .object({
    meeting: Meeting,
    attendance: Quorum,
    items: z.array(
      z.object({
        proposalId: ProposalId,
        title: z.string(),
        phase: Phase,
        record: z.array(MinutesEntry).meta({ description: 'What happened, in order, from the audit trail.' }),
      }),
    ),
    annex: z
      .object({ undeliveredMail: z.array(UndeliveredMailEntry) })
      .meta({ description: 'E-mail of the meeting’s steps that did not reach its recipients (issue 14).' }),
  })
  .meta({ id: 'Minutes', description: 'The minutes (notulen) drawn from the audit trail.' });

export type MinutesBody = z.infer<typeof Minutes>;
export type MinutesEntryBody = z.infer<typeof MinutesEntry>;
export type UndeliveredMailEntryBody = z.infer<typeof UndeliveredMailEntry>;
