/**
 * Free text a party writes (issue 17, row 9): what reaches the iCalendar feed, the `.eml` bodies
 * and the minutes must be text a reader sees as it is: no control characters, no bidi tricks, no
 * invisible-only titles, one normal form of line ends, titles on one line.
 */
import { describe, expect, it } from 'vitest';
import { text, title } from '#shared/schemas/common.ts';
import { CreateMeetingBody, CreateProposalBody } from '#shared/schemas/index.ts';

const body = (fields: Record<string, unknown>) => ({
  title: 'Release iWmo 3.3',
  description: 'De inhoud van de release.',
  standards: ['iWmo'],
  kind: 'release',
  ...fields,
});

const refusal = (
  schema: { safeParse(v: unknown): { success: boolean; error?: unknown } },
  value: unknown,
) => {
  const result = schema.safeParse(value);
  expect(result.success, JSON.stringify(value)).toBe(false);
  return String(result.error);
};

describe('text()', () => {
  const reason = text(2_000);

  it.each([
    ['NUL', 'a\u0000b'],
    ['ESC (a terminal escape)', 'a\u001b[31mred'],
    ['DEL', 'a\u007fb'],
    ['a C1 control (CSI)', 'a\u009bb'],
    ['a vertical tab', 'a\u000bb'],
  ])('refuses %s', (_, value) => {
    expect(refusal(reason, value)).toMatch(/control characters/);
  });

  it.each([
    ['right-to-left override', 'invoice \u202Egpj.exe'],
    ['left-to-right embedding', 'a\u202Ab'],
    ['first-strong isolate', 'a\u2068b\u2069'],
  ])('refuses a bidi %s', (_, value) => {
    expect(refusal(reason, value)).toMatch(/bidirectional/);
  });

  it('refuses the Unicode line and paragraph separators', () => {
    expect(refusal(reason, 'a\u2028b')).toMatch(/U\+2028/);
    expect(refusal(reason, 'a\u2029b')).toMatch(/U\+2028/);
  });

  it('refuses a lone surrogate', () => {
    expect(refusal(reason, 'a\ud800b')).toMatch(/surrogate/);
  });

  it('refuses text with nothing visible: blank, or only zero-width characters', () => {
    for (const value of ['   ', '\u200b\u200b', '\u200d\ufeff', '\u00ad', '\n\t']) {
      expect(refusal(reason, value)).toMatch(/visible character/);
    }
  });

  it('keeps newlines and tabs, and turns CRLF and bare CR into LF', () => {
    expect(reason.parse('een\r\ntwee\rdrie\n\tvier')).toBe('een\ntwee\ndrie\n\tvier');
  });

  it('keeps what people write: accents, other scripts, emoji, a right-to-left mark', () => {
    for (const value of ['Zorginstituut – één', 'مرحبا \u200f', 'Ελληνικά', '✅ klaar', 'a\u200db']) {
      expect(reason.parse(value)).toBe(value);
    }
  });
});

describe('title()', () => {
  it('is one line: refuses line ends and tabs', () => {
    for (const value of ['Release\niWmo', 'Release\r\niWmo', 'Release\tiWmo']) {
      expect(refusal(title(200), value)).toMatch(/one line/);
    }
    expect(title(200).parse('Release iWmo 3.3')).toBe('Release iWmo 3.3');
  });

  it('is the rule for the titles of agenda items and meetings', () => {
    expect(refusal(CreateProposalBody, body({ title: 'Release\nWat er nu moet gebeuren:' }))).toMatch(
      /one line/,
    );
    expect(refusal(CreateMeetingBody, { date: '2027-02-17', title: 'Vergadering\nextra' })).toMatch(
      /one line/,
    );
    expect(refusal(CreateProposalBody, body({ title: '\u200b' }))).toMatch(/visible character/);
    expect(refusal(CreateProposalBody, body({ description: 'x\u0000' }))).toMatch(/control characters/);
  });
});

describe('dates (issue 17, row 12)', () => {
  it('takes plausible years only', () => {
    for (const date of ['0000-01-01', '1999-12-31', '2101-01-01', '9999-12-31']) {
      expect(refusal(CreateMeetingBody, { date })).toMatch(/between 2000 and 2100/);
      expect(refusal(CreateProposalBody, body({ implementationDate: date }))).toMatch(
        /between 2000 and 2100/,
      );
    }
    expect(CreateMeetingBody.parse({ date: '2000-01-01' }).date).toBe('2000-01-01');
    expect(CreateMeetingBody.parse({ date: '2100-12-31' }).date).toBe('2100-12-31');
  });
});
