/**
 * The covenant's domain errors. They name the rule that refused something and the value that was
 * refused; they know nothing of HTTP (one table elsewhere maps them to problem+json).
 */

/** Base class of every error the covenant rules raise; match subclasses with `instanceof`. */
export class CovenantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CovenantError';
  }
}

/** One problem found while validating the party register. */
export interface RegisterIssue {
  /** Where the problem is, e.g. `parties[3].votes`. */
  readonly path: string;
  /** What is wrong, in words. */
  readonly message: string;
  /** The value found at `path`. */
  readonly value: unknown;
}

/** The party register (DESIGN 2.1) is not valid; `issues` lists every problem found. */
export class RegisterValidationError extends CovenantError {
  readonly issues: readonly RegisterIssue[];

  constructor(issues: readonly RegisterIssue[]) {
    const lines = issues.map((i) => `${i.path}: ${i.message} (received ${JSON.stringify(i.value)})`);
    super(`Invalid party register: ${lines.join('; ')}`);
    this.name = 'RegisterValidationError';
    this.issues = issues;
  }
}

/** A party id that is not in the register. */
export class UnknownPartyError extends CovenantError {
  readonly partyId: string;

  constructor(partyId: string) {
    super(`Unknown party "${partyId}": it is not in the party register`);
    this.name = 'UnknownPartyError';
    this.partyId = partyId;
  }
}

/** A ballot from a party that may not vote on the given date (art. 6.8). */
export class NotAVotingPartyError extends CovenantError {
  readonly partyId: string;
  readonly date: string;

  constructor(partyId: string, date: string, reason: string) {
    super(`Party ${partyId} may not vote on ${date}: ${reason} (art. 6.8)`);
    this.name = 'NotAVotingPartyError';
    this.partyId = partyId;
    this.date = date;
  }
}

/** Two ballots from one party in one vote: a party votes once, as one bloc (art. 6.8). */
export class DuplicateBallotError extends CovenantError {
  readonly partyId: string;

  constructor(partyId: string) {
    super(
      `Party ${partyId} cast more than one ballot; a party casts all its votes once, as one bloc (art. 6.8)`,
    );
    this.name = 'DuplicateBallotError';
    this.partyId = partyId;
  }
}

/** A vote was asked for while not every voting party is present (art. 6.9). */
export class QuorumNotMetError extends CovenantError {
  readonly absent: readonly string[];

  constructor(absent: readonly string[]) {
    const who = absent.length > 0 ? `absent: ${absent.join(', ')}` : 'there are no voting parties';
    super(`Attendance quorum not met; all voting parties must be present to vote (art. 6.9), ${who}`);
    this.name = 'QuorumNotMetError';
    this.absent = absent;
  }
}

/** A date or instant string that is not in the expected ISO-8601 form. */
export class InvalidDateError extends CovenantError {
  readonly value: string;

  constructor(value: string, expected: string) {
    super(`Invalid date "${value}": expected ${expected}`);
    this.name = 'InvalidDateError';
    this.value = value;
  }
}
