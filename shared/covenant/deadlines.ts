import {
  amsterdamDateOf,
  describeDay,
  endOfAmsterdamDay,
  type Period,
  parseCalendarDate,
  parseInstant,
  shiftDate,
  toUtcInstant,
} from './dates.ts';
import { defaultPolicy, type Policy } from './policy.ts';
import { generalHolidayOn, isNonWorkingDay, nextWorkingDay } from './workingDays.ts';

/** The deadlines of the objection procedure (art. 7.3, 7.4, 7.6). */
export type DeadlineKind = 'arguments' | 'reconsideration' | 'ministry';

/** The part of the policy that deadlines follow. A full {@link Policy} fits. */
export type DeadlinePolicy = Pick<Policy, 'extendDeadlinesOverNonWorkingDays'>;

/** A deadline: it ends at the end of its last day in Amsterdam (DESIGN 2.4). */
export interface Deadline {
  readonly kind: DeadlineKind;
  /** When the period started, UTC ISO-8601. */
  readonly startedAt: string;
  /** The last day on which the step may still be taken, `YYYY-MM-DD` (after any extension). */
  readonly lastDay: string;
  /** The end of `lastDay` in Amsterdam (23:59:59.999 local), as a UTC ISO-8601 instant. */
  readonly due: string;
  /** True when the last day was moved past a non-working day. */
  readonly extended: boolean;
  /** The last day as the covenant counts it, before any extension. */
  readonly unextendedLastDay: string;
  /** Present when the unextended last day is not a working day: what the Algemene termijnenwet gives. */
  readonly advice?: string;
}

/** The end of a calendar day in Amsterdam, as a UTC instant: `2027-05-01` → `2027-05-01T21:59:59.999Z`. */
export function endOfDayInstant(date: string): string {
  return endOfAmsterdamDay(date);
}

function describeNonWorkingDay(date: string): string {
  const holiday = generalHolidayOn(date);
  return holiday ? `${describeDay(date)} (${holiday.name})` : describeDay(date);
}

function extensionAdvice(lastDay: string, workingDay: string, extended: boolean): string {
  const day = `The last day, ${describeNonWorkingDay(lastDay)}, is not a working day`;
  const next = `the next working day, ${describeDay(workingDay)}`;
  return extended
    ? `${day}; as the Algemene termijnenwet does for statutory deadlines, the deadline is extended to ${next}.`
    : `${day}. The Algemene termijnenwet would extend a statutory deadline to ${next}; this deadline is not ` +
        'extended (policy extendDeadlinesOverNonWorkingDays is off).';
}

function deadline(kind: DeadlineKind, startedAt: string, period: Period, policy: DeadlinePolicy): Deadline {
  const unextendedLastDay = shiftDate(amsterdamDateOf(startedAt), period);
  const base = { kind, startedAt: toUtcInstant(startedAt), unextendedLastDay };
  if (!isNonWorkingDay(unextendedLastDay)) {
    return { ...base, lastDay: unextendedLastDay, due: endOfDayInstant(unextendedLastDay), extended: false };
  }
  // DESIGN 2.4: the Algemene termijnenwet (art. 1) moves a last day off a weekend or holiday, if the policy says so.
  const workingDay = nextWorkingDay(unextendedLastDay);
  const extended = policy.extendDeadlinesOverNonWorkingDays;
  const lastDay = extended ? workingDay : unextendedLastDay;
  const advice = extensionAdvice(unextendedLastDay, workingDay, extended);
  return { ...base, lastDay, due: endOfDayInstant(lastDay), extended, advice };
}

/**
 * The objector's deadline to send written arguments and a solution or new proposal: six weeks
 * after lodging; after it the objection lapses. Lodged on Saturday 2027-03-20 → last day
 * Saturday 2027-05-01, due 2027-05-01T21:59:59.999Z.
 * @param lodgedAt when the objection was lodged, ISO-8601 instant.
 */
export function argumentsDeadline(lodgedAt: string, policy: DeadlinePolicy = defaultPolicy): Deadline {
  // art. 7.3: the objector explains its objection in writing within six weeks, or it lapses.
  return deadline('arguments', lodgedAt, { weeks: 6 }, policy);
}

/**
 * The steering group's deadline to discuss the arguments and try again to decide: one week.
 * @param argumentsReceivedAt when the written arguments were sent, ISO-8601 instant.
 */
export function reconsiderationDeadline(
  argumentsReceivedAt: string,
  policy: DeadlinePolicy = defaultPolicy,
): Deadline {
  // art. 7.4: within one week the group discusses the arguments and the new proposal.
  return deadline('reconsideration', argumentsReceivedAt, { weeks: 1 }, policy);
}

/**
 * The ministry's deadline to meet the parties involved: one calendar month after the escalation
 * (31 January → 28 or 29 February; 29 February → 29 March).
 * @param escalatedAt when the escalation went to VWS, ISO-8601 instant.
 */
export function ministryDeadline(escalatedAt: string, policy: DeadlinePolicy = defaultPolicy): Deadline {
  // art. 7.6: VWS meets the parties involved at most one month after the escalation.
  return deadline('ministry', escalatedAt, { months: 1 }, policy);
}

/**
 * Whole seconds from `now` until `due`, rounded up and never negative: a Step Functions timeout.
 * Both are ISO-8601 instants.
 */
export function secondsUntil(due: string, now: string): number {
  const milliseconds = parseInstant(due) - parseInstant(now);
  return Math.max(0, Math.ceil(milliseconds / 1000));
}

/** The days on which no objection to implementing a new version may be lodged, both inclusive. */
export interface ObjectionBlackout {
  /** The first day of the blackout: the implementation date minus one calendar month. */
  readonly from: string;
  /** The last day of the blackout: the agreed implementation date itself. */
  readonly until: string;
}

/**
 * The blackout before an agreed implementation date (`YYYY-MM-DD`): from one calendar month
 * before it (2027-07-01 → from 2027-06-01; 2027-03-31 → from 2027-02-28) up to and including
 * the implementation date itself, on which an objection could no longer pause anything.
 */
export function objectionBlackout(implementationDate: string): ObjectionBlackout {
  // art. 7.4, last sentence: no objection to a new version's implementation within one month before its date.
  const from = shiftDate(implementationDate, { months: -1 });
  return { from, until: implementationDate };
}

/** Whether an instant falls, in Amsterdam, within the objection blackout of an implementation date. */
export function isInObjectionBlackout(at: string, implementationDate: string): boolean {
  const { from, until } = objectionBlackout(implementationDate);
  const day = amsterdamDateOf(at);
  return from <= day && day <= until;
}

/**
 * The day a withdrawal takes effect: three calendar months after the written notice
 * (notice 2027-01-15 → effective 2027-04-15). From that day on the party is no longer a member.
 */
export function withdrawalEffectiveOn(noticeOn: string): string {
  // art. 10: a party may withdraw at any time with three months' notice.
  return shiftDate(noticeOn, { months: 3 });
}

/** The register's `memberUntil` for a notice: the day before the withdrawal takes effect. */
export function memberUntilAfterNotice(noticeOn: string): string {
  return shiftDate(withdrawalEffectiveOn(noticeOn), { days: -1 });
}

/**
 * The next day on which the covenant renews itself: the first anniversary of `signedOn` that
 * falls strictly after the Amsterdam date of `at` (on an anniversary, the next one is a year on).
 * A covenant signed on 29 February renews on 28 February in common years.
 */
export function nextRenewalOn(signedOn: string, at: string): string {
  // art. 9.1: one year from signing, then tacitly renewed by a year each time.
  const today = amsterdamDateOf(at);
  let years = Math.max(1, Number(today.slice(0, 4)) - Number(parseCalendarDate(signedOn).slice(0, 4)));
  while (shiftDate(signedOn, { years }) <= today) years += 1;
  return shiftDate(signedOn, { years });
}
