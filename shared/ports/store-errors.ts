// Errors the store port promises. They describe what happened in the domain's terms; the HTTP
// layer maps them to problem+json. Match them with instanceof.

/**
 * The request named the version it saw (`If-Match`), and the proposal has moved past it: the change
 * is not made, the transaction refused it (RFC 9110 13.1.1: 412).
 */
export class ExpectedVersionError extends Error {
  constructor(
    readonly proposalId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(
      `proposal ${proposalId} is at version ${actualVersion}, not ${expectedVersion} as the request expected`,
    );
    this.name = 'ExpectedVersionError';
  }
}

/** The proposal is not at the version the caller read: someone else changed it first (or it does not exist). */
export class VersionConflictError extends Error {
  /**
   * @param actualVersion - the version found, when the store reported it; undefined when the
   *   proposal does not exist (or the store did not say)
   */
  constructor(
    readonly proposalId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | undefined,
  ) {
    super(
      `proposal ${proposalId} is not at version ${expectedVersion}` +
        (actualVersion === undefined ? '' : ` (it is at ${actualVersion})`),
    );
    this.name = 'VersionConflictError';
  }
}

/** A condition of another write in a transition's transaction failed. */
export class TransactionConditionError extends Error {
  /**
   * @param operation - which write failed, e.g. `effects[0] Update PROPOSAL#p1 / ROUND#0001`
   * @param index - its position in the transaction
   */
  constructor(
    readonly operation: string,
    readonly index: number,
  ) {
    super(`condition failed on ${operation}`);
    this.name = 'TransactionConditionError';
  }
}

/** A new proposal's party has `limit` open proposals already: the count's condition refused it. */
export class OpenProposalCountError extends Error {
  constructor(
    readonly party: string,
    readonly limit: number,
  ) {
    super(`${party} has ${limit} open proposals already`);
    this.name = 'OpenProposalCountError';
  }
}

/** No such proposal. */
export class ProposalNotFoundError extends Error {
  constructor(readonly proposalId: string) {
    super(`no proposal ${proposalId}`);
    this.name = 'ProposalNotFoundError';
  }
}

/** A ballot came when the round was not open: closed already, or never opened. */
export class VotingClosedError extends Error {
  constructor(
    readonly proposalId: string,
    readonly round: number,
    /** False when the round does not exist at all. */
    readonly roundExists: boolean,
  ) {
    super(`voting round ${round} of proposal ${proposalId} ${roundExists ? 'is closed' : 'does not exist'}`);
    this.name = 'VotingClosedError';
  }
}

/** No such meeting. */
export class MeetingNotFoundError extends Error {
  constructor(readonly meetingId: string) {
    super(`no meeting ${meetingId}`);
    this.name = 'MeetingNotFoundError';
  }
}

/** The meeting is closed: its attendance and status can no longer change. */
export class MeetingClosedError extends Error {
  constructor(readonly meetingId: string) {
    super(`meeting ${meetingId} is closed`);
    this.name = 'MeetingClosedError';
  }
}

/**
 * The chair closes a meeting while a vote is still open in it: close the vote first. The closing's
 * own transaction found these proposals in a voting phase of this meeting (art. 7.2: a decision
 * taken after its meeting closed would have no objection window).
 */
export class VoteStillOpenError extends Error {
  constructor(
    readonly meetingId: string,
    readonly proposalIds: readonly string[],
  ) {
    super(
      `a vote is still open in meeting ${meetingId} on ${proposalIds.join(', ')}: close it before the meeting`,
    );
    this.name = 'VoteStillOpenError';
  }
}

/**
 * The meeting's agenda is too long to be checked in the one transaction that closes it (DynamoDB
 * takes at most 100 items in a transaction): the meeting is not closed.
 */
export class AgendaTooLargeError extends Error {
  constructor(
    readonly meetingId: string,
    readonly agendaSize: number,
    readonly limit: number,
  ) {
    super(
      `meeting ${meetingId} has ${agendaSize} proposals on its agenda; a meeting closes with at most ${limit}: take some off the agenda first`,
    );
    this.name = 'AgendaTooLargeError';
  }
}

/** A meeting with this id exists already. */
export class MeetingExistsError extends Error {
  constructor(readonly meetingId: string) {
    super(`meeting ${meetingId} exists already`);
    this.name = 'MeetingExistsError';
  }
}

/** The idempotency record is no longer the one this request began (expired and taken over, or another body). */
export class IdempotencyConflictError extends Error {
  constructor(
    readonly party: string,
    readonly key: string,
  ) {
    super(`idempotency key ${key} of ${party} is no longer held by this request`);
    this.name = 'IdempotencyConflictError';
  }
}

/** A page cursor that this store did not hand out (garbled, edited, or from another list). */
export class InvalidCursorError extends Error {
  constructor() {
    super('the cursor is not one this list handed out; start again without it');
    this.name = 'InvalidCursorError';
  }
}
