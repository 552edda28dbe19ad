import Holidays from 'date-holidays';
import { parseCalendarDate, toCalendarDate } from './dates.ts';

/** A general holiday ("algemeen erkende feestdag") of the Algemene termijnenwet, art. 3. */
export interface GeneralHoliday {
  /** The day it is observed, `YYYY-MM-DD`. */
  readonly date: string;
  /** Its English name, e.g. `King's Day`. */
  readonly name: string;
}

/**
 * Atw art. 3 (1): New Year's Day, Easter Monday, Ascension Day, Whit Monday, both Christmas days,
 * the day the King's birthday is celebrated, and 5 May (every year). date-holidays types 5 May as
 * `school` and Good Friday likewise, so selecting by type would take too much or too little: we
 * select by the library's rule names instead. Easter and Whit Sunday (type `public`) are left out
 * as the Atw does; they are Sundays anyway. Koningsdag's rule moves it to Saturday 26 April when
 * 27 April is a Sunday, as the Wet Koningsdag does.
 */
const ATW_HOLIDAY_RULES: ReadonlySet<string> = new Set([
  '01-01', // Nieuwjaarsdag
  'easter 1', // Tweede Paasdag
  'easter 39', // Hemelvaartsdag
  'easter 50', // Tweede Pinksterdag
  '12-25', // Eerste Kerstdag
  '12-26', // Tweede Kerstdag
  '04-27 if sunday then previous saturday since 2014', // Koningsdag
  '05-05', // Bevrijdingsdag (5 mei)
]);

const dutchHolidays = new Holidays('NL');
const holidaysByYear = new Map<number, readonly GeneralHoliday[]>();

/** The general holidays of the Algemene termijnenwet (art. 3) in one year, in date order. */
export function generalHolidaysIn(year: number): readonly GeneralHoliday[] {
  const cached = holidaysByYear.get(year);
  if (cached) return cached;
  const holidays = dutchHolidays
    .getHolidays(year, 'en')
    .filter((h) => ATW_HOLIDAY_RULES.has(h.rule))
    .map((h) => ({ date: h.date.slice(0, 10), name: h.name }));
  holidaysByYear.set(year, holidays);
  return holidays;
}

/** The general holiday on a date (`YYYY-MM-DD`), if there is one. */
export function generalHolidayOn(date: string): GeneralHoliday | undefined {
  const year = parseCalendarDate(date).year;
  return generalHolidaysIn(year).find((h) => h.date === date);
}

/** Atw art. 1: Saturdays, Sundays and general holidays are not working days. */
export function isNonWorkingDay(date: string): boolean {
  const weekday = parseCalendarDate(date).weekday;
  return weekday === 6 || weekday === 7 || generalHolidayOn(date) !== undefined;
}

/** The first working day strictly after `date` (`YYYY-MM-DD`). */
export function nextWorkingDay(date: string): string {
  let day = parseCalendarDate(date).plus({ days: 1 });
  while (isNonWorkingDay(toCalendarDate(day))) day = day.plus({ days: 1 });
  return toCalendarDate(day);
}
