/**
 * Every problem type the API answers (RFC 9457): its slug (the last segment of the `type` URI) and
 * its HTTP status. The catalogues give each one a title and a documentation text in every language;
 * `GET /problems/{slug}` serves that text, so every `type` the API writes resolves.
 */

/** The slugs, with the status each is answered with. */
export const PROBLEM_TYPES = {
  'invalid-request': 400,
  'unknown-party': 400,
  unauthenticated: 401,
  forbidden: 403,
  'forbidden-host': 403,
  'invalid-host': 400,
  'not-found': 404,
  'route-not-found': 404,
  'proposal-not-found': 404,
  'meeting-not-found': 404,
  'subscription-not-found': 404,
  'calendar-not-found': 404,
  'method-not-allowed': 405,
  'not-possible': 409,
  'vote-still-open': 409,
  'meeting-closed': 409,
  'meeting-exists': 409,
  'voting-closed': 409,
  'withdrawal-notice-exists': 409,
  'no-withdrawal-notice': 409,
  'not-a-member': 409,
  'release-entry-exists': 409,
  'idempotency-key-in-use': 409,
  conflict: 409,
  'precondition-failed': 412,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'idempotency-key-reuse': 422,
  'attendance-quorum': 422,
  'objection-blackout': 422,
  'objection-window': 422,
  'objection-already-lodged': 422,
  'vote-in-scheduled-meeting': 422,
  'vote-by-voting-party': 422,
  'vote-by-member': 422,
  'duplicate-ballot': 422,
  'missing-ballots': 422,
  'ballot-in-the-room': 422,
  'accountability-for-abstention': 422,
  'accountability-not-asked': 422,
  'deadline-passed': 422,
  'decision-text': 422,
  'note-already-approved': 422,
  'meeting-not-held': 422,
  'strategy-deadline': 422,
  'invalid-register-change': 422,
  'not-a-signatory': 422,
  'change-effective-date': 422,
  'too-many-open-proposals': 429,
  'too-many-requests': 429,
  'internal-error': 500,
  'concurrent-update': 503,
  'web-app-not-built': 503,
} as const satisfies Readonly<Record<string, number>>;

/** A problem type's slug. */
export type ProblemSlug = keyof typeof PROBLEM_TYPES;

/** Whether `slug` names a problem type of this API. */
export const isProblemSlug = (slug: string): slug is ProblemSlug => Object.hasOwn(PROBLEM_TYPES, slug);

/** The path every problem type's URI starts with: relative, resolved against the request (RFC 9457 3.1.1). */
export const PROBLEM_PATH = '/v1/problems/';
