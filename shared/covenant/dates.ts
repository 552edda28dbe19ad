import { DateTime } from 'luxon';
import { InvalidDateError } from './errors.ts';

/** Every covenant period is counted in Dutch local time (DESIGN 2.4). */
export const COVENANT_ZONE = 'Europe/Amsterdam';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T[^Z+]*(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Reads a calendar date (`YYYY-MM-DD`) as the start of that day in Amsterdam.
 * @throws InvalidDateError when the string is not a real calendar date in that form.
 */
export function parseCalendarDate(date: string): DateTime<true> {
  const parsed = DateTime.fromISO(date, { zone: COVENANT_ZONE });
  if (!CALENDAR_DATE.test(date) || !parsed.isValid) {
    throw new InvalidDateError(date, 'a calendar date YYYY-MM-DD');
  }
  return parsed;
}

/**
 * Reads an ISO-8601 instant that names its offset (`2027-03-01T09:00:00.000Z`), in Amsterdam time.
 * An instant without an offset is refused: reading it in some default zone would hide a bug.
 * @throws InvalidDateError when the string is not such an instant.
 */
export function parseInstant(instant: string): DateTime<true> {
  const parsed = DateTime.fromISO(instant, { zone: COVENANT_ZONE });
  if (!INSTANT_WITH_OFFSET.test(instant) || !parsed.isValid) {
    throw new InvalidDateError(
      instant,
      'an ISO-8601 instant with Z or an offset, e.g. 2027-03-01T09:00:00.000Z',
    );
  }
  return parsed;
}

/** Formats a date-time as a UTC ISO-8601 instant with milliseconds (`…T21:59:59.999Z`). */
export function toUtcInstant(dateTime: DateTime<true>): string {
  return dateTime.toUTC().toISO();
}

/**
 * The calendar date (`YYYY-MM-DD`) of a date-time that is in the Amsterdam zone, as every
 * date-time the parsers here return is (and stays through `plus` and `minus`).
 */
export function toCalendarDate(dateTime: DateTime<true>): string {
  if (dateTime.zoneName !== COVENANT_ZONE) {
    throw new InvalidDateError(dateTime.toISO(), `a date-time in ${COVENANT_ZONE}`);
  }
  return dateTime.toISODate();
}

/** The Amsterdam calendar date on which an instant falls. */
export function amsterdamDateOf(instant: string): string {
  return toCalendarDate(parseInstant(instant));
}

/** The English weekday and date, e.g. `Saturday 2027-05-01`, for messages. */
export function describeDay(date: string): string {
  return `${parseCalendarDate(date).setLocale('en').toFormat('cccc')} ${date}`;
}

/** The instant's local time in Amsterdam to the minute, `YYYY-MM-DD HH:mm`: how minutes date what happened. */
export function amsterdamMinuteOf(instant: string): string {
  return parseInstant(instant).toFormat('yyyy-MM-dd HH:mm');
}
