/**
 * The covenant's dates left luxon for `@date-fns/tz` and calendar arithmetic on the date itself
 * (issue 16: luxon was 70 KiB of every Lambda bundle). Luxon stays a test dependency as the oracle:
 * over any date and instant of 2000–2099, and around every change of summer time, the new functions
 * give exactly what luxon gave (DESIGN 2.4: Amsterdam time, calendar months, end of the last day).
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  amsterdamDateOf,
  amsterdamMinuteOf,
  amsterdamWords,
  COVENANT_ZONE,
  describeDay,
  endOfAmsterdamDay,
  isoWeekdayOf,
  parseCalendarDate,
  parseInstant,
  shiftDate,
  startOfAmsterdamDay,
  toUtcInstant,
} from '#shared/covenant/dates.ts';
import { InvalidDateError } from '#shared/covenant/errors.ts';

const FROM = Date.UTC(2000, 0, 1);
const UNTIL = Date.UTC(2099, 11, 31);
const anyInstant = fc.integer({ min: FROM, max: UNTIL }).map((ms) => new Date(ms).toISOString());
const anyDate = anyInstant.map((instant) => instant.slice(0, 10));
/** Month ends and leap days, where calendar months clamp. */
const monthEnd = fc
  .record({ year: fc.integer({ min: 2000, max: 2099 }), month: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, month }) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10));
const anyPeriod = fc.oneof(
  fc.integer({ min: -400, max: 400 }).map((days) => ({ days })),
  fc.integer({ min: -60, max: 60 }).map((weeks) => ({ weeks })),
  fc.integer({ min: -40, max: 40 }).map((months) => ({ months })),
  fc.integer({ min: -10, max: 10 }).map((years) => ({ years })),
);
const luxonDay = (date: string) => DateTime.fromISO(date, { zone: COVENANT_ZONE });
const luxonInstant = (instant: string) => DateTime.fromISO(instant, { zone: COVENANT_ZONE });
/** The instants around the changes of summer time of 2026–2028 (last Sunday of March and October, 01:00 UTC). */
const DST_CHANGES = [
  '2026-03-29',
  '2026-10-25',
  '2027-03-28',
  '2027-10-31',
  '2028-03-26',
  '2028-10-29',
].flatMap((day) =>
  [-61, -60, -1, 0, 1, 59, 60, 61].map((minutes) =>
    new Date(Date.parse(`${day}T01:00:00Z`) + minutes * 60_000).toISOString(),
  ),
);

describe('covenant dates (against luxon, the library they replaced)', () => {
  it('move a date by days, weeks, calendar months and years as luxon did (31 January + 1 month = 28/29 February)', () => {
    fc.assert(
      fc.property(fc.oneof(anyDate, monthEnd), anyPeriod, (date, period) => {
        expect(shiftDate(date, period)).toBe(luxonDay(date).plus(period).toISODate());
      }),
      { numRuns: 500 },
    );
  });

  it('give the Amsterdam date and minute of any instant, also around summer time', () => {
    for (const instant of DST_CHANGES) {
      expect(amsterdamMinuteOf(instant)).toBe(luxonInstant(instant).toFormat('yyyy-MM-dd HH:mm'));
    }
    fc.assert(
      fc.property(anyInstant, (instant) => {
        expect(amsterdamDateOf(instant)).toBe(luxonInstant(instant).toISODate());
        expect(amsterdamMinuteOf(instant)).toBe(luxonInstant(instant).toFormat('yyyy-MM-dd HH:mm'));
        expect(toUtcInstant(instant)).toBe(luxonInstant(instant).toUTC().toISO());
      }),
      { numRuns: 500 },
    );
  });

  it('end a day at 23:59:59.999 and start it at 00:00 Amsterdam time, in summer and in winter', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        expect(endOfAmsterdamDay(date)).toBe(luxonDay(date).endOf('day').toUTC().toISO());
        expect(startOfAmsterdamDay(date)).toBe(luxonDay(date).toMillis());
        expect(isoWeekdayOf(date)).toBe(luxonDay(date).weekday);
        expect(describeDay(date)).toBe(`${luxonDay(date).setLocale('en').toFormat('cccc')} ${date}`);
      }),
      { numRuns: 500 },
    );
    expect(endOfAmsterdamDay('2027-03-28')).toBe('2027-03-28T21:59:59.999Z');
    expect(endOfAmsterdamDay('2027-10-31')).toBe('2027-10-31T22:59:59.999Z');
  });

  it('write a day and a deadline in Dutch and English words as the e-mails did', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyInstant, fc.constantFrom(...DST_CHANGES)),
        fc.constantFrom('nl', 'en' as const),
        (instant, lang) => {
          const local = luxonInstant(instant).setLocale(lang);
          expect(amsterdamWords(instant, lang, { weekday: true, time: true })).toBe(
            local.toFormat('cccc d LLLL yyyy, HH:mm'),
          );
          expect(amsterdamWords(instant, lang, { weekday: false, time: false })).toBe(
            local.toFormat('d LLLL yyyy'),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuse what luxon refused: impossible dates, and instants without an offset', () => {
    for (const date of [
      '2027-02-29',
      '2027-13-01',
      '2027-04-31',
      '27-01-01',
      '2027-1-1',
      '2027-01-01T00:00:00Z',
    ]) {
      expect(() => parseCalendarDate(date), date).toThrow(InvalidDateError);
    }
    for (const instant of [
      '2027-03-01T09:00:00',
      '2027-02-30T09:00:00Z',
      '2027-03-01T24:00:00Z',
      '2027-03-01',
      'soon',
    ]) {
      expect(() => parseInstant(instant), instant).toThrow(InvalidDateError);
    }
    expect(parseCalendarDate('2028-02-29')).toBe('2028-02-29');
    expect(toUtcInstant('2027-03-01T10:00:00+01:00')).toBe('2027-03-01T09:00:00.000Z');
    expect(toUtcInstant('2027-03-01T10:00:00.123456+0100')).toBe('2027-03-01T09:00:00.123Z');
  });
});
