/**
 * The message catalogues: `messagesFor(language)` gives every human text the API writes in that
 * language. The Lambda entries take the sections they use instead (`problemMessagesFor`,
 * `problemPagesFor`, `nextTextsFor`, `tallyTextsFor`, `calendarTextsFor`), so that each bundle
 * carries only those texts of both languages (issue 16): the whole catalogues are referenced only
 * through `messagesFor`, which the bundler then leaves out.
 */
import type { Language, Messages } from './catalogue.ts';
import { en, enCalendar, enNext, enProblemDetails, enProblemPages, enProblems, enTally } from './en.ts';
import { nl, nlCalendar, nlNext, nlProblemDetails, nlProblemPages, nlProblems, nlTally } from './nl.ts';

export type * from './catalogue.ts';
export { isProblemSlug, PROBLEM_PATH, PROBLEM_TYPES, type ProblemSlug } from './problem-types.ts';

const CATALOGUES: Readonly<Record<Language, Messages>> = { nl, en };

/** The catalogue of `language`; Dutch is the default (DESIGN 5). */
export const messagesFor = (language: Language = 'nl'): Messages => CATALOGUES[language];

/** What every HTTP entry needs to answer a problem: the problem types' texts and the details. */
export type ProblemMessages = Pick<Messages, 'language' | 'problems' | 'problemDetails'>;

const PROBLEM_MESSAGES: Readonly<Record<Language, ProblemMessages>> = {
  nl: { language: 'nl', problems: nlProblems, problemDetails: nlProblemDetails },
  en: { language: 'en', problems: enProblems, problemDetails: enProblemDetails },
};
const PROBLEM_PAGES: Readonly<Record<Language, Messages['problemPages']>> = {
  nl: nlProblemPages,
  en: enProblemPages,
};
const NEXT: Readonly<Record<Language, Messages['next']>> = { nl: nlNext, en: enNext };
const TALLY: Readonly<Record<Language, Messages['tally']>> = { nl: nlTally, en: enTally };
const CALENDAR: Readonly<Record<Language, Messages['calendar']>> = { nl: nlCalendar, en: enCalendar };

/** The problem texts of `language` (the same as in {@link messagesFor}). */
export const problemMessagesFor = (language: Language = 'nl'): ProblemMessages => PROBLEM_MESSAGES[language];
/** The problem types' documentation pages' texts of `language`. */
export const problemPagesFor = (language: Language = 'nl'): Messages['problemPages'] =>
  PROBLEM_PAGES[language];
/** The `next` sentences of `language`. */
export const nextTextsFor = (language: Language = 'nl'): Messages['next'] => NEXT[language];
/** The tally's words in `language`. */
export const tallyTextsFor = (language: Language = 'nl'): Messages['tally'] => TALLY[language];
/** The calendar feed's texts in `language`. */
export const calendarTextsFor = (language: Language = 'nl'): Messages['calendar'] => CALENDAR[language];
