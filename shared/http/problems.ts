/**
 * The ONE table from errors to RFC 9457 problems. Every error a request can meet is matched here by
 * `instanceof` (never by message or name); anything unmatched is an unexpected error: 500.
 */
import {
  DuplicateBallotError,
  InvalidDateError,
  NotAVotingPartyError,
  QuorumNotMetError,
  UnknownPartyError,
} from '#shared/covenant/index.ts';
import {
  InvalidReleaseEntryError,
  ReleaseEntryExistsError,
  StrategyDeadlineError,
} from '#shared/covenant/release-calendar.ts';
import {
  ConcurrentUpdateError,
  CovenantRuleError,
  EventNotPossibleError,
  ForbiddenEventError,
} from '#shared/dispatch/errors.ts';
import {
  InvalidCursorError,
  MeetingClosedError,
  MeetingExistsError,
  MeetingNotFoundError,
  ProposalNotFoundError,
  TransactionConditionError,
  VersionConflictError,
  VotingClosedError,
} from '#shared/ports/store-errors.ts';
import { actionOf } from '#shared/schemas/actions.ts';
import type { ProblemBody } from '#shared/schemas/problem.ts';
import {
  CovenantChangeNotFoundError,
  IdempotencyKeyInUseError,
  IdempotencyKeyReuseError,
  NotAMemberError,
  NoWithdrawalNoticeError,
  OpenProposalLimitError,
  UnknownPartiesError,
  VoteStillOpenError,
  WithdrawalNoticeExistsError,
} from '#shared/usecases/errors.ts';
import {
  CalendarNotFoundError,
  SubscriptionNotFoundError,
  WebhookUrlRefusedError,
} from '#shared/usecases/integration-errors.ts';
import {
  CallerNotAllowedError,
  InvalidRequestError,
  PreconditionFailedError,
  RouteNotFoundError,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
} from './errors.ts';

/** Every problem type's URI starts here; the last segment is the stable slug. */
export const PROBLEM_BASE = 'https://besluitvorming.istandaarden.example/problems/';

/** A problem before it is tied to a request (`instance`, correlation id). */
export interface ProblemSpec {
  /** The slug: the last segment of the type URI, e.g. `attendance-quorum`. */
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Titles of the covenant rules the model names (CovenantRuleError.rule); each rule is its own problem type. */
const covenantRuleTitles: Readonly<Record<string, string>> = {
  'attendance-quorum': 'Not every voting party is present',
  'objection-blackout': 'No objection in the month before the implementation date',
  'objection-window': 'The objection window has closed',
  'vote-in-scheduled-meeting': 'The vote belongs to the meeting the proposal is scheduled on',
  'vote-by-voting-party': 'Only voting parties vote',
  'vote-by-member': 'Only members of the covenant vote',
  'duplicate-ballot': 'A party votes once, as one bloc',
  'deadline-passed': 'The deadline for this step has passed',
  'strategy-deadline': 'The implementation strategy is due at most one month before the implementation date',
  'invalid-register-change': 'The change would leave the register invalid',
  'not-a-signatory': 'Only the parties of the register on the day the change was proposed sign it',
  'change-effective-date': 'A change takes effect on a later day than it is proposed',
};

const covenantRule = (rule: string, article: string, detail: string, details = {}): ProblemSpec => ({
  type: rule,
  title: covenantRuleTitles[rule] ?? 'A rule of the covenant refuses this',
  status: 422,
  detail,
  extensions: { rule, article, ...details },
});

const RETRY_SOON = { 'Retry-After': '1' };

// biome-ignore lint/suspicious/noExplicitAny: the table holds mappers of many error classes.
type ErrorClass<E> = abstract new (...args: any[]) => E;
interface Mapping<E extends Error = Error> {
  readonly type: ErrorClass<E>;
  readonly toProblem: (error: E) => ProblemSpec;
}
const on = <E extends Error>(type: ErrorClass<E>, toProblem: (error: E) => ProblemSpec): Mapping =>
  ({ type, toProblem }) as unknown as Mapping;

const table: readonly Mapping[] = [
  on(InvalidRequestError, (e) => ({
    type: 'invalid-request',
    title: 'The request is not valid',
    status: 400,
    detail: e.message,
    extensions: { errors: e.errors },
  })),
  on(InvalidCursorError, (e) => ({
    type: 'invalid-request',
    title: 'The request is not valid',
    status: 400,
    detail: e.message,
    extensions: { errors: [{ path: 'query.cursor', message: e.message }] },
  })),
  on(UnknownPartiesError, (e) => ({
    type: 'unknown-party',
    title: 'A party named is not in the register',
    status: 400,
    detail: e.message,
    extensions: {
      parties: e.parties,
      errors: e.parties.map((p) => ({ path: e.field, message: `unknown party "${p}"` })),
    },
  })),
  on(UnknownPartyError, (e) => ({
    type: 'unknown-party',
    title: 'A party named is not in the register',
    status: 400,
    detail: e.message,
    extensions: { parties: [e.partyId] },
  })),
  on(InvalidDateError, (e) => ({
    type: 'invalid-request',
    title: 'The request is not valid',
    status: 400,
    detail: e.message,
  })),
  on(InvalidReleaseEntryError, (e) => ({
    type: 'invalid-request',
    title: 'The request is not valid',
    status: 400,
    detail: e.message,
    extensions: { errors: e.issues.map((i) => ({ path: `body.${i.path}`, message: i.message })) },
  })),
  on(WebhookUrlRefusedError, (e) => ({
    type: 'invalid-request',
    title: 'The request is not valid',
    status: 400,
    detail: e.message,
    extensions: { errors: [{ path: 'body.url', message: e.reason }] },
  })),
  on(UnauthenticatedError, (e) => ({
    type: 'unauthenticated',
    title: 'A valid bearer token is required',
    status: 401,
    detail: e.message,
    headers: { 'WWW-Authenticate': 'Bearer' },
  })),
  on(ForbiddenEventError, (e) => ({
    type: 'forbidden',
    title: 'Your party or role may not do this',
    status: 403,
    detail: e.message,
  })),
  on(CallerNotAllowedError, (e) => ({
    type: 'forbidden',
    title: 'Your party or role may not do this',
    status: 403,
    detail: e.message,
  })),
  on(UnsupportedMediaTypeError, (e) => ({
    type: 'unsupported-media-type',
    title: 'Send JSON',
    status: 415,
    detail: e.message,
  })),
  on(RouteNotFoundError, (e) => ({
    type: 'route-not-found',
    title: 'No such route',
    status: 404,
    detail: e.message,
  })),
  on(ProposalNotFoundError, (e) => ({
    type: 'proposal-not-found',
    title: 'No such proposal',
    status: 404,
    detail: `there is no proposal ${e.proposalId}`,
    extensions: { proposalId: e.proposalId },
  })),
  on(MeetingNotFoundError, (e) => ({
    type: 'meeting-not-found',
    title: 'No such meeting',
    status: 404,
    detail: `there is no meeting ${e.meetingId}`,
    extensions: { meetingId: e.meetingId },
  })),
  on(SubscriptionNotFoundError, (e) => ({
    type: 'subscription-not-found',
    title: 'No such subscription',
    status: 404,
    detail: e.message,
  })),
  on(CalendarNotFoundError, (e) => ({
    type: 'calendar-not-found',
    title: 'No such calendar',
    status: 404,
    detail: e.message,
  })),
  on(EventNotPossibleError, (e) => ({
    type: 'not-possible',
    title: 'Not possible in the current phase',
    status: 409,
    // Public names only (DESIGN 5.1): the phase and the actions, never an internal state id.
    detail: `${e.message} (phase ${e.phase}; possible now: ${e.possible.map(actionOf).join(', ') || 'nothing'})`,
    extensions: { phase: e.phase, possibleActions: e.possible.map(actionOf) },
  })),
  on(VoteStillOpenError, (e) => ({
    type: 'vote-still-open',
    title: 'A vote is still open in this meeting',
    status: 409,
    detail: e.message,
    extensions: { meetingId: e.meetingId, proposalIds: e.proposalIds },
  })),
  on(MeetingClosedError, (e) => ({
    type: 'meeting-closed',
    title: 'The meeting is closed',
    status: 409,
    detail: `meeting ${e.meetingId} is closed`,
    extensions: { meetingId: e.meetingId },
  })),
  on(MeetingExistsError, (e) => ({
    type: 'meeting-exists',
    title: 'The meeting exists already',
    status: 409,
    detail: e.message,
  })),
  on(VotingClosedError, (e) => ({
    type: 'voting-closed',
    title: 'No vote is open',
    status: 409,
    detail: `round ${e.round} of proposal ${e.proposalId} ${e.roundExists ? 'is closed' : 'was never opened'}`,
  })),
  on(WithdrawalNoticeExistsError, (e) => ({
    type: 'withdrawal-notice-exists',
    title: 'Notice of withdrawal was given already',
    status: 409,
    detail: e.message,
    extensions: { party: e.party, noticeOn: e.noticeOn, effectiveOn: e.effectiveOn },
  })),
  on(NoWithdrawalNoticeError, (e) => ({
    type: 'no-withdrawal-notice',
    title: 'No notice of withdrawal to revoke',
    status: 409,
    detail: e.message,
    extensions: { party: e.party },
  })),
  on(CovenantChangeNotFoundError, (e) => ({
    type: 'not-found',
    title: 'Not found',
    status: 404,
    detail: e.message,
  })),
  on(NotAMemberError, (e) => ({
    type: 'not-a-member',
    title: 'Not a member of the covenant',
    status: 409,
    detail: e.message,
  })),
  on(ReleaseEntryExistsError, (e) => ({
    type: 'release-entry-exists',
    title: 'The version is in the release calendar already',
    status: 409,
    detail: e.message,
    extensions: { existing: e.existing },
  })),
  on(IdempotencyKeyInUseError, (e) => ({
    type: 'idempotency-key-in-use',
    title: 'A request with this Idempotency-Key is still running',
    status: 409,
    detail: e.message,
    headers: { 'Retry-After': String(e.retryAfterSeconds) },
  })),
  on(VersionConflictError, () => ({
    type: 'conflict',
    title: 'A concurrent change conflicts',
    status: 409,
    detail: 'the proposal changed while this request ran; retry it',
  })),
  on(TransactionConditionError, () => ({
    type: 'conflict',
    title: 'A concurrent change conflicts',
    status: 409,
    detail: 'the request conflicts with a concurrent change; retry it',
  })),
  on(PreconditionFailedError, (e) => ({
    type: 'precondition-failed',
    title: 'The resource changed since you read it',
    status: 412,
    detail: e.message,
    extensions: { current: e.current ?? null },
  })),
  on(OpenProposalLimitError, (e) => ({
    type: 'too-many-open-proposals',
    title: 'Too many open proposals',
    status: 429,
    detail: e.message,
    extensions: { party: e.party, open: e.open, limit: e.limit },
  })),
  on(IdempotencyKeyReuseError, (e) => ({
    type: 'idempotency-key-reuse',
    title: 'Idempotency-Key reused for another request',
    status: 422,
    detail: e.message,
  })),
  on(CovenantRuleError, (e) => covenantRule(e.rule, e.article, e.message, e.details)),
  on(StrategyDeadlineError, (e) =>
    covenantRule('strategy-deadline', '7.4', e.message, {
      strategyDue: e.strategyDue,
      implementationDate: e.implementationDate,
      earliestStrategyDue: e.earliest,
    }),
  ),
  on(QuorumNotMetError, (e) => covenantRule('attendance-quorum', '6.9', e.message, { absent: e.absent })),
  on(NotAVotingPartyError, (e) =>
    covenantRule('vote-by-voting-party', '6.8', e.message, { party: e.partyId }),
  ),
  on(DuplicateBallotError, (e) => covenantRule('duplicate-ballot', '6.8', e.message, { party: e.partyId })),
  on(ConcurrentUpdateError, (e) => ({
    type: 'concurrent-update',
    title: 'Too many concurrent changes',
    status: 503,
    detail: e.message,
    headers: RETRY_SOON,
  })),
];

/** The problem for an unexpected error: says nothing about it (it is logged with the correlation id). */
export const INTERNAL_ERROR: ProblemSpec = {
  type: 'internal-error',
  title: 'Internal error',
  status: 500,
  detail: 'The request failed unexpectedly; quote the correlation id when you report it.',
};

/** The problem for an error, or `undefined` when the error is unexpected. */
export function problemFor(error: unknown): ProblemSpec | undefined {
  const mapping = table.find((m) => error instanceof m.type);
  return mapping?.toProblem(error as Error);
}

/** The problem+json body: the spec tied to the request it answers. */
export function problemBody(spec: ProblemSpec, instance: string, correlationId: string): ProblemBody {
  return {
    ...spec.extensions,
    type: `${PROBLEM_BASE}${spec.type}`,
    title: spec.title,
    status: spec.status,
    detail: spec.detail,
    instance,
    correlationId,
  };
}
