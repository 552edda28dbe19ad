/**
 * The building blocks of the e-mail texts: a phrase in Dutch and English, dates in Amsterdam time,
 * links to the web app's pages, and how a decision is put into words. Pure.
 */
import { amsterdamWords } from '#shared/covenant/index.ts';
import type { Decision, DecisionRoute } from '#statemachines/proposal-lifecycle/context.ts';
import type { DecisionOutcome } from '#statemachines/proposal-lifecycle/events.ts';

/** The languages of every message: Dutch first, then English (DESIGN 2.5 has the glossary). */
export type Lang = 'nl' | 'en';

/** One phrase in both languages. */
export interface Bilingual {
  readonly nl: string;
  readonly en: string;
}

/** Shorthand for a {@link Bilingual}. */
export const say = (nl: string, en: string): Bilingual => ({ nl, en });

/**
 * Text a party wrote (a reason, arguments, a note, comments), as a labelled quotation: a line that
 * names the label and its author, then every line of the text behind `> `. Whatever the text holds
 * (a heading, a list of actions, a link, the language separator), no line of it can pass for the
 * template's own. Line ends are normalised; the text itself is never changed otherwise.
 */
export function quoted(label: Bilingual, author: string, text: string): Bilingual {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
  return say(
    `${label.nl}, geschreven door ${author} (letterlijk geciteerd):\n${lines}`,
    `${label.en}, written by ${author} (quoted verbatim):\n${lines}`,
  );
}

/** Text shown in one line (a title): every run of white space, line ends included, is one space. */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The web app's page of a proposal (its route `/proposals/:id`). */
export const proposalPage = (proposalId: string): string => `/proposals/${encodeURIComponent(proposalId)}`;

/** A page of the web app as an absolute URL: `webUrl('https://app.example/', '/decisions')`. */
export const webUrl = (webBaseUrl: string, page: string): string =>
  `${webBaseUrl.replace(/\/+$/, '')}${page}`;

/**
 * A deadline's end in Amsterdam: `2027-03-31T21:59:59.999Z` → `woensdag 31 maart 2027, 23:59 uur`
 * (nl) or `Wednesday 31 March 2027, 23:59` (en).
 */
export function formatDeadline(due: string, lang: Lang): string {
  const words = amsterdamWords(due, lang, { weekday: true, time: true });
  return lang === 'nl' ? `${words} uur` : words;
}

/** The Amsterdam calendar day of an instant: `1 maart 2027` (nl) or `1 March 2027` (en). */
export function formatDay(instant: string, lang: Lang): string {
  return amsterdamWords(instant, lang, { weekday: false, time: false });
}

const outcomes: Record<DecisionOutcome | 'dropped', Bilingual> = {
  adopted: say('aangenomen', 'adopted'),
  rejected: say('verworpen', 'rejected'),
  dropped: say('van de agenda gehaald', 'dropped'),
};

const routes: Record<DecisionRoute, Bilingual> = {
  consensus: say('bij consensus (art. 6.7)', 'by consensus (art. 6.7)'),
  vote: say('bij stemming (art. 6.9)', 'by vote (art. 6.9)'),
  reconsideration: say(
    'bij heroverweging na het bezwaar (art. 7.4)',
    'on reconsideration after the objection (art. 7.4)',
  ),
  ministry: say(
    'door het ministerie van VWS, in overleg met de betrokken partijen (art. 7.6)',
    'by the Ministry of VWS, meeting with the parties involved (art. 7.6)',
  ),
  dglz: say(
    'door de DGLZ, als finale beslissing (art. 7.6)',
    'by the DGLZ, as the final decision (art. 7.6)',
  ),
};

/** The outcome of a decision in words: `aangenomen` / `adopted`. */
export const outcomeWords = (outcome: DecisionOutcome): Bilingual => outcomes[outcome];

/**
 * A decision's paragraphs: its outcome, how and when it came about, the tally's summary when it was
 * voted (the summary is English in both sections: it comes from the covenant core), and the DGLZ's
 * rationale. Empty when there is no decision.
 */
export function decisionParagraphs(decision: Decision | undefined): Bilingual[] {
  if (!decision) return [];
  const outcome = outcomes[decision.outcome];
  const route = routes[decision.via];
  const on = (lang: Lang) => formatDay(decision.decidedAt, lang);
  const paragraphs = [
    say(
      `Besluit: ${outcome.nl}, ${route.nl}, op ${on('nl')}.`,
      `Decision: ${outcome.en}, ${route.en}, on ${on('en')}.`,
    ),
  ];
  // art. 7.4: a reconsidered decision may adopt an objector's alternative instead of the original text.
  if (decision.text && decision.text !== 'original') {
    paragraphs.push(
      say(
        `Aangenomen tekst: het alternatieve voorstel van ${decision.text} (art. 7.4).`,
        `Text adopted: the alternative proposal of ${decision.text} (art. 7.4).`,
      ),
    );
  }
  const summary = decision.tally?.explanation.summary;
  if (summary) paragraphs.push(say(`Telling (in het Engels): ${summary}`, `Tally: ${summary}`));
  if (decision.rationale) {
    // Only the DGLZ gives a rationale (art. 7.6): VWS's director-general.
    paragraphs.push(quoted(say('Motivering', 'Rationale'), 'VWS (DGLZ)', decision.rationale));
  }
  return paragraphs;
}
