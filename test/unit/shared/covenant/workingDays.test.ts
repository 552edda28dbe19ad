import { describe, expect, it } from 'vitest';
import { generalHolidaysIn, isNonWorkingDay, nextWorkingDay } from '#shared/covenant/index.ts';

const ATW_DAYS = [
  "New Year's Day",
  'Easter Monday',
  "King's Day",
  'Liberation Day',
  'Ascension Day',
  'Whit Monday',
  'Christmas Day',
  'Boxing Day',
];

describe('workingDays', () => {
  it.each([
    [2026, ['01-01', '04-06', '04-27', '05-05', '05-14', '05-25', '12-25', '12-26']],
    [2027, ['01-01', '03-29', '04-27', '05-05', '05-06', '05-17', '12-25', '12-26']],
    [2028, ['01-01', '04-17', '04-27', '05-05', '05-25', '06-05', '12-25', '12-26']],
    [2029, ['01-01', '04-02', '04-27', '05-05', '05-10', '05-21', '12-25', '12-26']],
    [2030, ['01-01', '04-22', '04-27', '05-05', '05-30', '06-10', '12-25', '12-26']],
    // 27 April 2031 is a Sunday: Koningsdag moves to Saturday 26 April.
    [2031, ['01-01', '04-14', '04-26', '05-05', '05-22', '06-02', '12-25', '12-26']],
  ])(
    'Atw art. 3: the general holidays of %i are exactly the eight of the Algemene termijnenwet',
    (year, days) => {
      const holidays = generalHolidaysIn(year);
      expect(holidays.map((h) => h.date)).toEqual(days.map((d) => `${year}-${d}`));
      expect(holidays.map((h) => h.name).sort()).toEqual([...ATW_DAYS].sort());
    },
  );

  it.each([
    ['Atw art. 3: Good Friday is a working day', '2027-03-26', false],
    ['Atw art. 3: Easter Monday is not', '2027-03-29', true],
    ['Atw art. 3: Liberation Day is not, also outside lustrum years', '2027-05-05', true],
    ['Atw art. 3: Remembrance Day (4 May) is a working day', '2027-05-04', false],
    ["Atw art. 3: New Year's Eve is a working day", '2027-12-31', false],
    ['Atw art. 3: Koningsdag on 26 April 2031 is not', '2031-04-26', true],
    ['Atw art. 3: 28 April 2031 is an ordinary Monday', '2031-04-28', false],
    ['Atw art. 1: a Saturday is not', '2027-05-01', true],
    ['Atw art. 1: a Sunday is not', '2027-05-02', true],
    ['Atw art. 1: an ordinary Monday is', '2027-05-03', false],
  ])('%s (%s)', (_rule, date, nonWorking) => {
    expect(isNonWorkingDay(date)).toBe(nonWorking);
  });

  it.each([
    ['over a weekend', '2027-05-01', '2027-05-03'],
    ['over Christmas on a weekend', '2027-12-24', '2027-12-27'],
    ['over Liberation Day and Ascension Day', '2027-05-04', '2027-05-07'],
    ['over Easter', '2027-03-25', '2027-03-26'],
    ['from an ordinary Thursday', '2027-06-03', '2027-06-04'],
  ])('finds the next working day %s', (_case, date, next) => {
    expect(nextWorkingDay(date)).toBe(next);
  });
});

describe('generalHolidays.json', () => {
  it('is what date-holidays says today (run `npm run build:holidays` when it is stale)', async () => {
    const { readFileSync } = await import('node:fs');
    const { generalHolidayJson } = await import('#shared/covenant/atwHolidaySource.ts');
    const committed = readFileSync(
      new URL('../../../../shared/covenant/generalHolidays.json', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(generalHolidayJson());
  });

  it('refuses a year outside the table, saying how to widen it', () => {
    expect(() => generalHolidaysIn(2101)).toThrow('run npm run build:holidays with a wider range');
  });
});
