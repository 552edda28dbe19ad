/**
 * Input a party sends, end to end (issue 17, rows 9 and 12): implausible dates and text a reader
 * would not see as it is are refused with 400 problem+json before anything is stored.
 */
import { describe, expect, it } from 'vitest';
import { PROBLEM_BASE, type ProblemBody, useLocalStack } from './support/index.ts';

const stack = useLocalStack();

const agendaItem = (fields: Record<string, unknown>) => ({
  title: 'Release iWmo 3.3',
  description: 'De inhoud van de release.',
  standards: ['iWmo'],
  kind: 'release',
  ...fields,
});

/** These tests read the schema's own words, which are English: the request asks for English (DESIGN 5). */
const ENGLISH = { 'accept-language': 'en' };

describe('dates (issue 17, row 12)', () => {
  it('creates no meeting in year 0000 or 9999, so none can later refuse a vote with an empty absent list', async () => {
    for (const date of ['0000-01-01', '9999-12-31']) {
      const reply = await stack
        .as('ZIN')
        .post<ProblemBody>('/meetings', { date, title: 'Te vroeg of te laat' }, ENGLISH);
      expect(reply.status, date).toBe(400);
      expect(reply.body.type).toBe(`${PROBLEM_BASE}invalid-request`);
      expect(reply.body.detail).toMatch(/between 2000 and 2100/);
    }
    const meetings = await stack.as('ZIN').get<{ meetings: { date: string }[] }>('/meetings');
    expect(
      meetings.body.meetings.filter((m) => m.date.startsWith('0000') || m.date.startsWith('9999')),
    ).toEqual([]);
  });

  it('takes no implementation date in year 0000 or 9999', async () => {
    for (const implementationDate of ['0000-01-01', '9999-12-31']) {
      const reply = await stack
        .as('VNG')
        .post<ProblemBody>('/proposals', agendaItem({ implementationDate }), ENGLISH);
      expect(reply.status, implementationDate).toBe(400);
      expect(reply.body.detail).toMatch(/between 2000 and 2100/);
    }
  });
});

describe('free text (issue 17, row 9)', () => {
  it('refuses control characters, bidi overrides, invisible titles and multi-line titles', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ title: 'Release\u001b[2J' }, /control characters/],
      [{ description: 'Zie \u202Efdp.exe' }, /bidirectional/],
      [{ title: '\u200b\u200b' }, /visible character/],
      [{ title: 'Release\nWat er nu moet gebeuren:' }, /one line/],
      [{ description: 'regel\u2028regel' }, /U\+2028/],
    ];
    for (const [fields, message] of cases) {
      const reply = await stack.as('VNG').post<ProblemBody>('/proposals', agendaItem(fields), ENGLISH);
      expect(reply.status, JSON.stringify(fields)).toBe(400);
      expect(reply.body.detail).toMatch(message);
    }
  });

  it('stores CRLF and bare CR as LF', async () => {
    const reply = await stack
      .as('VNG')
      .post<{ id: string; description?: string }>(
        '/proposals',
        agendaItem({ description: 'een\r\ntwee\rdrie' }),
      );
    expect(reply.status).toBe(201);
    const proposal = await stack.as('VNG').get<{ description: string }>(`/proposals/${reply.body.id}`);
    expect(proposal.body.description).toBe('een\ntwee\ndrie');
  });
});
