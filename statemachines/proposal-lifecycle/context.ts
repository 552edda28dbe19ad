/**
 * What a proposal remembers between events. JSON-serialisable: it is stored in DynamoDB as part of
 * the XState snapshot.
 */
import type { Standard, Tally } from '#shared/covenant/index.ts';
import type { DecisionOutcome, DecisionText } from './events.ts';

/** What the covenant's proposals are about (art. 6.2). */
export type ProposalKind = 'release' | 'plan-of-approach' | 'implementation' | 'other';

/** How a decision came about. */
export type DecisionRoute = 'consensus' | 'vote' | 'reconsideration' | 'ministry' | 'dglz';

export interface Decision {
  readonly outcome: DecisionOutcome | 'dropped';
  readonly via: DecisionRoute;
  readonly decidedAt: string;
  /** Whose text was adopted: the original proposal, or the alternative of the objector named (art. 7.4). */
  readonly text: DecisionText;
  readonly meetingId?: string;
  readonly tally?: Tally;
  readonly rationale?: string;
}

/**
 * Where one party's objection stands (art. 7.1–7.3). `pending`: lodged in writing before the
 * meeting, waiting for the decision it objects to; `moot`: that decision was not taken.
 */
export type ObjectionStatus = 'pending' | 'awaiting-arguments' | 'argued' | 'lapsed' | 'withdrawn' | 'moot';

/** The statuses of an objection that still holds up the decision ("staande bezwaren"). */
export const STANDING_STATUSES: ReadonlySet<ObjectionStatus> = new Set(['awaiting-arguments', 'argued']);

/** One Ketenpartij's objection: each party objects, argues, lapses and withdraws on its own (art. 7.1, 7.6). */
export interface Objection {
  readonly by: string;
  readonly reason: string;
  /** The outcome objected to: an objection in writing beforehand says which (art. 7.1). */
  readonly against: DecisionOutcome;
  readonly lodgedAt: string;
  readonly status: ObjectionStatus;
  /** When the objection took effect: when lodged, or when the decision objected to was taken. */
  readonly takesEffectAt?: string;
  /** Its own six weeks for arguments (art. 7.3), from when it took effect. */
  readonly argumentsDue?: RunningDeadline;
  readonly arguments?: string;
  readonly alternativeProposal?: string;
  readonly argumentsReceivedAt?: string;
  /** When it lapsed, was withdrawn or became moot. */
  readonly endedAt?: string;
}

export interface AccompanyingNote {
  readonly motive: string;
  readonly requestedDecision: string;
  readonly submittedAt: string;
  /** Set when every standing objector approved it (or at once without an objector). */
  readonly approvedAt?: string;
  /** The standing objectors that approved this version of the note (art. 7.5). */
  readonly approvals?: readonly { readonly party: string; readonly at: string }[];
  readonly returnedComments: readonly {
    readonly comments: string;
    readonly at: string;
    readonly by?: string;
  }[];
}

/** The running deadline of the state the proposal is in (art. 7.3, 7.4, 7.6). */
export interface RunningDeadline {
  readonly kind: 'arguments' | 'reconsideration' | 'ministry';
  readonly startedAt: string;
  readonly due: string;
  readonly lastDay: string;
  readonly extended: boolean;
  readonly advice?: string;
  /** For an arguments deadline: the objector it binds. */
  readonly party?: string;
}

/** A provider association's request for a pause (footnote 11) and the chair's answer. */
export interface PauseRequest {
  readonly by: string;
  readonly reason: string;
  readonly at: string;
  readonly status: 'requested' | 'granted' | 'refused';
  readonly decidedAt?: string;
  readonly decisionReason?: string;
}

/** Why a proposal went to the ministry without (or after) an objection (art. 7.5). */
export interface Escalation {
  readonly reason: string;
  readonly at: string;
  readonly after: 'no-valid-decision' | 'reconsideration';
}

export interface ProposalInput {
  readonly proposalId: string;
  readonly title: string;
  readonly standards: readonly Standard[];
  readonly kind: ProposalKind;
  readonly implementationDate?: string;
  /** The version of the standards the implementation date is for (the release calendar, DESIGN 2.4). */
  readonly standardVersion?: string;
  readonly submittedBy: string;
  readonly submittedAt: string;
}

export interface ProposalContext extends ProposalInput {
  readonly text?: string;
  readonly meetingId?: string;
  readonly meetingDate?: string;
  /** Number of the current (or last) voting round; 0 before the first vote. */
  readonly round: number;
  /** The voting parties present when the vote was opened: each must give a ballot (DESIGN 2.2.6). */
  readonly voters?: readonly string[];
  /** Pauses granted so far (footnote 11). */
  readonly pauses: readonly { readonly by: string; readonly reason: string; readonly at: string }[];
  /** The latest pause request and the chair's answer. */
  readonly pauseRequest?: PauseRequest;
  readonly lastTally?: Tally;
  readonly decision?: Decision;
  /** Every objection, in the order lodged; several parties may object (art. 7.1 "tenminste één partij"). */
  readonly objections: readonly Objection[];
  /** Whether the meeting in which the decision was taken is closed: the objection window ended (art. 7.2). */
  readonly decisionMeetingClosed?: boolean;
  /** How the last objection ended when the decision came into force after objections. */
  readonly objectionResult?: 'lapsed' | 'withdrawn';
  readonly escalation?: Escalation;
  readonly note?: AccompanyingNote;
  /** The running deadline of the state: for objections, the earliest of the open arguments deadlines. */
  readonly deadline?: RunningDeadline;
}

export function initialContext(input: ProposalInput): ProposalContext {
  return { ...input, round: 0, pauses: [], objections: [] };
}

/** The objections that still hold up the decision: awaiting arguments or argued. */
export const standingObjections = (context: Pick<ProposalContext, 'objections'>): readonly Objection[] =>
  context.objections.filter((objection) => STANDING_STATUSES.has(objection.status));

/** The objection of `party` that is still open (pending or standing), if any. */
export const openObjectionOf = (
  context: Pick<ProposalContext, 'objections'>,
  party: string,
): Objection | undefined =>
  context.objections.find((objection) => objection.by === party && isOpenObjection(objection));

/** Whether an objection is still open: waiting for its decision, or standing. */
export function isOpenObjection(objection: Objection): boolean {
  return objection.status === 'pending' || STANDING_STATUSES.has(objection.status);
}
