/**
 * Where the general holidays come from: the maintained `date-holidays` library, read at BUILD time
 * by `npm run build:holidays` into `generalHolidays.json` (and by a test that fails when that file
 * is stale). Nothing at run time imports this module: the library with every country's rules
 * weighs 1.5 MB, more than a whole Lambda bundle may.
 */
import Holidays from 'date-holidays';
import type { GeneralHoliday } from './workingDays.ts';

/**
 * Atw art. 3 (1): New Year's Day, Easter Monday, Ascension Day, Whit Monday, both Christmas days,
 * the day the King's birthday is celebrated, and 5 May (every year). date-holidays types 5 May as
 * `school` and Good Friday likewise, so selecting by type would take too much or too little: we
 * select by the library's rule names instead. Easter and Whit Sunday (type `public`) are left out
 * as the Atw does; they are Sundays anyway. Koningsdag's rule moves it to Saturday 26 April when
 * 27 April is a Sunday, as the Wet Koningsdag does.
 */
export const ATW_HOLIDAY_RULES: ReadonlySet<string> = new Set([
  '01-01', // Nieuwjaarsdag
  'easter 1', // Tweede Paasdag
  'easter 39', // Hemelvaartsdag
  'easter 50', // Tweede Pinksterdag
  '12-25', // Eerste Kerstdag
  '12-26', // Tweede Kerstdag
  '04-27 if sunday then previous saturday since 2014', // Koningsdag
  '05-05', // Bevrijdingsdag (5 mei)
]);

/** The years the generated table covers: from the covenant's signing to well beyond any deadline. */
export const HOLIDAY_YEARS = { from: 2023, to: 2100 } as const;

/**
 * The table `generalHolidays.json` holds, compact because every Lambda entry carries it (issue 16:
 * 25 KiB as one object per holiday, 5 KiB so): the holidays' names once, and per year one line of
 * `MM-DD:n` (n the name's index), e.g. `"2027": "01-01:0 03-29:1 …"`. `generalHolidaysIn` reads it.
 */
export interface GeneralHolidayTable {
  readonly source: string;
  readonly fromYear: number;
  readonly toYear: number;
  readonly names: readonly string[];
  readonly holidays: Readonly<Record<string, string>>;
}

/** Reads the general holidays of every year in range from date-holidays. */
export function generalHolidayTable(): GeneralHolidayTable {
  const dutch = new Holidays('NL');
  const names: string[] = [];
  const holidays: Record<string, string> = {};
  for (let year = HOLIDAY_YEARS.from; year <= HOLIDAY_YEARS.to; year++) {
    const days: GeneralHoliday[] = dutch
      .getHolidays(year, 'en')
      .filter((h) => ATW_HOLIDAY_RULES.has(h.rule))
      .map((h) => ({ date: h.date.slice(0, 10), name: h.name }));
    for (const { name } of days) if (!names.includes(name)) names.push(name);
    holidays[String(year)] = days.map((d) => `${d.date.slice(5)}:${names.indexOf(d.name)}`).join(' ');
  }
  return {
    source: 'date-holidays (NL), Algemene termijnenwet art. 3',
    fromYear: HOLIDAY_YEARS.from,
    toYear: HOLIDAY_YEARS.to,
    names,
    holidays,
  };
}

/** The JSON text of the table, as committed: one year a line, so a change shows as a small diff. */
export function generalHolidayJson(): string {
  const { holidays, ...head } = generalHolidayTable();
  const years = Object.entries(holidays).map(([year, days]) => `    "${year}": ${JSON.stringify(days)}`);
  const { names, ...rest } = head;
  const header = `${JSON.stringify(rest, null, 2).replace(/\n}$/, '')},\n  "names": ${JSON.stringify(names)}`;
  return `${header},\n  "holidays": {\n${years.join(',\n')}\n  }\n}\n`;
}
