/**
 * What a proposal remembers between events. JSON-serialisable: it is stored in DynamoDB as part of
 * the XState snapshot.
 */
import type { Standard, Tally } from '#shared/covenant/index.ts';
import type { DecisionOutcome } from './events.ts';

/** What the covenant's proposals are about (art. 6.2). */
export type ProposalKind = 'release' | 'plan-of-approach' | 'implementation' | 'other';

/** How a decision came about. */
export type DecisionRoute = 'consensus' | 'vote' | 'reconsideration' | 'ministry' | 'dglz';

export interface Decision {
  readonly outcome: DecisionOutcome;
  readonly via: DecisionRoute;
  readonly decidedAt: string;
  readonly meetingId?: string;
  readonly tally?: Tally;
  readonly rationale?: string;
}

export interface Objection {
  readonly by: string;
  readonly reason: string;
  readonly lodgedAt: string;
  readonly arguments?: string;
  readonly alternativeProposal?: string;
  readonly argumentsReceivedAt?: string;
}

export interface AccompanyingNote {
  readonly motive: string;
  readonly requestedDecision: string;
  readonly submittedAt: string;
  readonly approvedAt?: string;
  readonly returnedComments: readonly { readonly comments: string; readonly at: string }[];
}

/** The running deadline of the state the proposal is in (art. 7.3, 7.4, 7.6). */
export interface RunningDeadline {
  readonly kind: 'arguments' | 'reconsideration' | 'ministry';
  readonly startedAt: string;
  readonly due: string;
  readonly lastDay: string;
  readonly extended: boolean;
  readonly advice?: string;
}

export interface ProposalInput {
  readonly proposalId: string;
  readonly title: string;
  readonly standards: readonly Standard[];
  readonly kind: ProposalKind;
  readonly implementationDate?: string;
  readonly submittedBy: string;
  readonly submittedAt: string;
}

export interface ProposalContext extends ProposalInput {
  readonly text?: string;
  readonly meetingId?: string;
  readonly meetingDate?: string;
  /** Number of the current (or last) voting round; 0 before the first vote. */
  readonly round: number;
  readonly pauses: readonly { readonly by: string; readonly reason: string; readonly at: string }[];
  readonly lastTally?: Tally;
  readonly decision?: Decision;
  readonly objection?: Objection;
  readonly objectionResult?: 'lapsed' | 'withdrawn';
  readonly note?: AccompanyingNote;
  readonly deadline?: RunningDeadline;
}

export function initialContext(input: ProposalInput): ProposalContext {
  return { ...input, round: 0, pauses: [] };
}
