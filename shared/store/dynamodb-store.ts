// The store port on DynamoDB (one table, shared/store/README.md). A facade over one module per
// concern; the document client and the table name come from the composition root.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CovenantStore } from '#shared/ports/covenant.ts';
import type {
  CalendarRecord,
  DeadLetterRecord,
  FeedPage,
  RedeliveryRecord,
  SubscriptionRecord,
} from '#shared/ports/integrations.ts';
import type {
  MailboxEvent,
  MailDeliveryStore,
  SentMail,
  UndeliveredMail,
} from '#shared/ports/mail-deliveries.ts';
import type {
  Accountability,
  AgreedImplementation,
  AuditEvent,
  CommitTransitionInput,
  DeadlineRecord,
  DecisionRecord,
  IdempotencyBegin,
  JsonObject,
  MeetingRecord,
  MeetingWithAgenda,
  OpenVoteCheck,
  Page,
  PageRequest,
  ParkedTaskToken,
  ProposalAggregate,
  ProposalListing,
  ProposalRecord,
  ReadOptions,
  ReleaseEntryRecord,
  RequestConditions,
  RoundBallot,
  SignalPage,
  SignalRecord,
  SignalToSettle,
  Store,
  StoreTaskTokenResult,
  SupersededBallot,
  VotingRound,
  WithdrawalNotice,
  WorkflowRows,
} from '#shared/ports/store.ts';
import * as calendars from './calendars.ts';
import { commitTransition } from './commit-transition.ts';
import type { StoreContext } from './context.ts';
import { DynamoDbCovenantStore } from './covenant.ts';
import * as feed from './event-feed.ts';
import * as idempotency from './idempotency.ts';
import { DynamoDbMailDeliveries } from './mail-deliveries.ts';
import * as meetings from './meetings.ts';
import * as proposals from './proposal-reads.ts';
import * as releases from './release-calendar.ts';
import * as subscriptions from './subscriptions.ts';
import * as voting from './voting.ts';
import * as withdrawals from './withdrawals.ts';
import * as workflow from './workflow.ts';

/** Options of a {@link DynamoDbStore}. */
export interface DynamoDbStoreOptions {
  /** What every write must carry, in a store made for one request (see `forRequest`). */
  readonly request?: RequestConditions;
  /**
   * Whether the audit event that carries a signal is listed in the local signals index
   * (table.ts `SIGNALS_INDEX`), where a polling relay loop finds what a crash left behind (the local
   * stack), and leaves it when the signal is delivered. The cloud relays every signal from the
   * table's stream and reads no such list: its composition root passes `false`, so that a signal
   * costs no write at all beyond the event its transition writes anyway (issue 16).
   * @default true
   */
  readonly listSignals?: boolean;
}

/**
 * {@link Store} on one DynamoDB table.
 *
 * @example
 * const store = new DynamoDbStore(DynamoDBDocumentClient.from(new DynamoDBClient({})), env.TABLE_NAME);
 */
export class DynamoDbStore implements Store, MailDeliveryStore {
  private readonly ctx: StoreContext;
  private readonly deliveries: DynamoDbMailDeliveries;
  /** The covenant's items (shared/store/covenant.ts). */
  readonly covenant: CovenantStore;

  /**
   * @param client - a document client; created once per process by the composition root
   * @param tableName - the single table (see shared/store/table.ts)
   * @param options - whether signals are listed, and (in a store made for one request, see
   *   forRequest) what every write must carry
   */
  constructor(client: DynamoDBDocumentClient, tableName: string, options: DynamoDbStoreOptions = {}) {
    this.ctx = {
      client,
      tableName,
      ...(options.request === undefined ? {} : { request: options.request }),
      ...(options.listSignals === false ? { listSignals: false } : {}),
    };
    this.deliveries = new DynamoDbMailDeliveries(this.ctx);
    this.covenant = new DynamoDbCovenantStore(this.ctx);
  }

  readFeed(options: { after?: string; until: string; limit: number }): Promise<FeedPage> {
    return feed.readFeed(this.ctx, options);
  }

  putSubscription(subscription: SubscriptionRecord): Promise<void> {
    return subscriptions.putSubscription(this.ctx, subscription);
  }

  getSubscription(party: string, id: string): Promise<SubscriptionRecord | undefined> {
    return subscriptions.getSubscription(this.ctx, party, id);
  }

  listSubscriptions(party: string): Promise<SubscriptionRecord[]> {
    return subscriptions.listSubscriptions(this.ctx, party);
  }

  allSubscriptions(): Promise<SubscriptionRecord[]> {
    return subscriptions.allSubscriptions(this.ctx);
  }

  deleteSubscription(party: string, id: string): Promise<boolean> {
    return subscriptions.deleteSubscription(this.ctx, party, id);
  }

  updateDelivery(
    party: string,
    id: string,
    expectedCursor: string,
    next: Pick<SubscriptionRecord, 'cursor' | 'failingSince' | 'attempts' | 'nextAttemptAt' | 'lastError'>,
  ): Promise<boolean> {
    return subscriptions.updateDelivery(this.ctx, party, id, expectedCursor, next);
  }

  putDeadLetter(letter: DeadLetterRecord): Promise<void> {
    return subscriptions.putDeadLetter(this.ctx, letter);
  }

  listDeadLetters(party: string, subscriptionId: string): Promise<DeadLetterRecord[]> {
    return subscriptions.listDeadLetters(this.ctx, party, subscriptionId);
  }

  deleteDeadLetter(party: string, subscriptionId: string, position: string): Promise<void> {
    return subscriptions.deleteDeadLetter(this.ctx, party, subscriptionId, position);
  }

  queueRedelivery(redelivery: RedeliveryRecord, letters: readonly DeadLetterRecord[]): Promise<void> {
    return subscriptions.queueRedelivery(this.ctx, redelivery, letters);
  }

  getRedelivery(party: string, subscriptionId: string, id: string): Promise<RedeliveryRecord | undefined> {
    return subscriptions.getRedelivery(this.ctx, party, subscriptionId, id);
  }

  putCalendar(calendar: CalendarRecord): Promise<void> {
    return calendars.putCalendar(this.ctx, calendar);
  }

  listCalendars(party: string): Promise<CalendarRecord[]> {
    return calendars.listCalendars(this.ctx, party);
  }

  deleteCalendar(party: string, id: string): Promise<boolean> {
    return calendars.deleteCalendar(this.ctx, party, id);
  }

  recordUndelivered(mail: UndeliveredMail): Promise<void> {
    return this.deliveries.recordUndelivered(mail);
  }

  recordMailboxEvent(event: MailboxEvent): Promise<void> {
    return this.deliveries.recordMailboxEvent(event);
  }

  suppressedAmong(addresses: readonly string[]): Promise<ReadonlySet<string>> {
    return this.deliveries.suppressedAmong(addresses);
  }

  liftSuppression(addresses: readonly string[]): Promise<string[]> {
    return this.deliveries.liftSuppression(addresses);
  }

  recordSent(mail: SentMail): Promise<void> {
    return this.deliveries.recordSent(mail);
  }

  wasSent(messageId: string): Promise<boolean> {
    return this.deliveries.wasSent(messageId);
  }

  getProposal(proposalId: string, options: ReadOptions = {}): Promise<ProposalAggregate | undefined> {
    return proposals.getProposal(this.ctx, proposalId, options.consistent);
  }

  getProposalItem(proposalId: string, options: ReadOptions = {}): Promise<ProposalRecord | undefined> {
    return workflow.getProposalItem(this.ctx, proposalId, options.consistent);
  }

  listProposals(filter: { readonly phase?: string } = {}): Promise<ProposalListing[]> {
    return proposals.listProposals(this.ctx, filter.phase);
  }

  listEvents(proposalId: string): Promise<AuditEvent[]> {
    return proposals.listEvents(this.ctx, proposalId);
  }

  pageEvents(proposalId: string, page: PageRequest): Promise<Page<AuditEvent>> {
    return proposals.pageEvents(this.ctx, proposalId, page);
  }

  commitTransition(input: CommitTransitionInput): Promise<void> {
    return commitTransition(this.ctx, input);
  }

  createProposal(input: Omit<CommitTransitionInput, 'expectedVersion'>): Promise<void> {
    return commitTransition(this.ctx, { ...input, expectedVersion: 0 });
  }

  listDeadlines(): Promise<DeadlineRecord[]> {
    return proposals.listDeadlines(this.ctx);
  }

  listDecisions(): Promise<DecisionRecord[]> {
    return proposals.listDecisions(this.ctx);
  }

  pageProposals(
    filter: { readonly phase?: string | undefined; readonly standard?: string | undefined },
    page: PageRequest,
  ): Promise<Page<ProposalListing>> {
    return proposals.pageProposals(this.ctx, filter, page);
  }

  pageDeadlines(page: PageRequest): Promise<Page<DeadlineRecord>> {
    return proposals.pageDeadlines(this.ctx, page);
  }

  pageDecisions(page: PageRequest): Promise<Page<DecisionRecord>> {
    return proposals.pageDecisions(this.ctx, page);
  }

  pageMeetings(page: PageRequest): Promise<Page<MeetingRecord>> {
    return meetings.pageMeetings(this.ctx, page);
  }

  putMeeting(meeting: MeetingRecord): Promise<void> {
    return meetings.putMeeting(this.ctx, meeting);
  }

  getMeeting(meetingId: string, options: ReadOptions = {}): Promise<MeetingWithAgenda | undefined> {
    return meetings.getMeeting(this.ctx, meetingId, options.consistent);
  }

  listMeetings(): Promise<MeetingRecord[]> {
    return meetings.listMeetings(this.ctx);
  }

  recordAttendance(meetingId: string, present: readonly string[], at: string): Promise<MeetingRecord> {
    return meetings.recordAttendance(this.ctx, meetingId, present, at);
  }

  closeMeeting(meetingId: string, at: string, openVotes?: OpenVoteCheck): Promise<MeetingRecord> {
    return meetings.closeMeeting(this.ctx, meetingId, at, openVotes);
  }

  castVote(
    proposalId: string,
    round: number,
    party: string,
    ballot: RoundBallot,
    seen?: VotingRound,
  ): Promise<VotingRound> {
    return voting.castVote(this.ctx, proposalId, round, party, ballot, seen);
  }

  listSupersededBallots(proposalId: string): Promise<SupersededBallot[]> {
    return voting.listSupersededBallots(this.ctx, proposalId);
  }

  setAccountability(
    proposalId: string,
    round: number,
    party: string,
    accountability: Accountability,
  ): Promise<VotingRound> {
    return voting.setAccountability(this.ctx, proposalId, round, party, accountability);
  }

  agreedImplementations(standards: readonly string[]): Promise<AgreedImplementation[]> {
    return releases.agreedImplementations(this.ctx, standards);
  }

  getRound(proposalId: string, round: number, options: ReadOptions = {}): Promise<VotingRound | undefined> {
    return voting.getRound(this.ctx, proposalId, round, options.consistent);
  }

  addWithdrawalNotice(notice: WithdrawalNotice): Promise<WithdrawalNotice | undefined> {
    return withdrawals.addWithdrawalNotice(this.ctx, notice);
  }

  listWithdrawalNotices(): Promise<WithdrawalNotice[]> {
    return withdrawals.listWithdrawalNotices(this.ctx);
  }

  addReleaseEntry(entry: ReleaseEntryRecord): Promise<ReleaseEntryRecord | undefined> {
    return releases.addReleaseEntry(this.ctx, entry);
  }

  listReleaseCalendar(
    filter: { readonly standard?: string } = {},
    options: ReadOptions = {},
  ): Promise<ReleaseEntryRecord[]> {
    return releases.listReleaseCalendar(this.ctx, filter.standard, options.consistent);
  }

  beginIdempotent(
    party: string,
    key: string,
    requestHash: string,
    now: Date,
    ttlSeconds: number,
  ): Promise<IdempotencyBegin> {
    return idempotency.beginIdempotent(this.ctx, party, key, requestHash, now, ttlSeconds);
  }

  completeIdempotent(
    party: string,
    key: string,
    requestHash: string,
    response: JsonObject,
    keepUntil?: Date,
  ): Promise<void> {
    return idempotency.completeIdempotent(this.ctx, party, key, requestHash, response, keepUntil);
  }

  abandonIdempotent(party: string, key: string, requestHash: string): Promise<void> {
    return idempotency.abandonIdempotent(this.ctx, party, key, requestHash);
  }

  forRequest(conditions: RequestConditions): DynamoDbStore {
    return new DynamoDbStore(this.ctx.client, this.ctx.tableName, {
      request: conditions,
      ...(this.ctx.listSignals === false ? { listSignals: false } : {}),
    });
  }

  storeTaskToken(token: ParkedTaskToken): Promise<StoreTaskTokenResult> {
    return workflow.storeTaskToken(this.ctx, token);
  }

  getTaskToken(proposalId: string, version: number): Promise<ParkedTaskToken | undefined> {
    return workflow.getTaskToken(this.ctx, proposalId, version);
  }

  getWorkflowRows(proposalId: string): Promise<WorkflowRows> {
    return workflow.getWorkflowRows(this.ctx, proposalId);
  }

  deleteTaskToken(proposalId: string, version: number): Promise<void> {
    return workflow.deleteTaskToken(this.ctx, proposalId, version);
  }

  listPendingSignals(limit: number, after?: string): Promise<SignalPage> {
    return workflow.listPendingSignals(this.ctx, limit, after);
  }

  getTransitionSignal(proposalId: string, fromVersion: number): Promise<SignalRecord | undefined> {
    return workflow.getTransitionSignal(this.ctx, proposalId, fromVersion);
  }

  settleSignal(record: SignalToSettle): Promise<void> {
    return workflow.settleSignal(this.ctx, record);
  }
}
