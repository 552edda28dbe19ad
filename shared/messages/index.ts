/** The message catalogues: `messagesFor(language)` gives every human text the API writes in that language. */
import type { Language, Messages } from './catalogue.ts';
import { en } from './en.ts';
import { nl } from './nl.ts';

export type * from './catalogue.ts';
export { isProblemSlug, PROBLEM_PATH, PROBLEM_TYPES, type ProblemSlug } from './problem-types.ts';

const CATALOGUES: Readonly<Record<Language, Messages>> = { nl, en };

/** The catalogue of `language`; Dutch is the default (DESIGN 5). */
export const messagesFor = (language: Language = 'nl'): Messages => CATALOGUES[language];
