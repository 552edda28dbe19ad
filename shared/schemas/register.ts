/** Parties, decisions and deadlines: the registers the API lists. */
import * as z from 'zod';
import {
  CalendarDate,
  DeadlineKind,
  DecisionRoute,
  Instant,
  MeetingId,
  NextCursor,
  PartyId,
  Phase,
  ProposalId,
  pageQuery,
  Standard,
} from './common.ts';

export const PartyParams = z.strictObject({ party: PartyId });

export const WithdrawalNotice = z
  .object({
    party: PartyId,
    noticeOn: CalendarDate,
    effectiveOn: CalendarDate.meta({ description: 'Three months after the notice (art. 10).' }),
  })
  .meta({ id: 'WithdrawalNotice' });

/** A party as the register lists it; its representatives (names, e-mail) are personal data and not shown. */
export const PartyView = z
  .object({
    id: PartyId,
    name: z.string(),
    kind: z.enum(['provider-association', 'chain-party', 'coordinating']),
    votes: z.number().int(),
    votingParty: z.boolean(),
    standards: z.array(Standard),
    roles: z.array(z.string()),
    memberFrom: CalendarDate,
    memberUntil: CalendarDate.optional(),
    withdrawalNotice: WithdrawalNotice.optional(),
  })
  .meta({ id: 'Party' });

export const PartyList = z
  .object({
    parties: z.array(PartyView),
    totalVotes: z
      .number()
      .int()
      .meta({ description: 'The weight of all voting parties today (18 in 2023).' }),
    withdrawalNotices: z.array(WithdrawalNotice),
  })
  .meta({ id: 'PartyList' });

export const WithdrawalNoticeResult = WithdrawalNotice.extend({
  register: z
    .object({
      memberUntil: CalendarDate,
      withdrawalNoticeOn: CalendarDate,
      upToDate: z.boolean(),
      instruction: z.string(),
    })
    .meta({ description: 'The register is data: what it must say for the withdrawal to take effect.' }),
}).meta({ id: 'WithdrawalNoticeResult' });

export const DecisionEntry = z
  .object({
    proposalId: ProposalId,
    title: z.string(),
    standards: z.array(Standard),
    outcome: z.enum(['adopted', 'rejected', 'dropped']),
    via: DecisionRoute,
    text: z.string().optional().meta({
      description: 'Whose text was adopted: "original", or the objector whose alternative (art. 7.4).',
    }),
    decidedAt: Instant,
    inForce: z.boolean(),
    meetingId: MeetingId.optional(),
    objection: z.enum(['lapsed', 'withdrawn']).optional(),
    covenantVersion: z
      .number()
      .int()
      .optional()
      .meta({ description: 'The covenant version it was taken under (DESIGN 2.5).' }),
  })
  .meta({ id: 'DecisionEntry' });

export const DecisionList = z
  .object({ decisions: z.array(DecisionEntry), next: NextCursor })
  .meta({ id: 'DecisionRegister', description: 'A page of the decision register, oldest first.' });

export const DeadlinesQuery = z.strictObject({
  format: z
    .enum(['json', 'ics'])
    .optional()
    .meta({
      description: 'Deprecated: `ics` redirects (308) to `GET /deadlines.ics`, until API version 2.',
      param: { deprecated: true },
    }),
  ...pageQuery,
});

export const DeadlineEntry = z
  .object({
    proposalId: ProposalId,
    title: z.string(),
    kind: DeadlineKind,
    due: Instant,
    lastDay: CalendarDate,
    overdue: z.boolean(),
    phase: Phase,
  })
  .meta({ id: 'OpenDeadline' });

export const DeadlineList = z
  .object({ deadlines: z.array(DeadlineEntry), next: NextCursor })
  .meta({ id: 'DeadlineList', description: 'A page of the open deadlines, soonest first.' });

export type WithdrawalNoticeResultBody = z.infer<typeof WithdrawalNoticeResult>;
