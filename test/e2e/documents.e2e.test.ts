/**
 * The secretariat's documents over HTTP (issue 18, item 6): after a vote and an objection, the
 * minutes open as a Dutch Word document and as a printable page, and the decision register as CSV
 * and as a Word document; English on `Accept-Language: en`.
 */
import { parse } from 'csv-parse/sync';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { everyone, expectStatus, procedure, useLocalStack } from './support/index.ts';

const stack = useLocalStack();
const api = procedure(stack);

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const textOf = async (bytes: Uint8Array) =>
  (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;

describe('documents for the secretariat', () => {
  it('gives the minutes and the decision register as documents a secretariat can file', async () => {
    const { id, meetingId } = await api.decidedByVote(
      { title: 'Release iJw 3.3', standards: ['iJw'] },
      everyone('for', { CAK: { choice: 'against', justification: 'De eigen bijdrage raakt iJw niet.' } }),
    );
    await api.object(id, 'CAK', 'De iEb-berichten zijn niet klaar');
    await api.closeMeeting(meetingId);
    const kbsd = stack.as('KBSD');

    const minutes = await kbsd.bytes(`/meetings/${meetingId}/minutes.docx`);
    expect(minutes.status).toBe(200);
    expect(minutes.headers.get('content-type')).toBe(DOCX);
    expect(minutes.headers.get('content-disposition')).toMatch(/^attachment; filename="notulen-.*\.docx"$/);
    const dutch = await textOf(minutes.body);
    expect(dutch).toContain('Aangenomen: 12 van de 18 uitgebrachte stemmen zijn voor');
    expect(dutch).toContain('bezwaar van CAK (art. 7.2): “De iEb-berichten zijn niet klaar”');
    expect(dutch).toContain('De eigen bijdrage raakt iJw niet.');

    const english = await kbsd.bytes(`/meetings/${meetingId}/minutes.docx`, {
      'accept-language': 'en-GB,en;q=0.9,nl;q=0.5',
    });
    expect(await textOf(english.body)).toContain('objection by CAK (art. 7.2)');

    const page = await kbsd.get<string>(`/meetings/${meetingId}/minutes.html`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(expectStatus(page, 200)).toContain('<h1>Notulen: Stuurgroep: Release iJw 3.3');

    const csv = expectStatus(await kbsd.get<string>('/decisions.csv'), 200);
    const rows: string[][] = parse(csv, { bom: true });
    expect(rows[0]?.[0]).toBe('Besloten op');
    expect(rows.find((r) => r[1] === id)?.slice(2, 8)).toEqual([
      'Release iJw 3.3',
      'iJw',
      'aangenomen',
      'stemming',
      'origineel',
      'nee',
    ]);

    const register = await kbsd.bytes('/decisions.docx');
    expect(register.headers.get('content-type')).toBe(DOCX);
    expect(await textOf(register.body)).toContain('Besluitenlijst Stuurgroep iStandaarden sociaal domein');
  });

  it('answers 404 for the minutes of a meeting that does not exist', async () => {
    const reply = await stack.as('KBSD').bytes('/meetings/m-unknown/minutes.docx');
    expect(reply.status).toBe(404);
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
  });
});
