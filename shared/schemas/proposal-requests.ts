/** Request bodies, path parameters and queries of the proposal routes (DESIGN 5). */
import * as z from 'zod';
import {
  CalendarDate,
  Choice,
  DecisionOutcome,
  MeetingId,
  PartyId,
  Phase,
  ProposalId,
  ProposalKind,
  Standard,
  text,
} from './common.ts';
import { ReleaseVersion } from './release-calendar.ts';

export const ProposalParams = z.strictObject({ id: ProposalId });
export const BallotParams = z.strictObject({ id: ProposalId, party: PartyId });

export const ListProposalsQuery = z.strictObject({
  phase: Phase.optional(),
  standard: Standard.optional(),
});

const noRepeats = (values: readonly string[]) => new Set(values).size === values.length;

export const CreateProposalBody = z
  .strictObject({
    title: text(200),
    description: text(10_000),
    standards: z.array(Standard).min(1).max(3).refine(noRepeats, 'must not repeat a standard'),
    kind: ProposalKind,
    implementationDate: CalendarDate.optional().meta({
      description:
        'The implementation date the proposal sets. Once adopted and in force, it enters the release calendar (with `standardVersion`), whose agreed dates shut out objections in the month before them (art. 7.4, DESIGN 2.4).',
    }),
    standardVersion: ReleaseVersion.optional().meta({
      description:
        'The version of the standards the implementation date is for (the release calendar, DESIGN 2.4).',
    }),
  })
  .meta({ id: 'CreateProposalRequest', description: 'Table an agenda item (art. 6.2).' });

export const DraftBody = z
  .strictObject({ text: text(50_000) })
  .meta({ id: 'DraftRequest', description: 'ZIN works the item out into a proposal.' });

/** Optional reason, for the routes whose body may be empty. */
export const ReasonBody = z.strictObject({ reason: text(2_000).optional() }).meta({ id: 'OptionalReason' });

export const ScheduleBody = z.strictObject({ meetingId: MeetingId }).meta({ id: 'ScheduleRequest' });

export const PauseBody = z.strictObject({ reason: text(2_000) }).meta({
  id: 'PauseRequest',
  description:
    'Ask for a pause to reach consensus among the provider associations first (footnote 11); the chair decides.',
});

export const PauseDecisionBody = z
  .strictObject({ granted: z.boolean(), reason: text(2_000).optional() })
  .refine((b) => b.granted || b.reason !== undefined, {
    message: 'give the reason when you refuse a pause',
    path: ['reason'],
  })
  .meta({
    id: 'PauseDecisionRequest',
    description:
      'The chair grants the pause (the item goes back to be rescheduled) or refuses it with a reason.',
  });

/** Whose text a decision adopts: `original`, or the party whose alternative proposal was adopted (art. 7.4). */
export const DecisionText = z.union([z.literal('original'), PartyId]).meta({
  id: 'DecisionText',
  description: 'Whose text is adopted: "original", or the objector whose alternative proposal (art. 7.4).',
});

export const ConsensusBody = z
  .strictObject({
    outcome: z.enum(['adopted', 'rejected', 'dropped']),
    text: DecisionText.optional(),
  })
  .meta({
    id: 'ConsensusRequest',
    description:
      'The group’s consensus (art. 6.7): adopted or rejected, or `dropped` (the group drops the item). On reconsideration `text` names the objector whose alternative was adopted (art. 7.4).',
  });

export const CloseVoteBody = z
  .strictObject({ missingBallots: z.literal('abstain').optional(), text: DecisionText.optional() })
  .meta({
    id: 'CloseVoteRequest',
    description:
      'Close the vote. Every voting party present must have voted, unless `missingBallots: "abstain"` records the missing ones, by name, as abstaining (DESIGN 2.2.6).',
  });

export const EscalationBody = z.strictObject({ reason: text(5_000) }).meta({
  id: 'EscalationRequest',
  description: 'Escalate a proposal without a valid decision to the ministry (art. 7.5).',
});

export const AccountabilityBody = z
  .union([z.strictObject({ question: text(5_000) }), z.strictObject({ answer: text(5_000) })])
  .meta({
    id: 'AccountabilityRequest',
    description:
      'ZIN asks an abstaining party to account for its abstention (`question`); the party answers (`answer`) (footnote 13).',
  });

/** For routes that take no input: an empty body or `{}`. */
export const EmptyBody = z.strictObject({}).meta({ id: 'EmptyRequest' });

export const CastVoteBody = z
  .strictObject({ choice: Choice, justification: text(2_000).optional() })
  .meta({ id: 'CastVoteRequest', description: 'Your bloc vote; change it until the chair closes the vote.' });

export const ObjectionBody = z
  .strictObject({ reason: text(5_000), against: DecisionOutcome.optional() })
  .meta({
    id: 'ObjectionRequest',
    description:
      'Your own objection, recorded in the minutes of the meeting (art. 7.2). Before the decision (in writing, art. 7.1) `against` names the outcome objected to (default `adopted`).',
  });

export const ArgumentationBody = z
  .strictObject({ arguments: text(50_000), alternativeProposal: text(50_000) })
  .meta({
    id: 'ArgumentationRequest',
    description: 'Written arguments and a solution or new proposal (art. 7.3).',
  });

export const NoteBody = z
  .strictObject({ motive: text(20_000), requestedDecision: text(20_000) })
  .meta({ id: 'EscalationNoteRequest', description: 'The accompanying note for VWS (art. 7.5).' });

export const NoteApprovalBody = z
  .strictObject({ approved: z.boolean(), comments: text(20_000).optional() })
  .refine((b) => b.approved || b.comments !== undefined, {
    message: 'say what to change when you send the note back',
    path: ['comments'],
  })
  .meta({ id: 'EscalationNoteApprovalRequest' });

export const MinistryOutcomeBody = z
  .strictObject({ outcome: z.enum(['adopted', 'rejected', 'no-decision']) })
  .meta({ id: 'MinistryOutcomeRequest', description: 'The outcome of the meeting with VWS (art. 7.6).' });

export const FinalDecisionBody = z
  .strictObject({ outcome: DecisionOutcome, rationale: text(20_000) })
  .meta({ id: 'FinalDecisionRequest', description: 'The DGLZ’s final decision (art. 7.6).' });

export type CreateProposalInput = z.infer<typeof CreateProposalBody>;
