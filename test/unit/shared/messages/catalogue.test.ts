import { describe, expect, it } from 'vitest';
import { en } from '#shared/messages/en.ts';
import {
  calendarTextsFor,
  type Language,
  messagesFor,
  nextTextsFor,
  PROBLEM_TYPES,
  type ProblemSlug,
  problemMessagesFor,
  problemPagesFor,
  tallyTextsFor,
} from '#shared/messages/index.ts';
import { nl } from '#shared/messages/nl.ts';

/**
 * Every message's path in a catalogue, with its kind: a text, or a function of facts (their names and
 * types are the `Messages` interface's: the compiler refuses a catalogue with other placeholders).
 */
function shapeOf(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path} (facts)`];
  if (typeof value === 'string') return [`${path} text`];
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .filter(([key]) => key !== 'language')
      .flatMap(([key, inner]) => shapeOf(inner, path ? `${path}.${key}` : key));
  }
  return [`${path} ${typeof value}`];
}

/** Every plain text of a catalogue. */
const textsOf = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : value && typeof value === 'object'
      ? Object.values(value).flatMap(textsOf)
      : [];

const slugs = Object.keys(PROBLEM_TYPES) as ProblemSlug[];

describe('shared/messages', () => {
  it('has the same messages in Dutch and in English, key by key', () => {
    expect(shapeOf(nl).sort()).toEqual(shapeOf(en).sort());
  });

  it('gives every problem type a title and a documentation text in both languages', () => {
    for (const m of [nl, en]) {
      for (const slug of slugs) {
        expect(m.problems[slug].title, `${m.language} ${slug}`).not.toBe('');
        expect(m.problems[slug].about.length, `${m.language} ${slug}`).toBeGreaterThan(20);
      }
    }
    // Distinct titles: a reader tells the problems apart by them.
    expect(new Set(slugs.map((s) => nl.problems[s].title)).size).toBeGreaterThan(slugs.length - 3);
  });

  it('gives each Lambda entry the same texts per section as the whole catalogue (issue 16: an entry carries only the sections it uses)', () => {
    for (const language of ['nl', 'en'] as const satisfies readonly Language[]) {
      const whole = messagesFor(language);
      expect(problemMessagesFor(language)).toEqual({
        language,
        problems: whole.problems,
        problemDetails: whole.problemDetails,
      });
      expect(problemPagesFor(language)).toBe(whole.problemPages);
      expect(nextTextsFor(language)).toBe(whole.next);
      expect(tallyTextsFor(language)).toBe(whole.tally);
      expect(calendarTextsFor(language)).toBe(whole.calendar);
    }
    expect(problemMessagesFor().language).toBe('nl');
  });

  it('is Dutch by default, and English only when asked', () => {
    expect(messagesFor().language).toBe('nl');
    expect(messagesFor('en').language).toBe('en');
  });

  it('addresses the reader formally in Dutch ("u", never "je" or "jij")', () => {
    const informal = /\b(je|jij|jou|jouw|jullie)\b/i;
    for (const text of textsOf(nl)) expect(text).not.toMatch(informal);
    expect(nl.problems.unauthenticated.about).toMatch(/\bu\b|\buw\b|Vraag/);
  });

  it('uses the covenant’s own terms in Dutch (DESIGN 2.6)', () => {
    const all = [...textsOf(nl), ...Object.values(nl.next).map((sentence) => sentence(facts))].join(' ');
    for (const term of [
      'bezwaar',
      'vervalt',
      'escalatie',
      'begeleidende notitie',
      'stemming',
      'Ketenpartij',
    ]) {
      expect(all).toContain(term);
    }
    expect(nl.tally.policyNote(false)).toContain('onthoud');
  });

  it('writes a tally in Dutch with its figures', () => {
    const figures = { outcome: 'adopted', for: 5, against: 2, abstain: 1, cast: 7, threshold: 4 } as const;
    expect(nl.tally.summary(figures, false)).toBe(
      'Aangenomen: 5 van de 7 uitgebrachte stemmen zijn voor; een geldig besluit vraagt er ten minste 4 (de helft van 7, naar beneden afgerond, plus één). 1 stem was een onthouding, die niet als uitgebracht telt.',
    );
    expect(en.tally.summary(figures, false)).toBe(
      'Adopted: 5 of 7 cast votes are for; a valid decision needs at least 4 (half of 7 rounded down, plus one). 1 vote abstained, which does not count as cast.',
    );
  });
});

const facts = {
  outcome: 'adopted',
  via: 'vote',
  paused: false,
  awaiting: ['CAK'],
  toApprove: ['CAK'],
  noteReturned: false,
} as const;
