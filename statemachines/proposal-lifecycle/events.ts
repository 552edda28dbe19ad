/**
 * The events that move a proposal through the covenant's procedure.
 *
 * Every event says who sent it (`by`: the caller's party and the roles its token carries) and when
 * (`at`, an ISO-8601 instant). The model never reads the wall clock: time comes in with the event.
 */
import type { Ballot, Standard } from '#shared/covenant/index.ts';

/** The caller of an event: a party of the register, with the roles its token carries. */
export interface Caller {
  readonly party: string;
  readonly roles: readonly string[];
}

interface Sent {
  readonly by: Caller;
  /** When the event happened (ISO-8601 instant, UTC). */
  readonly at: string;
}

export type DecisionOutcome = 'adopted' | 'rejected';

/** Whose text a decision adopts: the original proposal, or the alternative of the objector named (art. 7.4). */
export type DecisionText = 'original' | (string & {});

/** ZIN works the agenda item out into a proposal (art. 6.2). */
export interface DraftEvent extends Sent {
  readonly type: 'DRAFT';
  readonly text: string;
}
/** ZIN puts the proposal (again) on a meeting's agenda (art. 6.2, 6.3); also for a reconsideration (art. 7.4). */
export interface ScheduleEvent extends Sent {
  readonly type: 'SCHEDULE';
  readonly meetingId: string;
  readonly meetingDate: string;
}
/** The submitter or ZIN withdraws the proposal before a decision. */
export interface WithdrawEvent extends Sent {
  readonly type: 'WITHDRAW';
  readonly reason?: string;
}
/** A provider association asks for a pause to reach consensus among themselves (footnote 11: "vragen"). */
export interface RequestPauseEvent extends Sent {
  readonly type: 'REQUEST_PAUSE';
  readonly reason: string;
}
/** The chair grants the pause (the item goes back to be rescheduled) or refuses it (footnote 11). */
export interface DecidePauseEvent extends Sent {
  readonly type: 'DECIDE_PAUSE';
  readonly granted: boolean;
  readonly reason?: string;
}
/**
 * The chair records the group's consensus and its outcome (art. 6.7): `dropped` is the group's
 * decision to drop the item (DESIGN 2.2.9); `text` says whose text was adopted (art. 7.4).
 */
export interface ConsensusEvent extends Sent {
  readonly type: 'CONSENSUS';
  readonly outcome: DecisionOutcome | 'dropped';
  readonly text?: DecisionText;
}
/** The chair opens the vote; carries the meeting's recorded attendance for the quorum (art. 6.9). */
export interface OpenVoteEvent extends Sent {
  readonly type: 'OPEN_VOTE';
  readonly meetingId: string;
  readonly meetingDate: string;
  readonly present: readonly string[];
}
/**
 * The chair closes the vote; carries the round's ballots, read by dispatch from the store (art. 6.9).
 * `missingBallots: 'abstain'` records every present voting party without a ballot as abstaining
 * (DESIGN 2.2.6); without it a missing ballot refuses the closing.
 */
export interface CloseVoteEvent extends Sent {
  readonly type: 'CLOSE_VOTE';
  readonly ballots: readonly Ballot[];
  readonly missingBallots?: 'abstain';
  readonly text?: DecisionText;
}
/** The chair escalates a proposal without a valid decision to the ministry (art. 7.5, first sentence). */
export interface EscalateEvent extends Sent {
  readonly type: 'ESCALATE';
  readonly reason: string;
}
/**
 * A Ketenpartij objects (art. 7.1, 7.2): to the decision taken in the meeting, or in writing before
 * it, against the outcome it names (`against`, default `adopted`).
 */
export interface ObjectEvent extends Sent {
  readonly type: 'OBJECT';
  readonly reason: string;
  readonly against?: DecisionOutcome;
  /**
   * The release calendar's agreed implementation dates of the proposal's standards (DESIGN 2.4),
   * read by the use case for the blackout of art. 7.4.
   */
  readonly calendar?: readonly AgreedImplementation[];
}

/** A previously agreed implementation date of a standard's version (the release calendar, DESIGN 2.4). */
export interface AgreedImplementation {
  readonly standard: Standard;
  readonly version: string;
  readonly implementationDate: string;
}
/** The chair closes the meeting in which the decision was taken: its objection window ends (art. 7.2). */
export interface MeetingClosedEvent extends Sent {
  readonly type: 'MEETING_CLOSED';
  readonly meetingId: string;
}
/** The objector sends written arguments and a solution or new proposal (art. 7.3). */
export interface SubmitArgumentsEvent extends Sent {
  readonly type: 'SUBMIT_ARGUMENTS';
  readonly arguments: string;
  readonly alternativeProposal: string;
}
/** The objector withdraws the objection; the decision stands. */
export interface WithdrawObjectionEvent extends Sent {
  readonly type: 'WITHDRAW_OBJECTION';
  readonly reason?: string;
}
/** ZIN records that the reconsideration reached no decision: escalate (art. 7.4, 7.5). */
export interface NoDecisionEvent extends Sent {
  readonly type: 'NO_DECISION';
}
/** ZIN submits the accompanying note (begeleidende notitie) for the objector's approval (art. 7.5). */
export interface SubmitNoteEvent extends Sent {
  readonly type: 'SUBMIT_NOTE';
  readonly motive: string;
  readonly requestedDecision: string;
}
/** The objector approves the note, or sends it back with comments (art. 7.5). */
export interface ReviewNoteEvent extends Sent {
  readonly type: 'REVIEW_NOTE';
  readonly approved: boolean;
  readonly comments?: string;
}
/** ZIN records the outcome of the meeting with the ministry (art. 7.6). */
export interface MinistryOutcomeEvent extends Sent {
  readonly type: 'MINISTRY_OUTCOME';
  readonly outcome: DecisionOutcome | 'no-decision';
}
/** The DGLZ takes the final decision (art. 7.6). */
export interface FinalDecisionEvent extends Sent {
  readonly type: 'FINAL_DECISION';
  readonly outcome: DecisionOutcome;
  readonly rationale: string;
}

/** Every event a caller can send. Deadline events (`xstate.after.*`) come from the model's `after`. */
export type ProposalEvent =
  | DraftEvent
  | ScheduleEvent
  | WithdrawEvent
  | RequestPauseEvent
  | DecidePauseEvent
  | ConsensusEvent
  | OpenVoteEvent
  | CloseVoteEvent
  | EscalateEvent
  | ObjectEvent
  | MeetingClosedEvent
  | SubmitArgumentsEvent
  | WithdrawObjectionEvent
  | NoDecisionEvent
  | SubmitNoteEvent
  | ReviewNoteEvent
  | MinistryOutcomeEvent
  | FinalDecisionEvent;

export type ProposalEventType = ProposalEvent['type'];
