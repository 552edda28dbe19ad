/**
 * The API's response bodies as a vendor reads them (DESIGN 5, openapi.json): only the fields the
 * end-to-end scenarios assert. Declared here, not imported from the implementation, so a change
 * of the public shape breaks these tests instead of silently following it.
 */

export type Choice = 'for' | 'against' | 'abstain';
export type Outcome = 'adopted' | 'rejected';

export interface TallyBody {
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
  readonly cast: number;
  readonly threshold: number;
  readonly outcome: Outcome | 'no-valid-decision';
  readonly votes: readonly {
    readonly party: string;
    readonly choice: Choice;
    readonly weight: number;
    readonly chainVote: boolean;
    readonly justification?: string;
    readonly recordedBy?: string;
    readonly recordedAsMissing?: boolean;
  }[];
  readonly decisiveAbstentions: readonly string[];
  readonly explanation: {
    readonly summary: string;
    readonly policy: { readonly abstentionsCountAsCast: boolean };
    readonly alternativeReading: {
      readonly abstentionsCountAsCast: boolean;
      readonly cast: number;
      readonly threshold: number;
      readonly outcome: Outcome | 'no-valid-decision';
    };
    readonly notVoted: readonly string[];
    readonly chainVotes: readonly string[];
  };
}

export interface DecisionBody {
  readonly outcome: Outcome | 'dropped';
  readonly via: 'consensus' | 'vote' | 'reconsideration' | 'ministry' | 'dglz';
  readonly text: string;
  readonly decidedAt: string;
  readonly inForce: boolean;
  readonly meetingId?: string;
  readonly objection?: 'lapsed' | 'withdrawn';
  readonly rationale?: string;
}

export interface ProposalBody {
  readonly id: string;
  readonly title: string;
  readonly standards: readonly string[];
  readonly implementationDate?: string;
  readonly submittedBy: string;
  readonly meetingId?: string;
  readonly phase: string;
  readonly decision?: DecisionBody;
  readonly tally?: TallyBody;
  readonly voting?: { readonly round: number; readonly voted: readonly string[] };
  readonly objections: readonly {
    readonly by: string;
    readonly reason: string;
    readonly against: 'adopted' | 'rejected';
    readonly lodgedAt: string;
    readonly takesEffectAt?: string;
    readonly status: 'pending' | 'awaiting-arguments' | 'argued' | 'lapsed' | 'withdrawn' | 'moot';
    readonly argumentsDue?: string;
    readonly arguments?: string;
    readonly alternativeProposal?: string;
    readonly argumentsReceivedAt?: string;
  }[];
  readonly pauseRequest?: {
    readonly by: string;
    readonly reason: string;
    readonly status: 'requested' | 'granted' | 'refused';
    readonly decisionReason?: string;
  };
  readonly note?: {
    readonly motive: string;
    readonly requestedDecision: string;
    readonly approvedAt?: string;
    readonly returnedComments: readonly { readonly comments: string; readonly at: string }[];
  };
  readonly pauses: readonly { readonly by: string; readonly reason: string; readonly at: string }[];
  readonly deadlines: readonly {
    readonly kind: 'arguments' | 'reconsideration' | 'ministry';
    readonly party?: string;
    readonly due: string;
    readonly lastDay: string;
    readonly overdue: boolean;
  }[];
  readonly next: string;
  readonly actions: readonly string[];
  readonly version: number;
}

export interface MeetingBody {
  readonly id: string;
  readonly date: string;
  readonly status: 'open' | 'closed';
  readonly present: readonly string[];
}

export interface QuorumBody {
  readonly met: boolean;
  readonly required: readonly string[];
  readonly absent: readonly string[];
}

export interface AttendanceBody extends MeetingBody {
  readonly quorum: QuorumBody;
}

export interface CloseMeetingBody extends MeetingBody {
  readonly objectionWindowsClosed: readonly { readonly proposalId: string; readonly phase: string }[];
}

export interface MinutesEntryBody {
  readonly kind: string;
  readonly by: { readonly party: string };
  readonly covenantVersion?: number;
  readonly outcome?: Outcome;
  readonly reason?: string;
  readonly round?: number;
  readonly tally?: TallyBody;
  readonly accountability?: readonly {
    readonly party: string;
    readonly question: string;
    readonly answer?: string;
  }[];
}

export interface MinutesBody {
  readonly meeting: MeetingBody;
  readonly attendance: QuorumBody;
  readonly items: readonly {
    readonly proposalId: string;
    readonly phase: string;
    readonly record: readonly MinutesEntryBody[];
  }[];
}

export interface HistoryBody {
  readonly proposalId: string;
  readonly events: readonly {
    readonly action: string;
    readonly by: { readonly party: string };
    readonly fromPhase?: string;
    readonly toPhase?: string;
  }[];
}

export interface DecisionEntryBody {
  readonly proposalId: string;
  readonly outcome: Outcome | 'dropped';
  readonly via: DecisionBody['via'];
  readonly text?: string;
  readonly inForce: boolean;
  readonly meetingId?: string;
  readonly objection?: 'lapsed' | 'withdrawn';
  readonly covenantVersion?: number;
}

export interface BallotBody {
  readonly proposalId: string;
  readonly round: number;
  readonly party: string;
  readonly choice: Choice;
  readonly justification?: string;
  readonly voted: readonly string[];
}

export interface WithdrawalNoticeBody {
  readonly party: string;
  readonly noticeOn: string;
  readonly effectiveOn: string;
  readonly register: {
    readonly memberUntil: string;
    readonly withdrawalNoticeOn: string;
    readonly upToDate: boolean;
    readonly instruction: string;
  };
}

export interface PartyListBody {
  readonly parties: readonly {
    readonly id: string;
    readonly votes: number;
    readonly votingParty: boolean;
    readonly memberUntil?: string;
    readonly withdrawalNotice?: { readonly noticeOn: string; readonly effectiveOn: string };
  }[];
  readonly totalVotes: number;
  readonly withdrawalNotices: readonly { readonly party: string; readonly effectiveOn: string }[];
}

/** An RFC 9457 problem, with the extensions the API adds. */
export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly [extension: string]: unknown;
}

/** One sent e-mail as `GET /_local/outbox` lists it. */
export interface OutboxEntry {
  readonly to: readonly string[];
  /** The informed (DESIGN 2.3): every other member. */
  readonly cc: readonly string[];
  readonly subject: string;
  readonly proposalId: string;
  readonly step: string;
  readonly at: string;
}

/** Where every problem type's URI starts (DESIGN 5: a stable `type`). */
export const PROBLEM_BASE = '/v1/problems/';
