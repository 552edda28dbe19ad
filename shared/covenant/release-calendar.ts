/**
 * The release calendar (DESIGN 2.4): per standard, each version's agreed implementation date and
 * its implementation-strategy deadline. The objection blackout of art. 7.4 reads this calendar,
 * never a date typed into the proposal being objected to. Pure: every time is an argument.
 */
import { amsterdamDateOf, parseCalendarDate, shiftDate } from './dates.ts';
import { objectionBlackout } from './deadlines.ts';
import { CovenantError } from './errors.ts';
import type { Standard } from './registerSchema.ts';

/** The standards the calendar knows (the covenant's three, art. 2). */
export const RELEASE_STANDARDS: readonly Standard[] = ['iWmo', 'iJw', 'iEb'];

/** A version of a standard: `3.3` or `3.3.1` (numbers without leading zeros, up to four digits). */
export const RELEASE_VERSION = /^(0|[1-9]\d{0,3})\.(0|[1-9]\d{0,3})(\.(0|[1-9]\d{0,3}))?$/;

/** How an entry came into the calendar. */
export type ReleaseSource = 'decision' | 'recorded';

/** One agreed implementation of a standard's version. */
export interface ReleaseCalendarEntry {
  readonly standard: Standard;
  readonly version: string;
  /** The agreed implementation date (implementatiedatum), `YYYY-MM-DD` in Amsterdam. */
  readonly implementationDate: string;
  /** The deadline of the implementation strategy, `YYYY-MM-DD`: at most one month before the date. */
  readonly strategyDue: string;
  /** `decision`: a decision in force set the date; `recorded`: ZIN recorded an earlier agreement. */
  readonly source: ReleaseSource;
  /** The proposal whose decision set the date (source `decision`). */
  readonly proposalId?: string;
  /** When the entry was created, ISO-8601 instant. */
  readonly recordedAt: string;
}

/** What a party states about a version's implementation, before any check. */
export interface ReleaseDates {
  readonly standard: string;
  readonly version: string;
  readonly implementationDate: string;
  readonly strategyDue: string;
}

/** One field of a calendar entry that is not well-formed. */
export interface ReleaseEntryIssue {
  /** The field, e.g. `version`. */
  readonly path: keyof ReleaseDates;
  readonly message: string;
}

/** A calendar entry with a malformed field: unknown standard, version or date. */
export class InvalidReleaseEntryError extends CovenantError {
  readonly issues: readonly ReleaseEntryIssue[];

  constructor(issues: readonly ReleaseEntryIssue[]) {
    super(`Invalid release calendar entry: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'InvalidReleaseEntryError';
    this.issues = issues;
  }
}

/** The implementation-strategy deadline lies outside the month before the implementation date (art. 7.4). */
export class StrategyDeadlineError extends CovenantError {
  constructor(
    readonly strategyDue: string,
    readonly implementationDate: string,
    /** The earliest deadline the covenant allows: the implementation date minus one calendar month. */
    readonly earliest: string,
  ) {
    super(
      `The implementation-strategy deadline ${strategyDue} must lie from ${earliest} up to the implementation ` +
        `date ${implementationDate}: at most one month before it (art. 7.4)`,
    );
    this.name = 'StrategyDeadlineError';
  }
}

/** The calendar holds this standard's version already: a version is agreed once. */
export class ReleaseEntryExistsError extends CovenantError {
  constructor(readonly existing: ReleaseCalendarEntry) {
    super(
      `${existing.standard} ${existing.version} is in the release calendar already, with implementation date ` +
        `${existing.implementationDate} and strategy deadline ${existing.strategyDue}`,
    );
    this.name = 'ReleaseEntryExistsError';
  }
}

const isStandard = (value: string): value is Standard =>
  (RELEASE_STANDARDS as readonly string[]).includes(value);

function isCalendarDate(value: string): boolean {
  try {
    parseCalendarDate(value);
    return true;
  } catch {
    return false;
  }
}

/** Every malformed field of `input` (none when it is well-formed). */
export function releaseEntryIssues(input: ReleaseDates): ReleaseEntryIssue[] {
  const issues: ReleaseEntryIssue[] = [];
  if (!isStandard(input.standard))
    issues.push({ path: 'standard', message: `must be one of ${RELEASE_STANDARDS.join(', ')}` });
  if (!RELEASE_VERSION.test(input.version))
    issues.push({ path: 'version', message: 'must be a version such as 3.3 or 3.3.1' });
  for (const path of ['implementationDate', 'strategyDue'] as const)
    if (!isCalendarDate(input[path])) issues.push({ path, message: 'must be a calendar date YYYY-MM-DD' });
  return issues;
}

/**
 * The days on which an implementation strategy may be due: from one calendar month before the
 * implementation date (2027-03-31 → 2027-02-28; 2028-03-31 → 2028-02-29) up to the date itself.
 */
export function strategyDeadlineWindow(implementationDate: string): { earliest: string; latest: string } {
  // art. 7.4: "met een deadline van maximaal één (1) maand voorafgaand aan de implementatiedatum".
  const earliest = shiftDate(implementationDate, { months: -1 });
  return { earliest, latest: implementationDate };
}

/**
 * Checks an entry's dates as the covenant asks, and returns them with the standard typed.
 * @throws InvalidReleaseEntryError naming every malformed field
 * @throws StrategyDeadlineError when the strategy is due before the month before the date, or after the date
 */
export function checkReleaseDates(input: ReleaseDates): ReleaseDates & { readonly standard: Standard } {
  const issues = releaseEntryIssues(input);
  if (issues.length > 0 || !isStandard(input.standard)) throw new InvalidReleaseEntryError(issues);
  const { earliest, latest } = strategyDeadlineWindow(input.implementationDate);
  // Dates YYYY-MM-DD compare as strings.
  if (input.strategyDue < earliest || input.strategyDue > latest)
    throw new StrategyDeadlineError(input.strategyDue, input.implementationDate, earliest);
  return { ...input, standard: input.standard };
}

/** What the blackout reads of an entry: which version of which standard, agreed for which date. */
export type AgreedDate = Pick<ReleaseCalendarEntry, 'standard' | 'version' | 'implementationDate'>;

/** An entry of the calendar whose implementation date shuts objections out now. */
export type CalendarBlackout<E extends AgreedDate = ReleaseCalendarEntry> = E & {
  /** The first day of the blackout: the implementation date minus one calendar month. */
  readonly blackoutFrom: string;
};

/**
 * The entry of one of `standards` whose agreed implementation date shuts out, at `at`, an
 * objection to the implementation of a new version (art. 7.4, last sentence), or undefined.
 *
 * How "in de periode van één maand voorafgaand aan een eerder overeengekomen implementatiedatum"
 * is read (the same reading as `objectionBlackout`): the month is counted back from the agreed
 * date, in Amsterdam calendar days, so the blackout runs from the implementation date minus one
 * calendar month (2027-07-01 → from 2027-06-01; 2027-03-31 → from 2027-02-28) up to and including
 * the implementation date itself. The date itself is included because the sentence protects an
 * agreed date from a late objection: an objection lodged on the day the version goes live is later
 * still, and excluding that one day would open a window the covenant means to keep shut. Counting
 * back from the date (not forward from `at`) matters at month ends: on 2027-02-28 the blackout of
 * 2027-03-31 has begun, although 2027-02-28 plus a month is only 2027-03-28.
 *
 * When several entries shut objections out, the one with the earliest implementation date is
 * returned (then by standard and version), so the answer does not depend on the calendar's order.
 * @param at - an ISO-8601 instant; its Amsterdam calendar day counts
 */
export function findBlackout<E extends AgreedDate>(
  entries: readonly E[],
  standards: readonly string[],
  at: string,
): CalendarBlackout<E> | undefined {
  const today = amsterdamDateOf(at);
  const shutting = entries
    .filter((entry) => standards.includes(entry.standard))
    .map((entry) => ({ entry, window: objectionBlackout(entry.implementationDate) }))
    .filter(({ window }) => window.from <= today && today <= window.until)
    .sort((a, b) => compareEntries(a.entry, b.entry));
  const first = shutting[0];
  return first && { ...first.entry, blackoutFrom: first.window.from };
}

/**
 * Why an objection is refused during a blackout, naming the version and its agreed date, with the
 * details a refusal carries (for the objection guard's 422).
 */
export function describeBlackout(blackout: CalendarBlackout<AgreedDate>): {
  readonly reason: string;
  readonly details: CalendarBlackout<AgreedDate>;
} {
  const { standard, version, implementationDate, blackoutFrom } = blackout;
  return {
    reason:
      `no objection to implementing a new version of ${standard} is possible from ${blackoutFrom} up to and ` +
      `including ${implementationDate}, the agreed implementation date of ${standard} ${version} (art. 7.4)`,
    details: { standard, version, implementationDate, blackoutFrom },
  };
}

/** Calendar order: by implementation date, then standard, then version. */
export function compareEntries(a: AgreedDate, b: AgreedDate): number {
  return (
    a.implementationDate.localeCompare(b.implementationDate) ||
    a.standard.localeCompare(b.standard) ||
    a.version.localeCompare(b.version, 'en', { numeric: true })
  );
}

/** A decision in force that sets an implementation date: the proposal's fields that say so. */
export interface DecisionWithImplementationDate {
  readonly proposalId: string;
  readonly standards: readonly string[];
  readonly version: string;
  readonly implementationDate: string;
  /** The strategy deadline the decision set, if it set one. @default the date minus one calendar month */
  readonly strategyDue?: string;
}

/**
 * The calendar entry of one standard that a decision in force creates. Without its own strategy
 * deadline the decision gets the one furthest from the date that art. 7.4 allows ("maximaal één maand
 * voorafgaand"): the implementation date minus one calendar month, the day the objection blackout begins.
 * @param inForceAt - when the decision came into force (the entry's `recordedAt`), ISO-8601 instant
 * @throws InvalidReleaseEntryError, StrategyDeadlineError as {@link checkReleaseDates}
 */
export function entryFromDecision(
  decision: Omit<DecisionWithImplementationDate, 'standards'>,
  standard: string,
  inForceAt: string,
): ReleaseCalendarEntry {
  const { implementationDate, version, proposalId } = decision;
  const strategyDue = decision.strategyDue ?? strategyDeadlineWindow(implementationDate).earliest;
  const dates = checkReleaseDates({ standard, version, implementationDate, strategyDue });
  return { ...dates, source: 'decision', proposalId, recordedAt: inForceAt };
}

/** The entries a decision in force creates: one per standard it concerns, each for the decision's version. */
export function entriesFromDecision(
  decision: DecisionWithImplementationDate,
  inForceAt: string,
): ReleaseCalendarEntry[] {
  return [...new Set(decision.standards)].map((standard) => entryFromDecision(decision, standard, inForceAt));
}
