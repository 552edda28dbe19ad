/** The responses of the proposal routes: the stable public shape of DESIGN 5.1 and its relatives. */
import * as z from 'zod';
import { Action } from './actions.ts';
import {
  Actor,
  CalendarDate,
  Choice,
  DeadlineKind,
  DecisionOutcome,
  DecisionRoute,
  Instant,
  MeetingId,
  NextCursor,
  PartyId,
  Phase,
  ProposalId,
  ProposalKind,
  Standard,
} from './common.ts';

const VoteOutcome = z.enum(['adopted', 'rejected', 'no-valid-decision']);

export const Tally = z
  .object({
    for: z.number().int(),
    against: z.number().int(),
    abstain: z.number().int(),
    cast: z.number().int(),
    threshold: z.number().int().meta({ description: 'floor(cast / 2) + 1 (art. 6.9).' }),
    outcome: VoteOutcome,
    votes: z.array(
      z.object({
        party: PartyId,
        choice: Choice,
        weight: z.number().int(),
        chainVote: z
          .boolean()
          .meta({ description: 'A vote on a standard outside the party’s own (footnote 12).' }),
        justification: z.string().optional(),
        recordedBy: PartyId.optional().meta({
          description: 'The chair, when it recorded the ballot as given in the room (DESIGN 2.2.5).',
        }),
        recordedAsMissing: z.boolean().optional().meta({
          description:
            'No ballot was given; the chair closed the vote recording it as abstaining (DESIGN 2.2.6).',
        }),
      }),
    ),
    decisiveAbstentions: z.array(PartyId).meta({
      description:
        'Abstaining parties whose votes, cast either way, would have changed the outcome (footnote 13).',
    }),
    explanation: z.object({
      summary: z.string(),
      rule: z.string(),
      policy: z.object({ abstentionsCountAsCast: z.boolean(), note: z.string() }),
      alternativeReading: z.object({
        abstentionsCountAsCast: z.boolean(),
        cast: z.number().int(),
        threshold: z.number().int(),
        outcome: VoteOutcome,
        summary: z.string(),
      }),
      notVoted: z.array(PartyId),
      chainVotes: z.array(PartyId),
    }),
  })
  .meta({ id: 'Tally', description: 'The counted vote and why it decides what it decides (art. 6.8, 6.9).' });

export const Decision = z
  .object({
    outcome: z.enum(['adopted', 'rejected', 'dropped']),
    via: DecisionRoute,
    text: z.string().meta({
      description:
        'Whose text was adopted: "original", or the objector whose alternative proposal (art. 7.4).',
    }),
    decidedAt: Instant,
    inForce: z.boolean().meta({ description: 'False while the objection window or procedure is open.' }),
    meetingId: MeetingId.optional(),
    objection: z.enum(['lapsed', 'withdrawn']).optional(),
    rationale: z.string().optional(),
  })
  .meta({ id: 'Decision' });

export const ObjectionStatus = z
  .enum(['pending', 'awaiting-arguments', 'argued', 'lapsed', 'withdrawn', 'moot'])
  .meta({
    description:
      '`pending`: lodged in writing before the meeting, waiting for the decision it objects to; `moot`: that decision was not taken (art. 7.1).',
  });

export const ObjectionView = z
  .object({
    by: PartyId,
    reason: z.string(),
    against: DecisionOutcome,
    lodgedAt: Instant,
    takesEffectAt: Instant.optional(),
    status: ObjectionStatus,
    argumentsDue: Instant.optional().meta({ description: 'Its own six weeks for arguments (art. 7.3).' }),
    arguments: z.string().optional(),
    alternativeProposal: z.string().optional(),
    argumentsReceivedAt: Instant.optional(),
    endedAt: Instant.optional(),
    byFormerMember: z.literal(true).optional().meta({
      description:
        'Its party has left the covenant since (art. 10): the objection stays on record, the party can act on it no more.',
    }),
  })
  .meta({ id: 'Objection' });

export const PauseRequestView = z
  .object({
    by: PartyId,
    reason: z.string(),
    at: Instant,
    status: z.enum(['requested', 'granted', 'refused']),
    decidedAt: Instant.optional(),
    decisionReason: z.string().optional(),
  })
  .meta({ id: 'PauseRequest', description: 'A provider association’s request for a pause (footnote 11).' });

export const DeadlineView = z
  .object({
    kind: DeadlineKind,
    party: PartyId.optional().meta({ description: 'For an arguments deadline: the objector it binds.' }),
    due: Instant.meta({ description: 'The end of the last day in Amsterdam.' }),
    lastDay: CalendarDate,
    overdue: z.boolean(),
    extended: z.boolean(),
    advice: z
      .string()
      .optional()
      .meta({ description: 'What the Algemene termijnenwet would do with this deadline.' }),
  })
  .meta({ id: 'ProposalDeadline' });

export const VotingView = z
  .object({
    round: z.number().int(),
    meetingId: MeetingId,
    openedAt: Instant,
    voted: z.array(PartyId).meta({ description: 'The parties that have cast a ballot so far.' }),
    yourBallot: z.object({ choice: Choice, justification: z.string().optional(), at: Instant }).optional(),
  })
  .meta({ id: 'OpenVote' });

export const NoteView = z
  .object({
    motive: z.string(),
    requestedDecision: z.string(),
    submittedAt: Instant,
    approvedAt: Instant.optional(),
    approvals: z.array(z.object({ party: PartyId, at: Instant })).optional(),
    returnedComments: z.array(z.object({ comments: z.string(), at: Instant, by: PartyId.optional() })),
  })
  .meta({ id: 'EscalationNote' });

export const ProposalView = z
  .object({
    id: ProposalId,
    title: z.string(),
    description: z.string(),
    text: z.string().optional().meta({ description: 'The proposal as ZIN worked it out.' }),
    standards: z.array(Standard),
    kind: ProposalKind,
    implementationDate: CalendarDate.optional(),
    standardVersion: z.string().optional(),
    submittedBy: PartyId,
    submittedAt: Instant,
    meetingId: MeetingId.optional(),
    meetingDate: CalendarDate.optional(),
    phase: Phase,
    decision: Decision.optional(),
    tally: Tally.optional(),
    voting: VotingView.optional(),
    objections: z
      .array(ObjectionView)
      .meta({ description: 'Every objection, in the order lodged (art. 7.1).' }),
    pauseRequest: PauseRequestView.optional(),
    escalation: z
      .object({ reason: z.string(), at: Instant, after: z.enum(['no-valid-decision', 'reconsideration']) })
      .optional(),
    note: NoteView.optional(),
    pauses: z.array(z.object({ by: PartyId, reason: z.string(), at: Instant })),
    deadlines: z.array(DeadlineView),
    next: z.string().meta({ description: 'What happens next, by whom and by when.' }),
    actions: z.array(Action).meta({ description: 'What you (the caller) may do now.' }),
    version: z.number().int(),
    updatedAt: Instant,
  })
  .meta({ id: 'Proposal', description: 'A proposal as parties see it (DESIGN 5.1).' });

export const ProposalSummary = z
  .object({
    id: ProposalId,
    title: z.string(),
    standards: z.array(Standard),
    kind: ProposalKind,
    implementationDate: CalendarDate.optional(),
    submittedBy: PartyId,
    meetingId: MeetingId.optional(),
    phase: Phase,
    updatedAt: Instant,
  })
  .meta({ id: 'ProposalSummary' });

export const ProposalList = z
  .object({ proposals: z.array(ProposalSummary), next: NextCursor })
  .meta({ id: 'ProposalList', description: 'A page of the proposals, by phase then age.' });

export const HistoryEntry = z
  .object({
    version: z.number().int(),
    action: z.string().meta({ description: 'The action name, `submit`, or `deadline-passed`.' }),
    at: Instant,
    by: Actor,
    fromPhase: Phase.optional(),
    toPhase: Phase.optional(),
    covenantVersion: z
      .number()
      .int()
      .optional()
      .meta({ description: 'The covenant version it ran under (DESIGN 2.5).' }),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'HistoryEntry' });

export const History = z
  .object({ proposalId: ProposalId, events: z.array(HistoryEntry), next: NextCursor })
  .meta({ id: 'History', description: 'A page of the audit trail, oldest first.' });

export const BallotView = z
  .object({
    proposalId: ProposalId,
    round: z.number().int(),
    party: PartyId,
    choice: Choice,
    justification: z.string().optional(),
    at: Instant,
    recordedBy: PartyId.optional(),
    accountability: z
      .object({
        question: z.string(),
        askedAt: Instant,
        askedBy: PartyId,
        answer: z.string().optional(),
        answeredAt: Instant.optional(),
      })
      .optional()
      .meta({
        description: 'Footnote 13: the chair’s request to account for an abstention, and the answer.',
      }),
    voted: z.array(PartyId),
  })
  .meta({ id: 'Ballot', description: 'Your ballot as recorded; change it until the chair closes the vote.' });

export type ProposalViewBody = z.infer<typeof ProposalView>;
export type TallyBody = z.infer<typeof Tally>;
