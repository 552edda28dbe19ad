/**
 * The machine's guards by name. Each is a check of `checks.ts` (or a combination), so that the
 * guard that refuses an event can also say why (see `explainRefusal`).
 */
import {
  all,
  attendanceQuorum,
  ballotsFromVotingParties,
  byAwaitingObjector,
  byDglz,
  byKetenpartij,
  byNoteApprover,
  byObjectorOfRecord,
  byProviderAssociation,
  byRole,
  byStandingObjector,
  bySubmitterOrSecretary,
  type Check,
  callerInRegister,
  decisionOfMeeting,
  decisionTextKnown,
  decisionWindowOpen,
  everyBallotGiven,
  meetingHeld,
  noOpenObjectionOfCaller,
  noStandingObjection,
  noteApproved,
  noteApprovedByAll,
  objectionsLeave,
  objectionWindowOpen,
  originalText,
  outcomeIs,
  outsideObjectionBlackout,
  ownArgumentsDeadlineRunning,
  pauseGranted,
  voteOutcomeIs,
  writtenObjectionTakesEffect,
} from './checks.ts';
import type { ProposalEventType } from './events.ts';

const bySecretary = byRole('secretary');
const byChair = byRole('chair');

/** Who may close a vote, and what a closing needs before it counts (DESIGN 2.2.6). */
const closing = all(callerInRegister, byChair, meetingHeld, ballotsFromVotingParties, everyBallotGiven);
const firstDecision = all(callerInRegister, byChair, meetingHeld, originalText);
const reconsidered = all(callerInRegister, byChair, meetingHeld, decisionTextKnown);
/** Art. 7.3: an objector's own acts on an objection awaiting arguments, within its six weeks. */
const byObjectorInTime = (objectorCheck: Check) =>
  all(callerInRegister, objectorCheck, ownArgumentsDeadlineRunning);
/** Art. 7.1, 7.2: who may object, and when. */
const objecting = all(callerInRegister, byKetenpartij, noOpenObjectionOfCaller, outsideObjectionBlackout);

/** Guard name → check. The names appear in the diagram, so they read as conditions. */
export const guardChecks = {
  bySecretary: all(callerInRegister, bySecretary),
  byChair: all(callerInRegister, byChair),
  bySubmitterOrSecretary: all(callerInRegister, bySubmitterOrSecretary),
  byProviderAssociation: all(callerInRegister, byProviderAssociation),
  pauseGranted: all(callerInRegister, byChair, pauseGranted(true)),
  pauseRefused: all(callerInRegister, byChair, pauseGranted(false)),
  quorumPresent: all(callerInRegister, byChair, meetingHeld, attendanceQuorum),
  voteDecidesOverWrittenObjection: all(
    closing,
    originalText,
    voteOutcomeIs('decides'),
    writtenObjectionTakesEffect,
  ),
  voteDecides: all(closing, originalText, voteOutcomeIs('decides')),
  voteAdopted: all(closing, decisionTextKnown, voteOutcomeIs('adopted')),
  voteRejected: all(closing, decisionTextKnown, voteOutcomeIs('rejected')),
  voteWithoutValidDecision: all(closing, voteOutcomeIs('no-valid-decision')),
  consensusOverWrittenObjection: all(
    firstDecision,
    outcomeIs('adopted', 'rejected'),
    writtenObjectionTakesEffect,
  ),
  consensusReached: all(firstDecision, outcomeIs('adopted', 'rejected')),
  consensusToDrop: all(firstDecision, outcomeIs('dropped')),
  consensusAdopted: all(reconsidered, outcomeIs('adopted')),
  consensusRejected: all(reconsidered, outcomeIs('rejected')),
  writtenObjectionAllowed: objecting,
  objectionAllowed: all(objecting, objectionWindowOpen),
  argumentsComplete: all(byObjectorInTime(byAwaitingObjector), objectionsLeave('all-argued')),
  argumentsOfOne: byObjectorInTime(byAwaitingObjector),
  lastObjectionWithdrawnAfterMeeting: all(
    byObjectorInTime(byStandingObjector),
    objectionsLeave('none-standing', 'closed'),
  ),
  lastObjectionWithdrawnInMeeting: all(
    byObjectorInTime(byStandingObjector),
    objectionsLeave('none-standing', 'open'),
  ),
  withdrawalLeavesAllArgued: all(byObjectorInTime(byStandingObjector), objectionsLeave('all-argued')),
  byStandingObjector: byObjectorInTime(byStandingObjector),
  lastObjectionLapsedAfterMeeting: objectionsLeave('none-standing', 'closed'),
  lastObjectionLapsedInMeeting: objectionsLeave('none-standing', 'open'),
  lapseLeavesAllArgued: objectionsLeave('all-argued'),
  meetingClosedAdoptedByConsensus: all(
    callerInRegister,
    byChair,
    decisionWindowOpen,
    decisionOfMeeting('adopted', 'consensus'),
  ),
  meetingClosedRejectedByConsensus: all(
    callerInRegister,
    byChair,
    decisionWindowOpen,
    decisionOfMeeting('rejected', 'consensus'),
  ),
  meetingClosedAdoptedByVote: all(
    callerInRegister,
    byChair,
    decisionWindowOpen,
    decisionOfMeeting('adopted', 'vote'),
  ),
  meetingClosedRejectedByVote: all(
    callerInRegister,
    byChair,
    decisionWindowOpen,
    decisionOfMeeting('rejected', 'vote'),
  ),
  meetingOfDecisionClosed: all(callerInRegister, byChair, decisionWindowOpen, decisionOfMeeting()),
  noteWithoutObjection: all(callerInRegister, bySecretary, noStandingObjection),
  noteApprovedByEveryObjector: all(callerInRegister, byNoteApprover, noteApproved(true), noteApprovedByAll),
  noteApprovedByOneObjector: all(callerInRegister, byNoteApprover, noteApproved(true)),
  noteReturnedByObjector: all(callerInRegister, byNoteApprover, noteApproved(false)),
  ministryAdopted: all(callerInRegister, bySecretary, outcomeIs('adopted')),
  ministryRejected: all(callerInRegister, bySecretary, outcomeIs('rejected')),
  ministryWithoutDecision: all(callerInRegister, bySecretary, outcomeIs('no-decision')),
  dglzAdopted: all(callerInRegister, byDglz, outcomeIs('adopted')),
  dglzRejected: all(callerInRegister, byDglz, outcomeIs('rejected')),
} satisfies Record<string, Check>;

export type GuardName = keyof typeof guardChecks;

/**
 * Who may send each event: the role matrix, in one place. Every guard of an event includes its
 * authority check (a test proves it), so the API's list of possible actions agrees with the model.
 */
export const eventAuthority = {
  DRAFT: all(callerInRegister, bySecretary),
  SCHEDULE: all(callerInRegister, bySecretary),
  WITHDRAW: all(callerInRegister, bySubmitterOrSecretary),
  REQUEST_PAUSE: all(callerInRegister, byProviderAssociation),
  DECIDE_PAUSE: all(callerInRegister, byChair),
  CONSENSUS: all(callerInRegister, byChair),
  OPEN_VOTE: all(callerInRegister, byChair),
  CLOSE_VOTE: all(callerInRegister, byChair),
  ESCALATE: all(callerInRegister, bySecretary),
  OBJECT: objecting,
  // The closing concerns a proposal only while its decision's objection window is open (art. 7.2).
  MEETING_CLOSED: all(callerInRegister, byChair, decisionWindowOpen),
  SUBMIT_ARGUMENTS: all(callerInRegister, byAwaitingObjector),
  WITHDRAW_OBJECTION: all(callerInRegister, byStandingObjector),
  NO_DECISION: all(callerInRegister, bySecretary),
  SUBMIT_NOTE: all(callerInRegister, bySecretary),
  REVIEW_NOTE: all(callerInRegister, byNoteApprover),
  MINISTRY_OUTCOME: all(callerInRegister, bySecretary),
  FINAL_DECISION: all(callerInRegister, byDglz),
} satisfies Record<ProposalEventType, Check>;

/**
 * Who may send a request for each event, as the HTTP layer checks it before anything else — also
 * before a retried request is answered from its Idempotency-Key. An objector's own acts are checked
 * here only as "a party that objected": a retry must pass even when its first attempt already
 * moved that objection on (argued, withdrawn, note approved). The guards keep the precise check.
 */
export const requestAuthority = {
  ...eventAuthority,
  SUBMIT_ARGUMENTS: all(callerInRegister, byObjectorOfRecord),
  WITHDRAW_OBJECTION: all(callerInRegister, byObjectorOfRecord),
  REVIEW_NOTE: all(callerInRegister, byObjectorOfRecord),
} satisfies Record<ProposalEventType, Check>;
