/**
 * The machine's guards by name. Each is a check of `checks.ts` (or a combination), so that the
 * guard that refuses an event can also say why (see `explainRefusal`).
 */
import {
  all,
  attendanceQuorum,
  ballotsFromVotingParties,
  byDglz,
  byKetenpartij,
  byObjector,
  byProviderAssociation,
  byRole,
  bySubmitterOrSecretary,
  type Check,
  callerInRegister,
  decisionOfMeeting,
  noteApproved,
  outcomeIs,
  outsideObjectionBlackout,
  voteOutcomeIs,
} from './checks.ts';
import type { ProposalEventType } from './events.ts';

const bySecretary = byRole('secretary');
const byChair = byRole('chair');

/** Guard name → check. The names appear in the diagram, so they read as conditions. */
export const guardChecks = {
  bySecretary: all(callerInRegister, bySecretary),
  byChair: all(callerInRegister, byChair),
  bySubmitterOrSecretary: all(callerInRegister, bySubmitterOrSecretary),
  byProviderAssociation: all(callerInRegister, byProviderAssociation),
  byObjector: all(callerInRegister, byObjector),
  quorumPresent: all(callerInRegister, byChair, attendanceQuorum),
  voteDecides: all(callerInRegister, byChair, ballotsFromVotingParties, voteOutcomeIs('decides')),
  voteAdopted: all(callerInRegister, byChair, ballotsFromVotingParties, voteOutcomeIs('adopted')),
  voteRejected: all(callerInRegister, byChair, ballotsFromVotingParties, voteOutcomeIs('rejected')),
  voteWithoutValidDecision: all(
    callerInRegister,
    byChair,
    ballotsFromVotingParties,
    voteOutcomeIs('no-valid-decision'),
  ),
  consensusAdopted: all(callerInRegister, byChair, outcomeIs('adopted')),
  consensusRejected: all(callerInRegister, byChair, outcomeIs('rejected')),
  objectionAllowed: all(callerInRegister, byKetenpartij, outsideObjectionBlackout),
  meetingClosedAdoptedByConsensus: all(callerInRegister, byChair, decisionOfMeeting('adopted', 'consensus')),
  meetingClosedRejectedByConsensus: all(
    callerInRegister,
    byChair,
    decisionOfMeeting('rejected', 'consensus'),
  ),
  meetingClosedAdoptedByVote: all(callerInRegister, byChair, decisionOfMeeting('adopted', 'vote')),
  meetingClosedRejectedByVote: all(callerInRegister, byChair, decisionOfMeeting('rejected', 'vote')),
  noteApprovedByObjector: all(callerInRegister, byObjector, noteApproved(true)),
  noteReturnedByObjector: all(callerInRegister, byObjector, noteApproved(false)),
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
  PAUSE: all(callerInRegister, byProviderAssociation),
  CONSENSUS: all(callerInRegister, byChair),
  OPEN_VOTE: all(callerInRegister, byChair),
  CLOSE_VOTE: all(callerInRegister, byChair),
  DROP: all(callerInRegister, bySecretary),
  OBJECT: all(callerInRegister, byKetenpartij, outsideObjectionBlackout),
  MEETING_CLOSED: all(callerInRegister, byChair),
  SUBMIT_ARGUMENTS: all(callerInRegister, byObjector),
  WITHDRAW_OBJECTION: all(callerInRegister, byObjector),
  NO_DECISION: all(callerInRegister, bySecretary),
  SUBMIT_NOTE: all(callerInRegister, bySecretary),
  REVIEW_NOTE: all(callerInRegister, byObjector),
  MINISTRY_OUTCOME: all(callerInRegister, bySecretary),
  FINAL_DECISION: all(callerInRegister, byDglz),
} satisfies Record<ProposalEventType, Check>;
