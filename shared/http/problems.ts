/**
 * The ONE table from errors to RFC 9457 problems. Every error a request can meet is matched here by
 * `instanceof` (never by message or name); anything unmatched is an unexpected error: 500. Titles and
 * details come from the message catalogue of the request's language (shared/messages): Dutch unless
 * the request asks for English.
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
  type Language,
  PROBLEM_PATH,
  type ProblemMessages,
  type ProblemSlug,
  problemMessagesFor,
} from '#shared/messages/index.ts';
import {
  AgendaTooLargeError,
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
  ProblemTypeNotFoundError,
  RouteNotFoundError,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
} from './errors.ts';

/**
 * Every problem type's URI starts here; the last segment is the stable slug. Relative (RFC 9457
 * 3.1.1: resolved against the request's URI), so it resolves on every host the API answers on:
 * `GET /v1/problems/{slug}` documents the type.
 */
export const PROBLEM_BASE = PROBLEM_PATH;

/** A problem before it is tied to a request (`instance`, correlation id). */
export interface ProblemSpec {
  /** The slug: the last segment of the type URI, e.g. `attendance-quorum`. */
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** The language `title` and `detail` are written in: the reply's `Content-Language`. */
  readonly language?: Language;
}

/** A problem of type `slug` in the words of `m`: its catalogue title and the given detail. */
const spec = (
  m: ProblemMessages,
  slug: ProblemSlug,
  status: number,
  detail: string,
  more: Pick<ProblemSpec, 'extensions' | 'headers'> = {},
): ProblemSpec => ({
  type: slug,
  title: m.problems[slug].title,
  status,
  detail,
  ...more,
  language: m.language,
});

/** A refusal whose reason the core wrote: the detail as the catalogue gives it. */
const fromCore = (
  m: ProblemMessages,
  slug: ProblemSlug,
  status: number,
  error: Error,
  more: Pick<ProblemSpec, 'extensions' | 'headers'> = {},
) => spec(m, slug, status, m.problemDetails.fromCore(slug, error.message), more);

/** A covenant rule the model names (CovenantRuleError.rule); each rule is its own problem type. */
const covenantRule = (
  m: ProblemMessages,
  rule: string,
  article: string,
  reason: string,
  details = {},
): ProblemSpec => {
  const slug: ProblemSlug = rule in m.problems ? (rule as ProblemSlug) : 'invalid-request';
  return {
    ...spec(m, slug, 422, m.problemDetails.covenantRule(slug, article, reason, details)),
    type: rule,
    extensions: { rule, article, ...details },
  };
};

const RETRY_SOON = { 'Retry-After': '1' };

// biome-ignore lint/suspicious/noExplicitAny: the table holds mappers of many error classes.
type ErrorClass<E> = abstract new (...args: any[]) => E;
interface Mapping<E extends Error = Error> {
  readonly type: ErrorClass<E>;
  readonly toProblem: (error: E, m: ProblemMessages) => ProblemSpec;
}
const on = <E extends Error>(
  type: ErrorClass<E>,
  toProblem: (error: E, m: ProblemMessages) => ProblemSpec,
): Mapping => ({ type, toProblem }) as unknown as Mapping;

const table: readonly Mapping[] = [
  on(InvalidRequestError, (e, m) =>
    spec(
      m,
      'invalid-request',
      400,
      m.problemDetails.invalidRequest(
        e.errors.map((i) => i.path),
        e.message,
      ),
      {
        extensions: { errors: e.errors },
      },
    ),
  ),
  on(InvalidCursorError, (e, m) =>
    fromCore(m, 'invalid-request', 400, e, {
      extensions: { errors: [{ path: 'query.cursor', message: e.message }] },
    }),
  ),
  on(UnknownPartiesError, (e, m) =>
    fromCore(m, 'unknown-party', 400, e, {
      extensions: {
        parties: e.parties,
        errors: e.parties.map((p) => ({ path: e.field, message: `unknown party "${p}"` })),
      },
    }),
  ),
  on(UnknownPartyError, (e, m) =>
    fromCore(m, 'unknown-party', 400, e, { extensions: { parties: [e.partyId] } }),
  ),
  on(InvalidDateError, (e, m) => fromCore(m, 'invalid-request', 400, e)),
  on(InvalidReleaseEntryError, (e, m) => {
    const errors = e.issues.map((i) => ({ path: `body.${i.path}`, message: i.message }));
    const detail = m.problemDetails.invalidRequest(
      errors.map((i) => i.path),
      e.message,
    );
    return spec(m, 'invalid-request', 400, detail, { extensions: { errors } });
  }),
  on(WebhookUrlRefusedError, (e, m) =>
    fromCore(m, 'invalid-request', 400, e, {
      extensions: { errors: [{ path: 'body.url', message: e.reason }] },
    }),
  ),
  on(UnauthenticatedError, (e, m) =>
    fromCore(m, 'unauthenticated', 401, e, { headers: { 'WWW-Authenticate': 'Bearer' } }),
  ),
  on(ForbiddenEventError, (e, m) => fromCore(m, 'forbidden', 403, e)),
  on(CallerNotAllowedError, (e, m) => fromCore(m, 'forbidden', 403, e)),
  on(UnsupportedMediaTypeError, (e, m) => fromCore(m, 'unsupported-media-type', 415, e)),
  on(RouteNotFoundError, (e, m) => fromCore(m, 'route-not-found', 404, e)),
  on(ProblemTypeNotFoundError, (e, m) =>
    spec(m, 'not-found', 404, m.problemDetails.noSuchProblemType(e.slug)),
  ),
  on(ProposalNotFoundError, (e, m) =>
    spec(m, 'proposal-not-found', 404, m.problemDetails.proposalNotFound(e.proposalId), {
      extensions: { proposalId: e.proposalId },
    }),
  ),
  on(MeetingNotFoundError, (e, m) =>
    spec(m, 'meeting-not-found', 404, m.problemDetails.meetingNotFound(e.meetingId), {
      extensions: { meetingId: e.meetingId },
    }),
  ),
  on(SubscriptionNotFoundError, (e, m) => fromCore(m, 'subscription-not-found', 404, e)),
  on(CalendarNotFoundError, (e, m) => fromCore(m, 'calendar-not-found', 404, e)),
  on(EventNotPossibleError, (e, m) => {
    // Public names only (DESIGN 5.1): the phase and the actions, never an internal state id.
    const possible = e.possible.map(actionOf);
    const detail =
      m.language === 'en'
        ? `${e.message} (phase ${e.phase}; possible now: ${possible.join(', ') || 'nothing'})`
        : m.problemDetails.notPossible(e.phase, possible);
    return spec(m, 'not-possible', 409, detail, {
      extensions: { phase: e.phase, possibleActions: possible },
    });
  }),
  on(VoteStillOpenError, (e, m) =>
    fromCore(m, 'vote-still-open', 409, e, {
      extensions: { meetingId: e.meetingId, proposalIds: e.proposalIds },
    }),
  ),
  on(AgendaTooLargeError, (e, m) =>
    fromCore(m, 'conflict', 409, e, {
      extensions: { meetingId: e.meetingId, agendaSize: e.agendaSize, limit: e.limit },
    }),
  ),
  on(MeetingClosedError, (e, m) =>
    spec(m, 'meeting-closed', 409, m.problemDetails.meetingClosed(e.meetingId), {
      extensions: { meetingId: e.meetingId },
    }),
  ),
  on(MeetingExistsError, (e, m) => fromCore(m, 'meeting-exists', 409, e)),
  on(VotingClosedError, (e, m) =>
    spec(m, 'voting-closed', 409, m.problemDetails.votingClosed(e.round, e.proposalId, e.roundExists)),
  ),
  on(WithdrawalNoticeExistsError, (e, m) =>
    fromCore(m, 'withdrawal-notice-exists', 409, e, {
      extensions: { party: e.party, noticeOn: e.noticeOn, effectiveOn: e.effectiveOn },
    }),
  ),
  on(NoWithdrawalNoticeError, (e, m) =>
    fromCore(m, 'no-withdrawal-notice', 409, e, { extensions: { party: e.party } }),
  ),
  on(CovenantChangeNotFoundError, (e, m) => fromCore(m, 'not-found', 404, e)),
  on(NotAMemberError, (e, m) => fromCore(m, 'not-a-member', 409, e)),
  on(ReleaseEntryExistsError, (e, m) =>
    fromCore(m, 'release-entry-exists', 409, e, { extensions: { existing: e.existing } }),
  ),
  on(IdempotencyKeyInUseError, (e, m) =>
    fromCore(m, 'idempotency-key-in-use', 409, e, {
      headers: { 'Retry-After': String(e.retryAfterSeconds) },
    }),
  ),
  on(VersionConflictError, (_e, m) => spec(m, 'conflict', 409, m.problemDetails.proposalChanged)),
  on(TransactionConditionError, (_e, m) => spec(m, 'conflict', 409, m.problemDetails.concurrentChange)),
  on(PreconditionFailedError, (e, m) =>
    fromCore(m, 'precondition-failed', 412, e, { extensions: { current: e.current ?? null } }),
  ),
  on(OpenProposalLimitError, (e, m) =>
    fromCore(m, 'too-many-open-proposals', 429, e, {
      extensions: { party: e.party, open: e.open, limit: e.limit },
    }),
  ),
  on(IdempotencyKeyReuseError, (e, m) => fromCore(m, 'idempotency-key-reuse', 422, e)),
  on(CovenantRuleError, (e, m) => covenantRule(m, e.rule, e.article, e.message, e.details)),
  on(StrategyDeadlineError, (e, m) =>
    covenantRule(m, 'strategy-deadline', '7.4', e.message, {
      strategyDue: e.strategyDue,
      implementationDate: e.implementationDate,
      earliestStrategyDue: e.earliest,
    }),
  ),
  on(QuorumNotMetError, (e, m) =>
    covenantRule(m, 'attendance-quorum', '6.9', e.message, { absent: e.absent }),
  ),
  on(NotAVotingPartyError, (e, m) =>
    covenantRule(m, 'vote-by-voting-party', '6.8', e.message, { party: e.partyId }),
  ),
  on(DuplicateBallotError, (e, m) =>
    covenantRule(m, 'duplicate-ballot', '6.8', e.message, { party: e.partyId }),
  ),
  on(ConcurrentUpdateError, (e, m) => fromCore(m, 'concurrent-update', 503, e, { headers: RETRY_SOON })),
];

/** The problem for an unexpected error in `language`: says nothing about it (it is logged with the correlation id). */
export const internalError = (language: Language = 'nl'): ProblemSpec => {
  const m = problemMessagesFor(language);
  return spec(m, 'internal-error', 500, m.problemDetails.internalError);
};

/** The problem for an unexpected error, in Dutch. */
export const INTERNAL_ERROR: ProblemSpec = internalError('nl');

/** The problem for an error in `language` (Dutch by default), or `undefined` when the error is unexpected. */
export function problemFor(error: unknown, language: Language = 'nl'): ProblemSpec | undefined {
  const mapping = table.find((m) => error instanceof m.type);
  return mapping?.toProblem(error as Error, problemMessagesFor(language));
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
