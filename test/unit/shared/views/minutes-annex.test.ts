import { describe, expect, it } from 'vitest';
import { loadDefaultRegister } from '#shared/covenant/index.ts';
import { minutesDocument } from '#shared/documents/minutes-document.ts';
import type { AuditEvent, MeetingWithAgenda, ProposalAggregate } from '#shared/ports/store.ts';
import { minutesView, undeliveredMailOf } from '#shared/views/minutes.ts';
import { minutesMarkdown } from '#shared/views/minutes-markdown.ts';

const register = loadDefaultRegister();

const event = (
  version: number,
  type: string,
  payload: Record<string, unknown>,
  minute = version,
): AuditEvent => ({
  proposalId: 'p-1',
  version,
  type,
  by: { party: type === 'MAIL_UNDELIVERED' ? 'SYSTEM' : 'ZIN', roles: [] },
  at: `2027-02-17T09:${String(minute).padStart(2, '0')}:00.000Z`,
  fromState: '',
  toState: '',
  payload,
});

const undelivered = (version: number, minute: number, extra: Record<string, unknown> = {}) =>
  event(
    version,
    'MAIL_UNDELIVERED',
    {
      step: 'decision-taken',
      kind: 'refused',
      reason: 'MessageRejected',
      recipients: 2,
      parties: ['CAK', 'VNG'],
      ...extra,
    },
    minute,
  );

// GIVEN a proposal decided at m-1, whose decision e-mail SES refused after the meeting closed,
// and whose lapse e-mail (a later step, after the close) bounced
const aggregate = {
  proposal: { id: 'p-1', title: 'Release iWmo 3.3', stateKey: 'decided' },
  rounds: [],
  events: [
    event(1, 'SCHEDULE', { meetingId: 'm-1' }),
    event(2, 'CONSENSUS', { outcome: 'adopted' }),
    event(3, 'MEETING_CLOSED', { meetingId: 'm-1' }),
    undelivered(3, 30),
    event(4, 'xstate.after.objection', {}, 50),
    undelivered(4, 51, { step: 'objection-lapsed', kind: 'suppressed', reason: 'bounced-or-complained' }),
  ],
} as unknown as ProposalAggregate;
const meeting = { id: 'm-1', closedAt: '2027-02-17T09:03:00.000Z' };

describe('shared/views/minutes: the annex of undelivered e-mail (issue 14)', () => {
  it('lists the e-mail of a step the minutes record, even when it was recorded after the close', () => {
    expect(undeliveredMailOf(meeting, aggregate)).toEqual([
      {
        proposalId: 'p-1',
        at: '2027-02-17T09:30:00.000Z',
        step: 'decision-taken',
        parties: ['CAK', 'VNG'],
        kind: 'refused',
        reason: 'MessageRejected',
        recipients: 2,
      },
    ]);
  });

  it('shows it in the minutes and their Markdown with the recipient parties and no address (art. 14)', () => {
    const withAgenda = {
      meeting: {
        id: 'm-1',
        date: '2027-02-17',
        status: 'closed',
        closedAt: meeting.closedAt,
        present: [],
        createdAt: '2027-02-01T09:00:00.000Z',
      },
      agenda: [{ proposalId: 'p-1', addedAt: '2027-02-01T09:00:00.000Z' }],
    } as unknown as MeetingWithAgenda;
    const minutes = minutesView(register, withAgenda, [aggregate]);
    expect(minutes.annex.undeliveredMail.map((m) => m.step)).toEqual(['decision-taken']);
    // In English when asked (DESIGN 5); Dutch below.
    const markdown = minutesMarkdown(minutes, 'en');
    expect(markdown).toContain('## Annex: e-mail not delivered');
    expect(markdown).toContain(
      '| 2027-02-17 10:30 | `p-1` | decision-taken | CAK, VNG | 2 | refused by the mail service (MessageRejected) |',
    );
    expect(markdown).not.toContain('@');
    expect(minutesMarkdown(minutes)).toContain('## Bijlage: niet bezorgde e-mail');
    // and in the secretariat's Word and printable minutes, in Dutch
    const blocks = minutesDocument(minutes, 'nl');
    expect(blocks.slice(-3)).toEqual([
      { kind: 'heading', level: 2, text: 'Bijlage: niet bezorgde e-mail' },
      expect.objectContaining({ kind: 'paragraph' }),
      {
        kind: 'table',
        header: ['Tijd', 'Voorstel', 'Stap', 'Partijen', 'Adressen', 'Reden'],
        rows: [
          [
            '2027-02-17 10:30',
            'p-1',
            'decision-taken',
            'CAK, VNG',
            '2',
            'geweigerd door de mailservice (MessageRejected)',
          ],
        ],
      },
    ]);
  });

  it('has no annex section when every e-mail arrived', () => {
    const delivered = { ...aggregate, events: aggregate.events.filter((e) => e.type !== 'MAIL_UNDELIVERED') };
    const withAgenda = {
      meeting: {
        id: 'm-1',
        date: '2027-02-17',
        status: 'open',
        present: [],
        createdAt: '2027-02-01T09:00:00.000Z',
      },
      agenda: [{ proposalId: 'p-1', addedAt: '2027-02-01T09:00:00.000Z' }],
    } as unknown as MeetingWithAgenda;
    const minutes = minutesView(register, withAgenda, [delivered as ProposalAggregate]);
    expect(minutes.annex.undeliveredMail).toEqual([]);
    expect(minutesMarkdown(minutes)).not.toContain('Annex');
    expect(minutesDocument(minutes, 'en').some((b) => b.kind === 'heading' && b.text.includes('Annex'))).toBe(
      false,
    );
  });
});
