import { isoWeekdayOf, shiftDate, yearOf } from './dates.ts';
import { InvalidDateError } from './errors.ts';
// Generated from date-holidays by `npm run build:holidays` (see atwHolidaySource.ts); a test fails when stale.
import table from './generalHolidays.json' with { type: 'json' };

/** A general holiday ("algemeen erkende feestdag") of the Algemene termijnenwet, art. 3. */
export interface GeneralHoliday {
  /** The day it is observed, `YYYY-MM-DD`. */
  readonly date: string;
  /** Its English name, e.g. `King's Day`. */
  readonly name: string;
}

/** The general holidays of the Algemene termijnenwet (art. 3) in one year, in date order. */
export function generalHolidaysIn(year: number): readonly GeneralHoliday[] {
  const line = (table.holidays as Record<string, string | undefined>)[String(year)];
  if (line === undefined) {
    throw new InvalidDateError(
      String(year),
      `a year from ${table.fromYear} to ${table.toYear} (run npm run build:holidays with a wider range)`,
    );
  }
  // One line per year, `MM-DD:n` with n the name's index (atwHolidaySource.ts writes it).
  return line.split(' ').map((entry) => {
    const [monthDay = '', name = ''] = entry.split(':');
    return { date: `${year}-${monthDay}`, name: table.names[Number(name)] ?? '' };
  });
}

/** The general holiday on a date (`YYYY-MM-DD`), if there is one. */
export function generalHolidayOn(date: string): GeneralHoliday | undefined {
  const year = yearOf(date);
  return generalHolidaysIn(year).find((h) => h.date === date);
}

/** Atw art. 1: Saturdays, Sundays and general holidays are not working days. */
export function isNonWorkingDay(date: string): boolean {
  const weekday = isoWeekdayOf(date);
  return weekday === 6 || weekday === 7 || generalHolidayOn(date) !== undefined;
}

/** The first working day strictly after `date` (`YYYY-MM-DD`). */
export function nextWorkingDay(date: string): string {
  let day = shiftDate(date, { days: 1 });
  while (isNonWorkingDay(day)) day = shiftDate(day, { days: 1 });
  return day;
}
