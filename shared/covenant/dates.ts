/**
 * The covenant's dates (DESIGN 2.4): calendar dates as `YYYY-MM-DD` strings, instants as ISO-8601
 * strings, and Amsterdam's wall clock from `@date-fns/tz` (a few KiB; the zone rules are the
 * runtime's own Intl data). Calendar arithmetic is done on the date itself, as the covenant counts:
 * "six weeks", "one calendar month" (31 January + 1 month = 28/29 February) do not depend on the zone.
 */
import { TZDate } from '@date-fns/tz';
import { InvalidDateError } from './errors.ts';

/** Every covenant period is counted in Dutch local time (DESIGN 2.4). */
export const COVENANT_ZONE = 'Europe/Amsterdam';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DAY_MS = 86_400_000;

/** A period of the covenant: calendar years, months, weeks and days (negative to count back). */
export interface Period {
  readonly years?: number;
  readonly months?: number;
  readonly weeks?: number;
  readonly days?: number;
}

/** Year, month (1–12) and day of a valid calendar date, or undefined. */
function datePartsOf(date: string): readonly [number, number, number] | undefined {
  const match = CALENDAR_DATE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(year, month - 1, day));
  const real = utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
  return real && year >= 1000 ? [year, month, day] : undefined;
}

/** `2027-05-01` for a UTC midnight. */
const isoDateOfUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Checks a calendar date (`YYYY-MM-DD`) and gives it back.
 * @throws InvalidDateError when the string is not a real calendar date in that form.
 */
export function parseCalendarDate(date: string): string {
  if (!datePartsOf(date)) throw new InvalidDateError(date, 'a calendar date YYYY-MM-DD');
  return date;
}

/**
 * The epoch milliseconds of an ISO-8601 instant that names its offset (`2027-03-01T09:00:00.000Z`).
 * An instant without an offset is refused: reading it in some default zone would hide a bug.
 * @throws InvalidDateError when the string is not such an instant.
 */
export function parseInstant(instant: string): number {
  const match = INSTANT_WITH_OFFSET.exec(instant);
  const ms = match ? Date.parse(instant.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : Number.NaN;
  const [hour, minute, second] = match ? [Number(match[4]), Number(match[5]), Number(match[6] ?? 0)] : [];
  const valid =
    match !== null &&
    datePartsOf(`${match[1]}-${match[2]}-${match[3]}`) !== undefined &&
    (hour ?? 99) <= 23 &&
    (minute ?? 99) <= 59 &&
    (second ?? 99) <= 59 &&
    Number.isFinite(ms);
  if (!valid) {
    throw new InvalidDateError(
      instant,
      'an ISO-8601 instant with Z or an offset, e.g. 2027-03-01T09:00:00.000Z',
    );
  }
  return ms;
}

/** An instant as a UTC ISO-8601 instant with milliseconds (`…T21:59:59.999Z`). @throws InvalidDateError */
export function toUtcInstant(instant: string): string {
  return new Date(parseInstant(instant)).toISOString();
}

/**
 * `date` moved by `period`, as a calendar counts: years and months first (a day past the end of the
 * target month becomes its last day: 2027-01-31 + 1 month = 2027-02-28, 2028-02-29 + 1 year =
 * 2029-02-28), then weeks and days. @throws InvalidDateError when `date` is not a calendar date
 */
export function shiftDate(date: string, period: Period): string {
  const parts = datePartsOf(date);
  if (!parts) throw new InvalidDateError(date, 'a calendar date YYYY-MM-DD');
  const [year, month, day] = parts;
  const monthIndex = year * 12 + (month - 1) + (period.years ?? 0) * 12 + (period.months ?? 0);
  const [toYear, toMonth] = [Math.floor(monthIndex / 12), monthIndex % 12];
  const lastDay = new Date(Date.UTC(toYear, toMonth + 1, 0)).getUTCDate();
  const moved = Date.UTC(toYear, toMonth, Math.min(day, lastDay));
  return isoDateOfUtc(moved + ((period.weeks ?? 0) * 7 + (period.days ?? 0)) * DAY_MS);
}

/** The year of a calendar date. @throws InvalidDateError */
export function yearOf(date: string): number {
  return Number(parseCalendarDate(date).slice(0, 4));
}

/** The ISO weekday of a calendar date: 1 Monday … 7 Sunday. @throws InvalidDateError */
export function isoWeekdayOf(date: string): number {
  const weekday = new Date(`${parseCalendarDate(date)}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** Amsterdam's wall clock at an instant. */
function amsterdamClock(instant: string): TZDate {
  return new TZDate(parseInstant(instant), COVENANT_ZONE);
}

/** The Amsterdam calendar date on which an instant falls. @throws InvalidDateError */
export function amsterdamDateOf(instant: string): string {
  const local = amsterdamClock(instant);
  return `${pad(local.getFullYear(), 4)}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

/** The instant Amsterdam's wall clock shows `date` at the given time, as epoch milliseconds. */
function amsterdamMillis(date: string, hour: number, minute: number, second: number, ms: number): number {
  const parts = datePartsOf(date);
  if (!parts) throw new InvalidDateError(date, 'a calendar date YYYY-MM-DD');
  const [year, month, day] = parts;
  return new TZDate(year, month - 1, day, hour, minute, second, ms, COVENANT_ZONE).getTime();
}

/** The start of a calendar day in Amsterdam, as epoch milliseconds. @throws InvalidDateError */
export function startOfAmsterdamDay(date: string): number {
  return amsterdamMillis(date, 0, 0, 0, 0);
}

/** The end of a calendar day in Amsterdam, as a UTC instant: `2027-05-01` → `2027-05-01T21:59:59.999Z`. */
export function endOfAmsterdamDay(date: string): string {
  return new Date(amsterdamMillis(date, 23, 59, 59, 999)).toISOString();
}

/** The English weekday and date, e.g. `Saturday 2027-05-01`, for messages. */
export function describeDay(date: string): string {
  const weekday = new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'UTC' });
  return `${weekday.format(new Date(`${parseCalendarDate(date)}T12:00:00Z`))} ${date}`;
}

/** The instant's local time in Amsterdam to the minute, `YYYY-MM-DD HH:mm`: how minutes date what happened. */
export function amsterdamMinuteOf(instant: string): string {
  const local = amsterdamClock(instant);
  return `${amsterdamDateOf(instant)} ${pad(local.getHours())}:${pad(local.getMinutes())}`;
}

/**
 * An instant on Amsterdam's calendar in words, in `language`: `woensdag 31 maart 2027` (with the
 * weekday), `31 maart 2027` (without), and `23:59` when asked for the time.
 */
export function amsterdamWords(
  instant: string,
  language: 'nl' | 'en',
  show: { readonly weekday: boolean; readonly time: boolean },
): string {
  const at = new Date(parseInstant(instant));
  const part = (name: keyof typeof WORD_PARTS) => wordFormat(language, name).format(at);
  const day = `${part('day')} ${part('month')} ${part('year')}`;
  const dated = show.weekday ? `${part('weekday')} ${day}` : day;
  return show.time ? `${dated}, ${part('time')}` : dated;
}

/** The parts of a date in words, each formatted on its own (the order is Dutch, in both languages). */
const WORD_PARTS = {
  day: { day: 'numeric' },
  month: { month: 'long' },
  year: { year: 'numeric' },
  weekday: { weekday: 'long' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * One formatter per language and part, made once: building an `Intl.DateTimeFormat` costs far more
 * than formatting with it (a fifth of the notify task's CPU when 1,000 deadlines fired at once).
 */
const wordFormats = new Map<string, Intl.DateTimeFormat>();
function wordFormat(language: 'nl' | 'en', name: keyof typeof WORD_PARTS): Intl.DateTimeFormat {
  const key = `${language} ${name}`;
  let format = wordFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { timeZone: COVENANT_ZONE, ...WORD_PARTS[name] });
    wordFormats.set(key, format);
  }
  return format;
}
