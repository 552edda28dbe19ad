/**
 * Building blocks of the API's schemas: ids, dates, the covenant's enumerations. Every schema here
 * is the single source of both the runtime validation and the OpenAPI document.
 */

import * as z from 'zod';
import type {} from 'zod-openapi';
import { phases } from '#statemachines/proposal-lifecycle/phase.ts';

/** Ids we generate are URL-safe; refusing anything else also keeps `#` out of the table's keys. */
const URL_SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const ProposalId = z
  .string()
  .regex(URL_SAFE_ID, 'must be 1–64 characters A–Z, a–z, 0–9, _ or -')
  .meta({
    id: 'ProposalId',
    description: 'The id of a proposal (generated).',
    example: 'p-8Jx2Qm0aVb7cT4rN',
  });

export const MeetingId = z
  .string()
  .regex(URL_SAFE_ID, 'must be 1–64 characters A–Z, a–z, 0–9, _ or -')
  .meta({ id: 'MeetingId', description: 'The id of a meeting (generated).', example: 'm-2027-02-17-k3d9' });

export const PartyId = z
  .string()
  .regex(/^[A-Z]{1,32}$/, 'must be a party id in capitals, e.g. VNG')
  .meta({ id: 'PartyId', description: 'A party of the register (DESIGN 2.1).', example: 'VNG' });

/**
 * Years a date of this procedure can fall in. The covenant was signed in the 2020s and its dates
 * (meetings, implementation dates, deadlines) lie within a few years of today; 2000–2100 leaves
 * room for records of earlier agreements and for long plans, and refuses typing errors such as
 * 0000 or 9999, which would otherwise become meetings no party could attend (issue 17, row 12).
 */
export const PLAUSIBLE_YEARS = { from: 2000, to: 2100 } as const;

const plausibleYear = (date: string) => {
  const year = Number(date.slice(0, 4));
  return year >= PLAUSIBLE_YEARS.from && year <= PLAUSIBLE_YEARS.to;
};

export const CalendarDate = z.iso
  .date()
  .refine(plausibleYear, `must be a date between ${PLAUSIBLE_YEARS.from} and ${PLAUSIBLE_YEARS.to}`)
  .meta({
    description: `A calendar date, YYYY-MM-DD (Europe/Amsterdam), in the years ${PLAUSIBLE_YEARS.from}–${PLAUSIBLE_YEARS.to}.`,
    example: '2027-02-17',
  });

export const Instant = z.iso
  .datetime({ offset: true })
  .meta({ description: 'An ISO-8601 instant.', example: '2027-02-17T10:00:00.000Z' });

export const Standard = z.enum(['iWmo', 'iJw', 'iEb']).meta({ id: 'Standard' });

export const ProposalKind = z
  .enum(['release', 'plan-of-approach', 'implementation', 'other'])
  .meta({ id: 'ProposalKind', description: 'What the proposal is about (art. 6.2).' });

export const Phase = z.enum(phases).meta({
  id: 'Phase',
  description:
    'Where the proposal stands in the procedure (DESIGN 5.1). Stable: parties integrate against it.',
});

export const DecisionOutcome = z.enum(['adopted', 'rejected']).meta({ id: 'DecisionOutcome' });

export const DecisionRoute = z
  .enum(['consensus', 'vote', 'reconsideration', 'ministry', 'dglz'])
  .meta({ id: 'DecisionRoute', description: 'How the decision came about.' });

export const Choice = z.enum(['for', 'against', 'abstain']).meta({ id: 'Choice' });

export const DeadlineKind = z.enum(['arguments', 'reconsideration', 'ministry']).meta({
  id: 'DeadlineKind',
  description:
    'arguments: 6 weeks to argue an objection (art. 7.3); reconsideration: 1 week to reconsider (art. 7.4); ' +
    'ministry: 1 month for VWS to meet the parties (art. 7.6).',
});

/** C0 controls but tab and line feed, DEL, and the C1 controls (ESC sequences, CSI, NUL …). */
const CONTROL = /(?![\t\n])\p{Cc}/u;
/** Bidi embeddings, overrides and isolates ("Trojan Source"); the marks LRM/RLM stay allowed. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
const LINE_OR_PARAGRAPH_SEPARATOR = /[\u2028\u2029]/;
const LONE_SURROGATE = /\p{Surrogate}/u;
/** A character a reader sees: a letter, digit, punctuation or symbol (not space, not zero-width). */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** The rules of {@link text}, as the OpenAPI document states them. */
const TEXT_RULES =
  'Free text. CRLF and CR become LF; refused: control characters other than newline and tab, ' +
  'bidi embeddings/overrides/isolates (U+202A–U+202E, U+2066–U+2069), U+2028/U+2029, unpaired ' +
  'surrogates, and text without a visible character.';

/**
 * Free text a party writes (issue 17, row 9). It reaches e-mails, the minutes and calendar feeds,
 * so it must read as what it is: line ends are normalised to LF; control characters (but newline
 * and tab), bidi overrides, U+2028/U+2029 and lone surrogates are refused; it must contain a
 * visible character; and it is bounded so that no request can exhaust an item.
 */
export const text = (max: number) =>
  z
    .string()
    .overwrite((value) => value.replace(/\r\n?/g, '\n'))
    .max(max)
    .refine(
      (value) => !CONTROL.test(value),
      'must not contain control characters (U+0000–U+001F, U+007F–U+009F) other than newline and tab',
    )
    .refine(
      (value) => !BIDI_CONTROL.test(value),
      'must not contain bidirectional embedding, override or isolate characters (U+202A–U+202E, U+2066–U+2069)',
    )
    .refine(
      (value) => !LINE_OR_PARAGRAPH_SEPARATOR.test(value),
      'must not contain U+2028 or U+2029; use a newline',
    )
    .refine((value) => !LONE_SURROGATE.test(value), 'must not contain an unpaired surrogate')
    .refine((value) => VISIBLE.test(value), 'must contain a visible character (not blank)')
    .meta({ description: TEXT_RULES });

/** A title: free text on one line (no newline, no tab), as subjects, calendars and lists show it. */
export const title = (max: number) =>
  text(max)
    .refine((value) => !/[\n\t]/.test(value), 'must be one line (no newline or tab)')
    .meta({ description: `${TEXT_RULES} One line: no newline or tab.` });

/** A caller as the audit trail records it. */
export const Actor = z.object({ party: z.string(), roles: z.array(z.string()) }).meta({ id: 'Actor' });

/** A list's page size when the request names none, and the most a request may ask for. */
export const PAGE_SIZE = { default: 50, max: 200 } as const;

/** `limit` and `cursor`: the query parameters of every list (issue 17, row 5); spread into a query. */
export const pageQuery = {
  limit: z
    .string()
    .regex(/^[1-9]\d{0,2}$/, `must be a whole number from 1 to ${PAGE_SIZE.max}`)
    .transform(Number)
    .pipe(
      z.number().int().min(1, 'must be at least 1').max(PAGE_SIZE.max, `must be at most ${PAGE_SIZE.max}`),
    )
    .optional()
    .meta({
      description: `At most this many items (1–${PAGE_SIZE.max}, default ${PAGE_SIZE.default}).`,
      param: { schema: { type: 'integer', minimum: 1, maximum: PAGE_SIZE.max, default: PAGE_SIZE.default } },
    }),
  cursor: z
    .string()
    .max(2_048)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be the `next` of a previous page, unchanged')
    .optional()
    .meta({ description: 'The `next` of the previous page, unchanged (opaque); absent for the first page.' }),
};

/** Lists that take only `limit` and `cursor`. */
export const PageQuery = z.strictObject(pageQuery);

/** The `next` of a page: its cursor; absent after the last page. Also sent as a `Link: <…>; rel="next"` header. */
export const NextCursor = z
  .string()
  .optional()
  .meta({
    description:
      'The cursor of the next page: pass it as `cursor` (the `Link` header holds that URL, rel="next"). ' +
      'Absent after the last page. A page may hold fewer than `limit` items and still have a next page.',
  });
