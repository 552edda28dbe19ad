/**
 * The decision register (besluitenlijst) for the secretariat: as CSV for a spreadsheet and as
 * blocks for the Word document, one row per decision, in one language.
 */
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import { amsterdamMinuteOf } from '#shared/covenant/index.ts';
import type { DecisionEntry } from '#shared/schemas/register.ts';
import type { Block } from './minutes-document.ts';
import type { Language } from './minutes-text.ts';

type DecisionEntryBody = z.infer<typeof DecisionEntry>;
type Column = (d: DecisionEntryBody) => string;

interface RegisterText {
  readonly title: string;
  readonly empty: string;
  readonly columns: readonly (readonly [string, Column])[];
}

const OUTCOME_NL = { adopted: 'aangenomen', rejected: 'verworpen', dropped: 'afgevoerd' } as const;
const VIA_NL = {
  consensus: 'consensus',
  vote: 'stemming',
  reconsideration: 'heroverweging',
  ministry: 'ministerie',
  dglz: 'DGLZ',
} as const;
const OBJECTION_NL = { lapsed: 'vervallen', withdrawn: 'ingetrokken' } as const;

const TEXT: Record<Language, RegisterText> = {
  nl: {
    title: 'Besluitenlijst Stuurgroep iStandaarden sociaal domein',
    empty: 'Nog geen besluiten.',
    columns: [
      ['Besloten op', (d) => amsterdamMinuteOf(d.decidedAt)],
      ['Voorstel', (d) => d.proposalId],
      ['Titel', (d) => d.title],
      ['Standaarden', (d) => d.standards.join(', ')],
      ['Uitkomst', (d) => OUTCOME_NL[d.outcome]],
      ['Via', (d) => VIA_NL[d.via]],
      [
        'Tekst',
        (d) => (d.text === undefined || d.text === 'original' ? 'origineel' : `alternatief van ${d.text}`),
      ],
      ['Van kracht', (d) => (d.inForce ? 'ja' : 'nee')],
      ['Bezwaar', (d) => (d.objection ? OBJECTION_NL[d.objection] : '')],
      ['Vergadering', (d) => d.meetingId ?? ''],
    ],
  },
  en: {
    title: 'Decision register of the Stuurgroep iStandaarden sociaal domein',
    empty: 'No decisions yet.',
    columns: [
      ['Decided at', (d) => amsterdamMinuteOf(d.decidedAt)],
      ['Proposal', (d) => d.proposalId],
      ['Title', (d) => d.title],
      ['Standards', (d) => d.standards.join(', ')],
      ['Outcome', (d) => d.outcome],
      ['Via', (d) => d.via],
      [
        'Text',
        (d) => (d.text === undefined || d.text === 'original' ? 'original' : `alternative of ${d.text}`),
      ],
      ['In force', (d) => (d.inForce ? 'yes' : 'no')],
      ['Objection', (d) => d.objection ?? ''],
      ['Meeting', (d) => d.meetingId ?? ''],
    ],
  },
};

const rowsOf = (text: RegisterText, decisions: readonly DecisionEntryBody[]) =>
  decisions.map((d) => text.columns.map(([, value]) => value(d)));

/**
 * A cell a spreadsheet must not run as a formula: a title such as `=HYPERLINK(…)` is a party's
 * text, so a leading `=`, `+`, `-`, `@`, tab or carriage return is kept as text with an apostrophe.
 */
const inert = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

/** The register's title in `language`: the document's title and file name. */
export const decisionRegisterTitle = (language: Language) => TEXT[language].title;

/**
 * The register as CSV (RFC 4180: comma-separated, CRLF, quoted where needed), with a header row
 * and a UTF-8 byte order mark, so a spreadsheet opens é and ë as they are.
 */
export function decisionRegisterCsv(decisions: readonly DecisionEntryBody[], language: Language): string {
  const text = TEXT[language];
  return stringify(
    [text.columns.map(([name]) => name), ...rowsOf(text, decisions).map((r) => r.map(inert))],
    {
      bom: true,
      record_delimiter: 'windows',
    },
  );
}

/** The register as blocks: a heading and one table. */
export function decisionRegisterDocument(
  decisions: readonly DecisionEntryBody[],
  language: Language,
): Block[] {
  const text = TEXT[language];
  return [
    { kind: 'heading', level: 1, text: text.title },
    decisions.length === 0
      ? { kind: 'paragraph', text: text.empty }
      : { kind: 'table', header: text.columns.map(([name]) => name), rows: rowsOf(text, decisions) },
  ];
}
