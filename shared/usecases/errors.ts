/**
 * Why a use case refused a request. Domain errors: they know nothing of HTTP; shared/http/problems.ts
 * maps them (and dispatch's and the store's) to problem+json.
 */

/** Parties named in a request that the register does not know. */
export class UnknownPartiesError extends Error {
  constructor(
    readonly parties: readonly string[],
    readonly field: string,
  ) {
    super(`not in the party register: ${parties.join(', ')}`);
    this.name = 'UnknownPartiesError';
  }
}

/** The party gave notice of withdrawal already (art. 10); a second notice would move its date. */
export class WithdrawalNoticeExistsError extends Error {
  constructor(
    readonly party: string,
    readonly noticeOn: string,
    readonly effectiveOn: string,
  ) {
    super(`${party} gave notice of withdrawal on ${noticeOn}; it takes effect on ${effectiveOn}`);
    this.name = 'WithdrawalNoticeExistsError';
  }
}

/** The party's membership has ended (or not begun) on the date: it cannot give notice (art. 10). */
export class NotAMemberError extends Error {
  constructor(
    readonly party: string,
    readonly date: string,
  ) {
    super(`${party} is not a member of the covenant on ${date}`);
    this.name = 'NotAMemberError';
  }
}

/** An `Idempotency-Key` reused with another request (another body or route). */
export class IdempotencyKeyReuseError extends Error {
  constructor(readonly key: string) {
    super(`Idempotency-Key "${key}" was used before with another request; use a new key for a new request`);
    this.name = 'IdempotencyKeyReuseError';
  }
}

/** The request that first used this `Idempotency-Key` is still running. */
export class IdempotencyKeyInUseError extends Error {
  constructor(
    readonly key: string,
    /** When the claim lapses if its request died; a retry then runs. */
    readonly retryAfterSeconds = 1,
  ) {
    super(`a request with Idempotency-Key "${key}" is still being processed; retry shortly`);
    this.name = 'IdempotencyKeyInUseError';
  }
}

// The store's transaction that closes a meeting refuses it (shared/store/meetings.ts); one class.
export { VoteStillOpenError } from '#shared/ports/store-errors.ts';

/** The party has as many open proposals as it may have (issue 17, row 4): it tables no more for now. */
export class OpenProposalLimitError extends Error {
  constructor(
    readonly party: string,
    readonly open: number,
    readonly limit: number,
  ) {
    super(
      `${party} has ${open} open proposals, the most a party may have at once (${limit}); ` +
        'withdraw one, or table the next once the steering group has dealt with one',
    );
    this.name = 'OpenProposalLimitError';
  }
}

/** The party has no pending notice of withdrawal to revoke (none, or it took effect already). */
export class NoWithdrawalNoticeError extends Error {
  constructor(readonly party: string) {
    super(`${party} has no notice of withdrawal that has yet to take effect`);
    this.name = 'NoWithdrawalNoticeError';
  }
}

/** No covenant change with this id. */
export class CovenantChangeNotFoundError extends Error {
  constructor(readonly changeId: string) {
    super(`no covenant change ${changeId}`);
    this.name = 'CovenantChangeNotFoundError';
  }
}
