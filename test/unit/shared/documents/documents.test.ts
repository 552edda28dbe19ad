/**
 * The secretariat's documents (issue 18, item 6): each is parsed back from what was produced —
 * the Word file with mammoth, the CSV with csv-parse — and read for what a reader needs.
 */
import { parse } from 'csv-parse/sync';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { decisionRegisterCsv, decisionRegisterDocument } from '#shared/documents/decision-register.ts';
import { toDocx } from '#shared/documents/docx.ts';
import { toPrintableHtml } from '#shared/documents/html.ts';
import { minutesDocument } from '#shared/documents/minutes-document.ts';
import type { MinutesBody } from '#shared/schemas/meetings.ts';

const ZIN = { party: 'ZIN', roles: [] };

const minutes: MinutesBody = {
  meeting: {
    id: 'm-1',
    date: '2027-02-17',
    title: 'Stuurgroep februari',
    status: 'closed',
    present: ['ACTIZ', 'VNG', 'CAK', 'ZIN'],
    createdAt: '2027-02-01T09:00:00.000Z',
    closedAt: '2027-02-17T11:30:00.000Z',
  },
  attendance: {
    met: false,
    required: ['ACTIZ', 'VNG', 'CAK'],
    present: ['ACTIZ', 'VNG', 'CAK'],
    absent: ['GGZ'],
  },
  items: [
    {
      proposalId: 'p-1',
      title: 'Release iWmo 3.3',
      phase: 'awaiting-arguments',
      record: [
        {
          kind: 'vote',
          at: '2027-02-17T10:15:00.000Z',
          by: ZIN,
          round: 1,
          tally: {
            for: 12,
            against: 6,
            abstain: 0,
            cast: 18,
            threshold: 10,
            outcome: 'adopted',
            votes: [
              { party: 'VNG', choice: 'for', weight: 6, chainVote: false },
              {
                party: 'CAK',
                choice: 'against',
                weight: 6,
                chainVote: true,
                justification: 'Niet klaar <script>',
              },
            ],
            decisiveAbstentions: [],
            explanation: {
              summary: 'Adopted: 12 of 18 cast votes are for.',
              alternativeReading: {
                abstentionsCountAsCast: true,
                cast: 18,
                threshold: 10,
                outcome: 'adopted',
                summary: '',
              },
              notVoted: [],
              chainVotes: ['CAK'],
            },
          } as never,
        },
        {
          kind: 'objection',
          at: '2027-02-17T10:20:00.000Z',
          by: { party: 'CAK', roles: [] },
          reason: 'De iEb-berichten\nzijn niet klaar',
        },
        { kind: 'objection-window-closed', at: '2027-02-17T11:30:00.000Z', by: ZIN },
      ],
    },
  ],
  annex: { undeliveredMail: [] },
};

describe('minutesDocument', () => {
  it('writes the minutes in Dutch by default: attendance, the tally and every objection with its reason (art. 7.2)', () => {
    const text = minutesDocument(minutes, 'nl')
      .map((b) => ('text' in b ? b.text : b.kind === 'table' ? b.rows.flat().join(' ') : ''))
      .join('\n');
    expect(text).toContain('Notulen: Stuurgroep februari, 2027-02-17');
    expect(text).toContain('Afwezige stemgerechtigde partijen: GGZ (quorum niet gehaald, art. 6.9)');
    expect(text).toContain(
      'Aangenomen: 12 van de 18 uitgebrachte stemmen zijn voor; een geldig besluit vraagt er ten minste 10',
    );
    expect(text).toContain('bezwaar van CAK (art. 7.2): “De iEb-berichten zijn niet klaar”');
    expect(text).toContain('VNG voor 6 nee');
  });

  it('writes them in English when asked', () => {
    const blocks = minutesDocument(minutes, 'en');
    expect(blocks[0]).toEqual({
      kind: 'heading',
      level: 1,
      text: 'Minutes: Stuurgroep februari, 2027-02-17',
    });
    expect(blocks).toContainEqual({
      kind: 'entry',
      time: '2027-02-17 11:20',
      text: 'objection by CAK (art. 7.2): “De iEb-berichten zijn niet klaar”',
    });
  });
});

describe('toDocx', () => {
  it('gives a Word document that opens with the minutes’ headings, entries and tally', async () => {
    const bytes = await toDocx(minutesDocument(minutes, 'nl'), 'Notulen', 'nl');
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    expect(value).toContain('Notulen: Stuurgroep februari, 2027-02-17');
    expect(value).toContain('2027-02-17 11:15 — stemming gesloten (ronde 1).');
    expect(value).toContain('Niet klaar <script>');
    expect(value).toContain('de vergadering is gesloten');
    const html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
    expect(html).toContain('<h1>Notulen: Stuurgroep februari, 2027-02-17</h1>');
    expect(html).toContain('<table>');
  });
});

describe('toPrintableHtml', () => {
  it('escapes every party text and carries a print stylesheet', () => {
    const html = toPrintableHtml(minutesDocument(minutes, 'nl'), 'Notulen', 'nl');
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('Niet klaar &lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('@media print');
  });
});

describe('the decision register', () => {
  const decisions = [
    {
      proposalId: 'p-1',
      title: '=HYPERLINK("http://example.test","klik")',
      standards: ['iWmo', 'iJw'] as ('iWmo' | 'iJw')[],
      outcome: 'adopted' as const,
      via: 'vote' as const,
      text: 'original',
      decidedAt: '2027-02-17T10:15:00.000Z',
      inForce: true,
      meetingId: 'm-1',
      objection: 'lapsed' as const,
    },
    {
      proposalId: 'p-2',
      title: 'Uitstel, “met” komma',
      standards: ['iEb'] as 'iEb'[],
      outcome: 'rejected' as const,
      via: 'reconsideration' as const,
      text: 'CAK',
      decidedAt: '2027-03-17T10:15:00.000Z',
      inForce: false,
    },
  ];

  it('is a CSV a spreadsheet reads back row for row, with no cell it would run as a formula', () => {
    const csv = decisionRegisterCsv(decisions, 'nl');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows: string[][] = parse(csv, { bom: true });
    expect(rows[0]).toEqual([
      'Besloten op',
      'Voorstel',
      'Titel',
      'Standaarden',
      'Uitkomst',
      'Via',
      'Tekst',
      'Van kracht',
      'Bezwaar',
      'Vergadering',
    ]);
    expect(rows[1]).toEqual([
      '2027-02-17 11:15',
      'p-1',
      `'=HYPERLINK("http://example.test","klik")`,
      'iWmo, iJw',
      'aangenomen',
      'stemming',
      'origineel',
      'ja',
      'vervallen',
      'm-1',
    ]);
    expect(rows[2]?.slice(2, 8)).toEqual([
      'Uitstel, “met” komma',
      'iEb',
      'verworpen',
      'heroverweging',
      'alternatief van CAK',
      'nee',
    ]);
  });

  it('is a Word table in English when asked', async () => {
    const bytes = await toDocx(decisionRegisterDocument(decisions, 'en'), 'Decisions', 'en');
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    expect(value).toContain('Decision register of the Stuurgroep iStandaarden sociaal domein');
    expect(value).toContain('alternative of CAK');
  });

  it('says so when there is no decision yet', () => {
    expect(decisionRegisterDocument([], 'nl')).toContainEqual({
      kind: 'paragraph',
      text: 'Nog geen besluiten.',
    });
  });
});
