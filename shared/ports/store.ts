// The store port: the records the core keeps and the operations it needs on them.
// Interfaces only; the DynamoDB adapter is shared/store/dynamodb-store.ts, its errors are in
// ./store-errors.ts. Times are ISO-8601 strings unless a field says otherwise.
import type { Ballot, Choice } from '#shared/covenant/index.ts';
import type { ReleaseCalendarEntry } from '#shared/covenant/release-calendar.ts';
import type { ParkTimer } from '#statemachines/compiler/protocol.ts';
import type { CovenantStore } from './covenant.ts';
import type { TransitionEffect } from './effects.ts';
import type { IntegrationStore } from './integrations.ts';
import type { MailDeliveryStore } from './mail-deliveries.ts';

/** A JSON-serialisable object the store keeps without looking inside. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** Who did something: a party from the register and the roles its token carried. */
export interface Actor {
  readonly party: string;
  readonly roles: readonly string[];
}

/** The proposal item: its public fields, its workflow state and the optimistic-lock version. */
export interface ProposalRecord {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly standards: readonly string[];
  readonly kind: string;
  readonly implementationDate?: string;
  /** The version of the standards the implementation date is for (DESIGN 2.4). */
  readonly standardVersion?: string;
  readonly submittedBy: string;
  readonly meetingId?: string;
  /** The public phase (DESIGN 5.1); the store only sorts by it. */
  readonly phase: string;
  /** The state the snapshot is in (the compiled state machine routes on it). */
  readonly stateKey: string;
  /** XState's persisted snapshot, opaque to the store. */
  readonly snapshot: JsonObject;
  /** 1 after creation, +1 per transition; the condition of every commit. */
  readonly version: number;
  readonly executionArn?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /**
   * Counted in its party's open proposals since it was tabled (issue 17, row 4): reaching a final
   * phase uncounts it. Absent on a proposal tabled before the count existed, which it never counts.
   */
  readonly countsAsOpen?: boolean;
  /**
   * The task token the workflow parked for this version, when a consistent read found one with the
   * proposal (same Query). Read, never written: the relay answers it without reading it back.
   */
  readonly parked?: ParkedTaskToken;
  /** The latest voting round, when a consistent read found one with the proposal (read, never written). */
  readonly latestRound?: VotingRound;
}

/** What a list page shows of a proposal: its small list entry, without the snapshot. */
export type ProposalListing = Pick<
  ProposalRecord,
  | 'id'
  | 'title'
  | 'standards'
  | 'kind'
  | 'implementationDate'
  | 'standardVersion'
  | 'submittedBy'
  | 'meetingId'
  | 'phase'
  | 'createdAt'
  | 'updatedAt'
>;

/** One entry of a proposal's audit trail: the transition that produced `version`. Append-only. */
export interface AuditEvent {
  readonly proposalId: string;
  readonly version: number;
  readonly type: string;
  readonly by: Actor;
  readonly at: string;
  readonly fromState: string;
  readonly toState: string;
  readonly payload: JsonObject;
  /** The covenant version the event ran under (DESIGN 2.5); absent on events recorded before versions. */
  readonly covenantVersion?: number;
  /**
   * As read back: the signal its transition carried to the workflow (DESIGN 3.2; the store writes
   * it from CommitTransitionInput.signal), absent on events written before issue 16.
   */
  readonly signal?: TransitionSignal;
  /** As read back: its own task took the signal (a deadline's), no relay sends it. */
  readonly signalTakenByTask?: boolean;
}

/** A voting party's choice (stemming): the covenant's own. */
export type VoteChoice = Choice;

/**
 * A party's current ballot in a round, as stored; replaced while the round is open. The covenant's
 * {@link Ballot} (what the tally counts) with when and by which request it was cast.
 */
export interface RoundBallot extends Pick<Ballot, 'choice' | 'justification' | 'recordedBy'> {
  readonly at: string;
  /** Footnote 13: the chair's request to account for an abstention, and the party's answer. */
  readonly accountability?: Accountability;
  /**
   * Which of the party's ballots in the round this is: 1 for its first, one more for each change
   * (set by the store; absent on ballots written before changes were numbered). A change is written
   * only over the ballot its number says it replaces, so no ballot is replaced unseen.
   */
  readonly ballotNumber?: number;
}

/**
 * A ballot a party gave in a round and changed afterwards (DESIGN 2.2.5): kept, outside the round,
 * for the minutes, which list every ballot given.
 */
export interface SupersededBallot extends RoundBallot {
  readonly proposalId: string;
  readonly round: number;
  readonly party: string;
  /**
   * Given while another ballot of the party was being written, and replaced by it at once: it
   * follows ballot `ballotNumber` (concurrent requests have no order of their own; this one read
   * the round before the other ballot was written).
   */
  readonly concurrent?: true;
}

/** A previously agreed implementation date of a standard's version (the release calendar, DESIGN 2.4). */
export type { AgreedImplementation } from '#statemachines/proposal-lifecycle/events.ts';

import type { AgreedImplementation } from '#statemachines/proposal-lifecycle/events.ts';

/** The chair's question to an abstaining party and its answer (footnote 13). */
export interface Accountability {
  readonly question: string;
  readonly askedAt: string;
  readonly askedBy: string;
  readonly answer?: string;
  readonly answeredAt?: string;
}

/**
 * A vote on a proposal. `revision` counts ballots written; closing checks it did not move. The
 * round holds each party's current ballot only, so its size does not grow with changes: a ballot a
 * change replaces is kept as a {@link SupersededBallot}.
 */
export interface VotingRound {
  readonly proposalId: string;
  readonly round: number;
  readonly meetingId: string;
  readonly status: 'open' | 'closed';
  /** Keyed by party id: each party's current ballot. */
  readonly ballots: Readonly<Record<string, RoundBallot>>;
  /**
   * Every ballot given, oldest first, as rounds written by earlier code kept them in the round
   * itself (read, never written by this code for a new round: see shared/store/voting.ts).
   */
  readonly log?: readonly (RoundBallot & { readonly party: string })[];
  readonly revision: number;
  readonly openedAt: string;
  readonly closedAt?: string;
  /** The covenant's tally, written when the round closes. */
  readonly tally?: JsonObject;
}

/** A Step Functions task token parked for the state the proposal entered at `version`. */
export interface ParkedTaskToken {
  readonly proposalId: string;
  readonly version: number;
  readonly taskToken: string;
  /** The state id the execution parked in. */
  readonly state: string;
  readonly executionArn: string;
  readonly parkedAt: string;
  /**
   * When the execution started (`$$.Execution.StartTime`): whoever answers the token times the
   * execution's next park from it (statemachines/compiler/timer.ts). Absent for an execution on an
   * ASL from before it, which times its parks itself.
   */
  readonly executionStartTime?: string;
}

/** What the relay sends to the parked token (DESIGN 3.2). */
export interface TransitionSignal {
  readonly type: string;
  /** The state the transition leads to. */
  readonly target: string;
  /** The proposal's version after the transition. */
  readonly version: number;
  readonly timeoutSeconds?: number;
  /**
   * When the target's deadline falls due (ISO 8601), for a target with one: the park times itself
   * from it, so the time the signal takes to reach the execution does not delay the deadline.
   */
  readonly due?: string;
  /** The timer of the target's park, added on the way to the execution (never stored in a row). */
  readonly timer?: ParkTimer;
}

/** A proposal's parked tokens and the outbox rows an older version left, each oldest first. */
export interface WorkflowRows {
  /** Outbox rows written before the audit event carried the signal (issue 16): still delivered. */
  readonly signals: readonly SignalRecord[];
  readonly tokens: readonly ParkedTaskToken[];
}

/** Which signal {@link WorkflowStore.settleSignal} settles: the transition, and where it is stored. */
export type SignalToSettle = Pick<SignalRecord, 'proposalId' | 'fromVersion' | 'stored'>;

/** A page of undelivered signals; `after` is the cursor of the next page, absent after the last. */
export interface SignalPage {
  readonly records: readonly SignalRecord[];
  readonly after?: string;
}

/**
 * A transition's signal as the relay reads it: carried by the transition's audit event (the event
 * at `fromVersion + 1`), or, written by an older version, an outbox row of its own.
 */
export interface SignalRecord {
  readonly proposalId: string;
  /** The version the transition left; the token to answer is parked under it. */
  readonly fromVersion: number;
  readonly signal: TransitionSignal;
  readonly createdAt: string;
  /** Where it is stored: `row` for an outbox row an older version wrote. @default 'event' */
  readonly stored?: 'event' | 'row';
}

/** The statutory deadlines of art. 7 that a proposal can be waiting on. */
export type DeadlineKind = 'arguments' | 'reconsideration' | 'ministry';

/** A proposal's open deadline (at most one at a time). */
export interface DeadlineRecord {
  readonly proposalId: string;
  readonly kind: DeadlineKind;
  /** For an arguments deadline: the objector it binds (the earliest of them, DESIGN 2.3). */
  readonly party?: string;
  readonly due: string;
  /** The state waiting on it. */
  readonly state: string;
  readonly title: string;
  /** The covenant version it was set under (DESIGN 2.5). */
  readonly covenantVersion?: number;
}

/** An entry of the decision register. */
export interface DecisionRecord {
  readonly proposalId: string;
  readonly title: string;
  readonly standards: readonly string[];
  readonly outcome: 'adopted' | 'rejected' | 'dropped';
  readonly via: 'consensus' | 'vote' | 'reconsideration' | 'ministry' | 'dglz';
  /** Whose text was adopted: `original`, or the objector whose alternative (art. 7.4). */
  readonly text?: string;
  readonly decidedAt: string;
  readonly inForce: boolean;
  readonly meetingId?: string;
  readonly objection?: 'lapsed' | 'withdrawn';
  /** The covenant version the decision was taken under (DESIGN 2.5). */
  readonly covenantVersion?: number;
}

/** A meeting of the steering group. Its closing ends the objection window of its decisions. */
export interface MeetingRecord {
  readonly id: string;
  /** `YYYY-MM-DD` */
  readonly date: string;
  readonly title?: string;
  readonly status: 'open' | 'closed';
  /** Parties recorded present (the attendance quorum reads it). */
  readonly present: readonly string[];
  readonly attendanceRecordedAt?: string;
  readonly closedAt?: string;
  readonly createdAt: string;
}

/** A proposal on a meeting's agenda (agendapunt). */
export interface AgendaEntry {
  readonly meetingId: string;
  readonly proposalId: string;
  readonly title: string;
  readonly addedAt: string;
}

/** A meeting with its agenda, as one read returns them. */
export interface MeetingWithAgenda {
  readonly meeting: MeetingRecord;
  readonly agenda: readonly AgendaEntry[];
}

/** A party's written notice of withdrawal from the covenant (art. 10). */
export interface WithdrawalNotice {
  readonly party: string;
  /** `YYYY-MM-DD` */
  readonly noticeOn: string;
  /** `YYYY-MM-DD`, three months after the notice. */
  readonly effectiveOn: string;
  /**
   * The instant the notice was given: tells a notice given again the same day (after a revocation)
   * from the first one, in its e-mail's Message-ID. Notices stored before it was kept lack it.
   */
  readonly givenAt?: string;
}

/** An entry of the release calendar (DESIGN 2.4) as the store keeps it. */
export interface ReleaseEntryRecord extends ReleaseCalendarEntry {
  /** The party that recorded it (source `recorded`). */
  readonly recordedBy?: string;
}

/** Everything under a proposal's partition, read at once. */
export interface ProposalAggregate {
  readonly proposal: ProposalRecord;
  /** Oldest first. */
  readonly events: readonly AuditEvent[];
  /** Lowest round first. */
  readonly rounds: readonly VotingRound[];
  readonly tokens: readonly ParkedTaskToken[];
  readonly signals: readonly SignalRecord[];
  readonly deadline?: DeadlineRecord;
  readonly decision?: DecisionRecord;
}

/** Which page of a list to read (issue 17, row 5). */
export interface PageRequest {
  /** At most this many items. */
  readonly limit: number;
  /** Where the previous page ended (its `next`); absent for the first page. */
  readonly cursor?: string | undefined;
}

/** One page of a list; `next` is the cursor of the page after it, absent after the last. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next?: string;
}

/** Read options. */
export interface ReadOptions {
  /** Strongly consistent read. @default false */
  readonly consistent?: boolean;
}

/** Expression parts of a write in the document client's TransactWriteItems shape. */
export interface ExpressionParts {
  readonly ConditionExpression?: string;
  readonly ExpressionAttributeNames?: Readonly<Record<string, string>>;
  readonly ExpressionAttributeValues?: Readonly<Record<string, unknown>>;
}

/**
 * A write in the document client's TransactWriteItems shape without `TableName` (the adapter adds
 * it): the store adapter's own vocabulary (shared/store/transition-writes.ts); the core speaks in
 * {@link TransitionEffect}s.
 */
export type ExtraWrite =
  | { readonly Put: { readonly Item: Readonly<Record<string, unknown>> } & ExpressionParts }
  | {
      readonly Update: {
        readonly Key: Readonly<Record<string, unknown>>;
        readonly UpdateExpression: string;
      } & ExpressionParts;
    }
  | { readonly Delete: { readonly Key: Readonly<Record<string, unknown>> } & ExpressionParts }
  | {
      readonly ConditionCheck: {
        readonly Key: Readonly<Record<string, unknown>>;
        readonly ConditionExpression: string;
      } & ExpressionParts;
    };

/** One transition of a proposal, written atomically by {@link ProposalStore.commitTransition}. */
export interface CommitTransitionInput {
  /** The proposal after the transition; `version` must be `expectedVersion + 1`. */
  readonly proposal: ProposalRecord;
  /** The version read before applying the event; 0 creates the proposal. */
  readonly expectedVersion: number;
  /** The audit event; it gets the proposal's id and new version. */
  readonly event: Omit<AuditEvent, 'proposalId' | 'version'>;
  /**
   * What the relay must send to the token parked at `expectedVersion` (creation: the start of the
   * execution); the audit event carries it, so it costs no item of its own.
   */
  readonly signal?: TransitionSignal;
  /**
   * The signal is for the task that commits it (a deadline task returns it to its execution, which
   * is not parked): the event keeps it for that task's retry, marked so that no relay sends it.
   */
  readonly signalTakenByTask?: boolean;
  /** What must happen in the same transaction (close a round, register a decision, ...). */
  readonly effects?: readonly TransitionEffect[];
}

/** The answer of {@link IdempotencyStore.beginIdempotent}. */
export type IdempotencyBegin =
  | { readonly status: 'new' }
  | {
      readonly status: 'in-progress' /** Until the claim lapses (a crashed request's claim does). */;
      readonly retryAfterSeconds?: number;
    }
  | { readonly status: 'completed'; readonly response: JsonObject }
  | { readonly status: 'mismatch' }
  /**
   * The request that claimed the key committed its change, then died before storing its response.
   * `createdId` names what it created, when it created something (written with the change).
   */
  | { readonly status: 'committed'; readonly createdId?: string };

/** A request's Idempotency-Key claim: the calling party, the key and the request's fingerprint. */
export interface IdempotencyClaim {
  readonly party: string;
  readonly key: string;
  readonly hash: string;
  /**
   * Until when (epoch seconds, the table's TTL attribute) the record must live once the change is
   * committed: the committed mark sets it, so that the table's TTL cannot delete a committed record
   * whose answer was lost before a retry could resume it.
   */
  readonly keptUntil: number;
}

/**
 * What one request demands of every write it makes, as conditions of that write's own transaction
 * (DESIGN 5): the store made by {@link IdempotencyStore.forRequest} adds them.
 */
export interface RequestConditions {
  /**
   * The request's claim: each write also marks the claim's record as committed (with the id of
   * what it created), so a retry after a crash that lost the response knows the change is in.
   */
  readonly idempotency?: IdempotencyClaim;
  /**
   * `If-Match` on a proposal: a transition of that proposal commits only from this version; one
   * that would start from a later version is refused with ExpectedVersionError (412).
   */
  readonly proposalAt?: { readonly id: string; readonly version: number };
}

/** The answer of {@link WorkflowStore.storeTaskToken}. */
export type StoreTaskTokenResult =
  | { readonly stored: true }
  | { readonly stored: false; readonly proposal: ProposalRecord };

/** Proposals: reading them and the one way to change their state. */
export interface ProposalStore {
  /** The proposal with everything under it, or undefined. */
  getProposal(proposalId: string, options?: ReadOptions): Promise<ProposalAggregate | undefined>;
  /** The proposal item alone, or undefined. */
  getProposalItem(proposalId: string, options?: ReadOptions): Promise<ProposalRecord | undefined>;
  /** All proposals' list entries (by phase, then oldest first), or those in one phase. */
  listProposals(filter?: { readonly phase?: string }): Promise<ProposalListing[]>;
  /** The audit trail, oldest first. */
  listEvents(proposalId: string): Promise<AuditEvent[]>;
  /** A page of the audit trail, oldest first (consistent). @throws InvalidCursorError */
  pageEvents(proposalId: string, page: PageRequest): Promise<Page<AuditEvent>>;
  /**
   * Writes a transition: the proposal item (if still at `expectedVersion`), its audit event,
   * its signal and the extra writes, all or nothing.
   * @throws VersionConflictError when the proposal is not (or no longer) at `expectedVersion`
   * @throws TransactionConditionError when another write's condition fails
   */
  commitTransition(input: CommitTransitionInput): Promise<void>;
  /** {@link commitTransition} with `expectedVersion` 0: the proposal must not exist yet. */
  createProposal(input: Omit<CommitTransitionInput, 'expectedVersion'>): Promise<void>;
  /** Open deadlines, soonest first. */
  listDeadlines(): Promise<DeadlineRecord[]>;
  /** The decision register, oldest first. */
  listDecisions(): Promise<DecisionRecord[]>;
  /**
   * A page of proposals (by phase, then oldest first), of one phase and/or concerning one standard.
   * With a standard a page may hold fewer than `limit` items: follow `next` until it is absent.
   * @throws InvalidCursorError for a cursor this list did not hand out
   */
  pageProposals(
    filter: { readonly phase?: string | undefined; readonly standard?: string | undefined },
    page: PageRequest,
  ): Promise<Page<ProposalListing>>;
  /** A page of the open deadlines, soonest first. @throws InvalidCursorError */
  pageDeadlines(page: PageRequest): Promise<Page<DeadlineRecord>>;
  /** A page of the decision register, oldest first. @throws InvalidCursorError */
  pageDecisions(page: PageRequest): Promise<Page<DecisionRecord>>;
  /** The release calendar's agreed implementation dates of these standards (DESIGN 2.4). */
  agreedImplementations(standards: readonly string[]): Promise<AgreedImplementation[]>;
}

/** Meetings and their agendas. */
export interface MeetingStore {
  /** Creates a meeting. @throws MeetingExistsError when the id is taken */
  putMeeting(meeting: MeetingRecord): Promise<void>;
  getMeeting(meetingId: string, options?: ReadOptions): Promise<MeetingWithAgenda | undefined>;
  /** All meetings, earliest date first. */
  listMeetings(): Promise<MeetingRecord[]>;
  /** A page of the meetings, earliest date first. @throws InvalidCursorError */
  pageMeetings(page: PageRequest): Promise<Page<MeetingRecord>>;
  /**
   * Replaces the attendance while the meeting is open.
   * @throws MeetingNotFoundError, MeetingClosedError
   */
  recordAttendance(meetingId: string, present: readonly string[], at: string): Promise<MeetingRecord>;
  /**
   * Closes the meeting, in one transaction with a check of each proposal in `openVotes` that it is
   * not in one of `openVotes.phases` for this meeting (a proposal that does not exist passes).
   * @throws MeetingNotFoundError, MeetingClosedError (already closed), VoteStillOpenError (naming
   *   exactly the proposals whose check failed), AgendaTooLargeError (more proposals than
   *   {@link MAX_CLOSE_CHECKS}: nothing is written)
   */
  closeMeeting(meetingId: string, at: string, openVotes?: OpenVoteCheck): Promise<MeetingRecord>;
}

/** What closing a meeting checks in its own transaction: no vote open on these proposals. */
export interface OpenVoteCheck {
  /** The agenda the caller read. */
  readonly proposalIds: readonly string[];
  /** The phases that are a vote in progress (the model's `votingPhases`). */
  readonly phases: readonly string[];
}

/**
 * The most proposals a meeting's close checks: DynamoDB's 100 items per transaction, less the
 * meeting's update, its step in the event feed and a request's two writes (idempotency mark,
 * If-Match check).
 */
export const MAX_CLOSE_CHECKS = 96;

/** Ballots of a voting round (the round itself is opened and closed by transitions). */
export interface VotingStore {
  /**
   * Sets `party`'s ballot while the round is open; a ballot it replaces is kept for the minutes.
   * A ballot of the same party written while this call ran (two connections at once) makes this
   * one a ballot given and replaced at once: kept, and the round answered as that ballot left it.
   * @param seen - the round as the caller read it during this request, if it did: saves a refused
   *   write when the party changes its ballot (never read it before the request began: a ballot
   *   written since would be taken for one written meanwhile)
   * @throws VotingClosedError when the round is closed or missing
   */
  castVote(
    proposalId: string,
    round: number,
    party: string,
    ballot: RoundBallot,
    seen?: VotingRound,
  ): Promise<VotingRound>;
  /** Every ballot a change replaced, in every round of the proposal (consistent read), oldest first per party. */
  listSupersededBallots(proposalId: string): Promise<SupersededBallot[]>;
  /** Records the accountability of `party`'s ballot in the round (footnote 13). */
  setAccountability(
    proposalId: string,
    round: number,
    party: string,
    accountability: Accountability,
  ): Promise<VotingRound>;
  getRound(proposalId: string, round: number, options?: ReadOptions): Promise<VotingRound | undefined>;
}

/** Notices of withdrawal from the covenant. */
export interface WithdrawalStore {
  /**
   * Records the party's notice unless it has given one (one conditional write).
   * @returns the notice it had given before, in which case nothing was written
   */
  addWithdrawalNotice(notice: WithdrawalNotice): Promise<WithdrawalNotice | undefined>;
  /** All notices, oldest notice first. */
  listWithdrawalNotices(): Promise<WithdrawalNotice[]>;
}

/** The release calendar: each standard's versions with their agreed implementation dates. */
export interface ReleaseCalendarStore {
  /**
   * Records the entry unless its (standard, version) is in the calendar (one conditional write).
   * @returns the entry recorded before, in which case nothing was written
   */
  addReleaseEntry(entry: ReleaseEntryRecord): Promise<ReleaseEntryRecord | undefined>;
  /**
   * The calendar of one standard (one Query on its partition; `consistent` honoured), or of all
   * standards (one Query on the index, eventually consistent); by implementation date.
   */
  listReleaseCalendar(
    filter?: { readonly standard?: string },
    options?: ReadOptions,
  ): Promise<ReleaseEntryRecord[]>;
}

/** Idempotency records for the `Idempotency-Key` header, per calling party. */
export interface IdempotencyStore {
  /**
   * Claims `key` for a request, unless an unexpired record exists: then reports whether that
   * request is still running, what it answered, or that it had another body (`mismatch`).
   * @param now - the clock's time; the record expires `ttlSeconds` later
   */
  beginIdempotent(
    party: string,
    key: string,
    requestHash: string,
    now: Date,
    ttlSeconds: number,
  ): Promise<IdempotencyBegin>;
  /**
   * Stores the response of the request that began the record, kept until `keepUntil` (default:
   * the expiry it began with). @throws IdempotencyConflictError
   */
  completeIdempotent(
    party: string,
    key: string,
    requestHash: string,
    response: JsonObject,
    keepUntil?: Date,
  ): Promise<void>;
  /** Releases an in-progress record (the request failed) so a retry can run; no-op otherwise. */
  abandonIdempotent(party: string, key: string, requestHash: string): Promise<void>;
  /**
   * This store for one request: every write it makes carries `conditions` in its own transaction
   * (the idempotency mark; the proposal version `If-Match` named).
   */
  forRequest(conditions: RequestConditions): Store;
}

/** What the workflow needs: parked task tokens and the outbox of signals. */
export interface WorkflowStore {
  /**
   * Parks a token, in one transaction with a check that the proposal is still at `version`;
   * if it moved on, answers with the proposal as it is now (consistent read).
   * @throws ProposalNotFoundError when there is no such proposal
   */
  storeTaskToken(token: ParkedTaskToken): Promise<StoreTaskTokenResult>;
  /** The token parked at `version` (consistent read), or undefined. */
  getTaskToken(proposalId: string, version: number): Promise<ParkedTaskToken | undefined>;
  /** A proposal's parked tokens and older outbox rows, oldest first (one consistent read). */
  getWorkflowRows(proposalId: string): Promise<WorkflowRows>;
  deleteTaskToken(proposalId: string, version: number): Promise<void>;
  /**
   * A page of at most `limit` undelivered signals, oldest first (eventually consistent), from the
   * start or `after` the page whose cursor that is. Only a store that lists signals (the local
   * stack's) finds those the audit events carry; outbox rows an older version listed come after them.
   */
  listPendingSignals(limit: number, after?: string): Promise<SignalPage>;
  /**
   * The signal of the transition that left `fromVersion` (consistent): the one its audit event
   * carries, or an older version's outbox row; undefined when neither has one.
   */
  getTransitionSignal(proposalId: string, fromVersion: number): Promise<SignalRecord | undefined>;
  /**
   * The signal needs no relay any more (delivered, or its token can take none). Nothing to write
   * for a signal an audit event carries unless the store lists signals (then it leaves the list);
   * an older version's outbox row is deleted.
   */
  settleSignal(record: SignalToSettle): Promise<void>;
}

/** The whole store, as the composition roots wire it. Use cases depend on the part they need. */
export interface Store
  extends IntegrationStore,
    ProposalStore,
    MeetingStore,
    VotingStore,
    WithdrawalStore,
    ReleaseCalendarStore,
    IdempotencyStore,
    WorkflowStore,
    // A register change mails a party's (corrected) addresses again (issue 14, item 1); the API's
    // own e-mails go out once, also when a request resumes (covenant-mail.ts).
    Pick<MailDeliveryStore, 'liftSuppression' | 'recordSent' | 'wasSent'> {
  /** The covenant's versions, changes, notices and dated effects (DESIGN 2.5). */
  readonly covenant: CovenantStore;
}
