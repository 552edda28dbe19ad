import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  checkReleaseDates,
  describeBlackout,
  entriesFromDecision,
  entryFromDecision,
  findBlackout,
  InvalidReleaseEntryError,
  type ReleaseCalendarEntry,
  releaseEntryIssues,
  StrategyDeadlineError,
  strategyDeadlineWindow,
} from '#shared/covenant/release-calendar.ts';

const ZONE = 'Europe/Amsterdam';
const RECORDED_AT = '2026-11-02T09:00:00.000Z';

const entry = (
  implementationDate: string,
  standard: ReleaseCalendarEntry['standard'] = 'iWmo',
  version = '3.3',
): ReleaseCalendarEntry => ({
  standard,
  version,
  implementationDate,
  strategyDue: strategyDeadlineWindow(implementationDate).earliest,
  source: 'recorded',
  recordedAt: RECORDED_AT,
});

// An oracle written apart from the code under test (no luxon): a calendar month back from a date
// lands on the same day of the month before, or on that month's last day when it is shorter.
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const iso = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
function oneMonthBefore(date: string): string {
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
  return iso(y, m, Math.min(day, daysIn(y, m)));
}
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The first and the last instant of an Amsterdam calendar day (23, 24 or 25 hours long). */
const startOfDay = (date: string) => DateTime.fromISO(date, { zone: ZONE }).startOf('day').toUTC().toISO();
const endOfDay = (date: string) => DateTime.fromISO(date, { zone: ZONE }).endOf('day').toUTC().toISO();

/** Days from 2024 to 2032, with month ends, leap days and the DST changes drawn often. */
const anyDate = fc.oneof(
  fc.integer({ min: 0, max: 365 * 9 }).map((n) => addDays('2024-01-01', n)),
  fc
    .record({ year: fc.integer({ min: 2024, max: 2032 }), month: fc.integer({ min: 1, max: 12 }) })
    .chain(({ year, month }) =>
      fc.constantFrom(
        iso(year, month, 1),
        iso(year, month, Math.min(29, daysIn(year, month))),
        iso(year, month, daysIn(year, month)),
      ),
    ),
  fc.constantFrom('2028-02-29', '2028-03-29', '2027-03-28', '2027-10-31', '2028-03-26', '2028-10-29'),
);

/** An instant within an Amsterdam calendar day, anywhere from its first to its last millisecond. */
const instantOn = (date: string) =>
  fc.double({ min: 0, max: 1, noNaN: true }).map((fraction) => {
    const start = Date.parse(startOfDay(date) ?? '');
    const end = Date.parse(endOfDay(date) ?? '');
    return new Date(start + Math.floor(fraction * (end - start))).toISOString();
  });

describe('release-calendar', () => {
  describe('checkReleaseDates', () => {
    it('accepts a strategy deadline from one month before the implementation date up to that date (art. 7.4)', () => {
      for (const strategyDue of ['2027-06-01', '2027-06-15', '2027-07-01']) {
        expect(
          checkReleaseDates({
            standard: 'iJw',
            version: '3.3',
            implementationDate: '2027-07-01',
            strategyDue,
          }),
        ).toEqual({ standard: 'iJw', version: '3.3', implementationDate: '2027-07-01', strategyDue });
      }
    });

    it('refuses a strategy deadline more than a month before the date, or after it, naming the earliest allowed', () => {
      const dates = { standard: 'iWmo', version: '3.3', implementationDate: '2027-03-31' };
      expect(() => checkReleaseDates({ ...dates, strategyDue: '2027-02-27' })).toThrow(
        new StrategyDeadlineError('2027-02-27', '2027-03-31', '2027-02-28'),
      );
      expect(() => checkReleaseDates({ ...dates, strategyDue: '2027-04-01' })).toThrow(StrategyDeadlineError);
      expect(() => checkReleaseDates({ ...dates, strategyDue: '2027-02-28' })).not.toThrow();
    });

    it('names every malformed field: an unknown standard, a version that is not x.y[.z], a date that does not exist', () => {
      const issues = releaseEntryIssues({
        standard: 'iwmo',
        version: '3',
        implementationDate: '2027-02-30',
        strategyDue: '1 June',
      });
      expect(issues.map((i) => i.path)).toEqual(['standard', 'version', 'implementationDate', 'strategyDue']);
      expect(() =>
        checkReleaseDates({
          standard: 'iWlz',
          version: '3.3',
          implementationDate: '2027-07-01',
          strategyDue: '2027-06-01',
        }),
      ).toThrow(InvalidReleaseEntryError);
    });

    it('reads versions as x.y or x.y.z without leading zeros', () => {
      const valid = (version: string) =>
        releaseEntryIssues({
          standard: 'iEb',
          version,
          implementationDate: '2027-07-01',
          strategyDue: '2027-06-01',
        }).length === 0;
      expect(['3.3', '3.3.1', '3.10', '10.0.2', '0.9'].filter(valid)).toHaveLength(5);
      expect(['3', '3.3.1.1', '03.3', 'v3.3', '3.3-rc1', '3.', '', '3.3#1'].filter(valid)).toEqual([]);
    });
  });

  describe('findBlackout', () => {
    it('shuts objections out from one calendar month before the agreed date up to and including the date', () => {
      const calendar = [entry('2027-07-01')];
      expect(findBlackout(calendar, ['iWmo'], '2027-05-31T21:59:59.999Z')).toBeUndefined(); // 31 May 23:59 CEST
      expect(findBlackout(calendar, ['iWmo'], '2027-05-31T22:00:00.000Z')).toMatchObject({
        standard: 'iWmo',
        version: '3.3',
        implementationDate: '2027-07-01',
        blackoutFrom: '2027-06-01',
      });
      expect(findBlackout(calendar, ['iWmo'], '2027-07-01T21:59:59.999Z')).toBeDefined();
      expect(findBlackout(calendar, ['iWmo'], '2027-07-01T22:00:00.000Z')).toBeUndefined();
    });

    it('counts the month back from the date at month ends: 31 March is shut out from 28 February (29 in a leap year)', () => {
      expect(
        findBlackout([entry('2027-03-31')], ['iWmo'], startOfDay('2027-02-28') ?? '')?.blackoutFrom,
      ).toBe('2027-02-28');
      expect(findBlackout([entry('2027-03-31')], ['iWmo'], endOfDay('2027-02-27') ?? '')).toBeUndefined();
      expect(findBlackout([entry('2028-03-31')], ['iWmo'], endOfDay('2028-02-28') ?? '')).toBeUndefined();
      expect(findBlackout([entry('2028-03-31')], ['iWmo'], startOfDay('2028-02-29') ?? '')).toBeDefined();
      // 31 January: a date on 28 February 2027 is shut out from 28 January, one on 1 March only from 1 February.
      expect(findBlackout([entry('2027-02-28')], ['iWmo'], startOfDay('2027-01-31') ?? '')).toBeDefined();
      expect(findBlackout([entry('2027-03-01')], ['iWmo'], endOfDay('2027-01-31') ?? '')).toBeUndefined();
    });

    it('reads the day in Amsterdam across the changes to and from summer time', () => {
      // 28 March 2027 (summer time begins): the blackout begins at midnight CET on 28 February.
      expect(findBlackout([entry('2027-03-28')], ['iWmo'], '2027-02-27T22:59:59.999Z')).toBeUndefined();
      expect(findBlackout([entry('2027-03-28')], ['iWmo'], '2027-02-27T23:00:00.000Z')).toBeDefined();
      // 31 October 2027 (summer time ends): from midnight CEST on 30 September to midnight CET on 1 November.
      expect(findBlackout([entry('2027-10-31')], ['iWmo'], '2027-09-29T21:59:59.999Z')).toBeUndefined();
      expect(findBlackout([entry('2027-10-31')], ['iWmo'], '2027-09-29T22:00:00.000Z')).toBeDefined();
      expect(findBlackout([entry('2027-10-31')], ['iWmo'], '2027-10-31T22:59:59.999Z')).toBeDefined();
      expect(findBlackout([entry('2027-10-31')], ['iWmo'], '2027-10-31T23:00:00.000Z')).toBeUndefined();
    });

    it("reads only the proposal's standards, and of several dates names the earliest", () => {
      const calendar = [
        entry('2027-07-15', 'iJw', '3.4'),
        entry('2027-07-01', 'iEb', '2.1'),
        entry('2027-07-10'),
      ];
      const at = '2027-06-20T10:00:00.000Z';
      expect(findBlackout(calendar, ['iWmo', 'iJw'], at)).toMatchObject({ standard: 'iWmo', version: '3.3' });
      expect(findBlackout(calendar, ['iJw'], at)).toMatchObject({ standard: 'iJw', version: '3.4' });
      expect(findBlackout(calendar, ['iWmo', 'iJw', 'iEb'], at)).toMatchObject({ standard: 'iEb' });
      expect(findBlackout(calendar, [], at)).toBeUndefined();
      expect(findBlackout([], ['iWmo'], at)).toBeUndefined();
    });

    it('reads bare agreed dates too (standard, version, date), as the objection event carries them', () => {
      const agreed = [{ standard: 'iEb', version: '2.2', implementationDate: '2027-07-01' } as const];
      expect(findBlackout(agreed, ['iEb'], '2027-06-01T10:00:00.000Z')).toEqual({
        ...agreed[0],
        blackoutFrom: '2027-06-01',
      });
    });

    it('explains a refusal by naming the version and its agreed implementation date', () => {
      const blackout = findBlackout([entry('2027-07-01', 'iJw', '3.3')], ['iJw'], '2027-06-10T08:00:00.000Z');
      expect(blackout && describeBlackout(blackout)).toEqual({
        reason:
          'no objection to implementing a new version of iJw is possible from 2027-06-01 up to and including ' +
          '2027-07-01, the agreed implementation date of iJw 3.3 (art. 7.4)',
        details: {
          standard: 'iJw',
          version: '3.3',
          implementationDate: '2027-07-01',
          blackoutFrom: '2027-06-01',
        },
      });
    });
  });

  describe('properties', () => {
    it('an objection is shut out exactly on the Amsterdam days from the date minus one calendar month to the date', () => {
      fc.assert(
        fc.property(
          anyDate,
          anyDate.chain((day) => instantOn(day).map((at) => ({ day, at }))),
          (date, { day, at }) => {
            const shut = findBlackout([entry(date)], ['iWmo'], at) !== undefined;
            expect(shut).toBe(oneMonthBefore(date) <= day && day <= date);
          },
        ),
        { numRuns: 500 },
      );
    });

    it('the first and last millisecond of the blackout are in it, the ones just outside are not', () => {
      fc.assert(
        fc.property(anyDate, (date) => {
          const from = oneMonthBefore(date);
          const calendar = [entry(date)];
          expect(findBlackout(calendar, ['iWmo'], startOfDay(from) ?? '')?.blackoutFrom).toBe(from);
          expect(findBlackout(calendar, ['iWmo'], endOfDay(date) ?? '')).toBeDefined();
          expect(findBlackout(calendar, ['iWmo'], endOfDay(addDays(from, -1)) ?? '')).toBeUndefined();
          expect(findBlackout(calendar, ['iWmo'], startOfDay(addDays(date, 1)) ?? '')).toBeUndefined();
        }),
        { numRuns: 300 },
      );
    });

    it('the blackout spans a calendar month: 28 to 31 days before the date', () => {
      fc.assert(
        fc.property(anyDate, (date) => {
          const from = strategyDeadlineWindow(date).earliest;
          const days = (Date.parse(date) - Date.parse(from)) / 86_400_000;
          expect(days).toBeGreaterThanOrEqual(28);
          expect(days).toBeLessThanOrEqual(31);
          expect(from).toBe(oneMonthBefore(date));
        }),
      );
    });

    it('a strategy deadline is accepted exactly when it lies from one month before the date up to the date', () => {
      fc.assert(
        fc.property(anyDate, fc.integer({ min: -40, max: 5 }), (implementationDate, offset) => {
          const strategyDue = addDays(implementationDate, offset);
          const input = { standard: 'iWmo', version: '3.3', implementationDate, strategyDue };
          const allowed =
            oneMonthBefore(implementationDate) <= strategyDue && strategyDue <= implementationDate;
          if (allowed) expect(checkReleaseDates(input).strategyDue).toBe(strategyDue);
          else expect(() => checkReleaseDates(input)).toThrow(StrategyDeadlineError);
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('entryFromDecision', () => {
    const decision = {
      proposalId: 'p-release-33',
      standards: ['iWmo', 'iJw', 'iWmo'],
      version: '3.3',
      implementationDate: '2028-03-31',
    };

    it('makes one entry per standard, due for its strategy one month before the date unless the decision says otherwise', () => {
      expect(entriesFromDecision(decision, RECORDED_AT)).toEqual(
        ['iWmo', 'iJw'].map((standard) => ({
          standard,
          version: '3.3',
          implementationDate: '2028-03-31',
          strategyDue: '2028-02-29',
          source: 'decision',
          proposalId: 'p-release-33',
          recordedAt: RECORDED_AT,
        })),
      );
      expect(
        entryFromDecision({ ...decision, strategyDue: '2028-03-15' }, 'iEb', RECORDED_AT).strategyDue,
      ).toBe('2028-03-15');
    });

    it('refuses a decision whose version or strategy deadline the calendar cannot hold', () => {
      expect(() => entryFromDecision({ ...decision, version: 'next' }, 'iWmo', RECORDED_AT)).toThrow(
        InvalidReleaseEntryError,
      );
      expect(() =>
        entryFromDecision({ ...decision, strategyDue: '2028-01-31' }, 'iWmo', RECORDED_AT),
      ).toThrow(StrategyDeadlineError);
    });
  });
});
