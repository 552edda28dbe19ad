import { describe, expect, it } from 'vitest';
import { loadDefaultRegister } from '#shared/covenant/index.ts';
import type { AuditEvent, ProposalAggregate } from '#shared/ports/store.ts';
import { deadlinesView } from '#shared/views/deadlines.ts';
import { deadlinesCalendar } from '#shared/views/deadlines-calendar.ts';
import { historyAction } from '#shared/views/history.ts';
import { meetingRecord } from '#shared/views/minutes.ts';
import { minutesMarkdown } from '#shared/views/minutes-markdown.ts';
import { nextStep } from '#shared/views/next-step.ts';
import { partiesView } from '#shared/views/registers.ts';
import type { ProposalContext } from '#statemachines/proposal-lifecycle/index.ts';
import { testApp } from '../../functions/http/support/app.ts';
import { expectCall, objected } from '../../functions/http/support/scenarios.ts';

const register = loadDefaultRegister();

describe('shared/views/proposal-view', () => {
  it('gives the Algemene termijnenwet’s advice when a deadline ends on a weekend (policy off: not extended)', async () => {
    // Lodged on Saturday 2027-03-20: six weeks later is Saturday 2027-05-01.
    const app = testApp('2027-03-20T10:00:00.000Z');
    const { proposalId } = await objected(app);
    const view = await expectCall(app, 'GET /proposals/{id}', 200, {
      as: 'CAK',
      params: { id: proposalId },
      headers: { 'accept-language': 'en' },
    });
    const [deadline] = view.body.deadlines;
    expect(deadline).toMatchObject({ kind: 'arguments', lastDay: '2027-05-01', extended: false });
    expect(deadline.advice).toContain(
      'Algemene termijnenwet would extend a statutory deadline to the next working day, Monday 2027-05-03',
    );
    expect(view.body.next).toContain(deadline.advice);
    // Dutch by default (DESIGN 5): the same advice in the covenant's language.
    const dutch = await expectCall(app, 'GET /proposals/{id}', 200, {
      as: 'CAK',
      params: { id: proposalId },
    });
    expect(dutch.headers['content-language']).toBe('nl');
    expect(dutch.body.next).toContain('uiterlijk aan het eind van zaterdag 1 mei 2027 (Amsterdamse tijd).');
    expect(dutch.body.next).toContain('deze termijn wordt niet verlengd');
  });

  it('marks a deadline overdue once it has passed, before the workflow has moved the proposal on', async () => {
    const app = testApp();
    const { proposalId } = await objected(app);
    app.clock.advanceDays(43);
    const view = await expectCall(app, 'GET /proposals/{id}', 200, { as: 'CAK', params: { id: proposalId } });
    expect(view.body.deadlines[0].overdue).toBe(true);
  });
});

describe('shared/views/next-step', () => {
  // DESIGN 5.1: `objections` (several parties may object, art. 7.1) replaces the one `objection`.
  const context = {
    objections: [{ by: 'CAK', status: 'awaiting-arguments' }],
    pauses: [],
    meetingDate: '2027-02-17',
    decision: { outcome: 'rejected', via: 'vote' },
  } as unknown as ProposalContext;
  // These sentences are about English: the API writes Dutch unless the request asks for English (DESIGN 5).
  const nextEn: typeof nextStep = (phase, c, deadline) => nextStep(phase, c, deadline, 'en');

  it('says in Dutch by default who acts next and by when, in the covenant’s terms', () => {
    expect(nextStep('awaiting-arguments', context, { lastDay: '2027-03-31', overdue: false })).toBe(
      'CAK moet schriftelijke argumenten en een oplossing of nieuw voorstel aan de andere leden sturen, elk binnen de eigen zes weken uiterlijk aan het eind van woensdag 31 maart 2027 (Amsterdamse tijd). Anders vervalt dat bezwaar; staat er geen bezwaar meer, dan is het besluit van kracht (art. 7.3).',
    );
    expect(nextStep('decided', context, undefined)).toContain(
      'Verworpen bij stemming. Elke Ketenpartij kan bezwaar maken tot de voorzitter de vergadering van woensdag 17 februari 2027 sluit',
    );
    expect(nextStep('closed', { ...context, objectionResult: 'lapsed' }, undefined)).toBe(
      'Het bezwaar is vervallen zonder schriftelijke argumenten (art. 7.3): het besluit (verworpen) is van kracht.',
    );
  });

  it('says who acts next and by when', () => {
    expect(nextEn('awaiting-arguments', context, { lastDay: '2027-03-31', overdue: false })).toBe(
      'CAK must send written arguments and a solution or new proposal to the other members, each within its own six weeks by the end of Wednesday 2027-03-31 (Amsterdam time). Otherwise that objection lapses; when no objection stands the decision is in force (art. 7.3).',
    );
    expect(nextEn('decided', context, undefined)).toContain(
      'Rejected by vote. Any Ketenpartij may object until the chair closes the meeting of Wednesday 2027-02-17',
    );
  });

  it('art. 7.1, 7.3: names every objector still to argue, and only those', () => {
    const two = {
      ...context,
      objections: [
        { by: 'CAK', status: 'awaiting-arguments' },
        { by: 'GGZ', status: 'argued' },
        { by: 'VNG', status: 'awaiting-arguments' },
        { by: 'ACTIZ', status: 'lapsed' },
      ],
    } as unknown as ProposalContext;
    expect(nextEn('awaiting-arguments', two, undefined)).toMatch(/^CAK, VNG must send written arguments/);
  });

  it('art. 7.5: names the standing objectors that have yet to approve the note', () => {
    const approving = {
      ...context,
      objections: [
        { by: 'CAK', status: 'argued' },
        { by: 'VNG', status: 'argued' },
        { by: 'GGZ', status: 'withdrawn' },
      ],
      note: {
        motive: 'm',
        requestedDecision: 'r',
        submittedAt: '2027-04-01T08:00:00.000Z',
        returnedComments: [],
        approvals: [{ party: 'CAK', at: '2027-04-02T08:00:00.000Z' }],
      },
    } as unknown as ProposalContext;
    expect(nextEn('note-approval', approving, undefined)).toBe(
      'VNG must approve the accompanying note before it goes to VWS, or send it back with comments (art. 7.5).',
    );
  });

  it('art. 7.5, DESIGN 2.2.9: after no valid decision, says ZIN schedules again or escalates, and the group may drop it', () => {
    expect(nextEn('no-valid-decision', context, undefined)).toContain(
      'ZIN schedules the proposal again, or escalates it to VWS (art. 7.5); the group may drop it by consensus.',
    );
  });

  it('says when a deadline has passed', () => {
    expect(nextEn('ministry', context, { lastDay: '2027-03-17', overdue: true })).toMatch(
      /^The deadline ended on Wednesday 2027-03-17; the members were reminded\./,
    );
  });

  it('explains how a closed proposal ended', () => {
    expect(nextEn('closed', { ...context, objectionResult: 'lapsed' }, undefined)).toContain(
      'lapsed without written arguments (art. 7.3)',
    );
  });
});

describe('shared/views/history', () => {
  it('names model events, the submission and deadlines in public terms', () => {
    expect(historyAction('SUBMIT')).toBe('submit');
    expect(historyAction('SUBMIT_ARGUMENTS')).toBe('submit-arguments');
    expect(historyAction('xstate.after.argumentsDeadline.proposal.objection.inGroup.awaitingArguments')).toBe(
      'deadline-passed',
    );
    expect(historyAction('SOMETHING_NEW')).toBe('something_new');
  });
});

describe('shared/views/minutes', () => {
  const event = (version: number, type: string, payload: Record<string, unknown>): AuditEvent => ({
    proposalId: 'p-1',
    version,
    type,
    by: { party: type === 'REQUEST_PAUSE' ? 'ACTIZ' : 'ZIN', roles: [] },
    at: `2027-02-17T09:0${version}:00.000Z`,
    fromState: '',
    toState: '',
    payload,
  });
  const aggregate = {
    proposal: { id: 'p-1' },
    rounds: [],
    events: [
      event(1, 'SCHEDULE', { meetingId: 'm-1' }),
      // footnote 11 (DESIGN 2.2.3): the event is REQUEST_PAUSE now; PAUSE is gone.
      event(2, 'REQUEST_PAUSE', { reason: 'Agree first.' }),
      event(3, 'SCHEDULE', { meetingId: 'm-2' }),
      event(4, 'OPEN_VOTE', { meetingId: 'm-2', present: ['VNG'] }),
      event(5, 'CLOSE_VOTE', { ballots: [] }),
      event(6, 'SCHEDULE', { meetingId: 'm-3' }),
      event(7, 'CONSENSUS', { outcome: 'adopted' }),
    ],
  } as unknown as ProposalAggregate;

  it('puts each event in the minutes of the meeting the proposal was on when it happened', () => {
    expect(meetingRecord({ id: 'm-1' }, aggregate).map((e) => e.kind)).toEqual(['pause']);
    expect(meetingRecord({ id: 'm-2' }, aggregate)).toMatchObject([
      { kind: 'vote-opened', round: 1 },
      { kind: 'vote', round: 1 },
    ]);
    expect(meetingRecord({ id: 'm-3' }, aggregate)).toMatchObject([
      { kind: 'consensus', outcome: 'adopted' },
    ]);
  });

  it('leaves out of a meeting’s minutes what happened after it closed (issue: minutes per meeting)', () => {
    const later = {
      ...aggregate,
      events: [
        event(1, 'SCHEDULE', { meetingId: 'm-1' }),
        event(2, 'CONSENSUS', { outcome: 'adopted' }),
        event(3, 'OBJECT', { reason: 'before the close' }),
        event(5, 'MEETING_CLOSED', { meetingId: 'm-1' }),
        event(6, 'WITHDRAW_OBJECTION', { reason: 'after the close' }),
      ],
    } as unknown as ProposalAggregate;
    expect(
      meetingRecord({ id: 'm-1', closedAt: '2027-02-17T09:04:00.000Z' }, later).map((e) => e.kind),
    ).toEqual(['consensus', 'objection', 'objection-window-closed']);
  });

  it('DESIGN 2.2.9: records a consensus to drop the item as dropped, never as adopted', () => {
    const dropped = {
      ...aggregate,
      events: [event(1, 'SCHEDULE', { meetingId: 'm-1' }), event(2, 'CONSENSUS', { outcome: 'dropped' })],
    } as unknown as ProposalAggregate;
    expect(meetingRecord({ id: 'm-1' }, dropped)).toEqual([
      { kind: 'dropped', at: '2027-02-17T09:02:00.000Z', by: { party: 'ZIN', roles: [] } },
    ]);
  });

  it('keeps party text from breaking the Markdown', () => {
    const markdown = minutesMarkdown({
      meeting: {
        id: 'm-1',
        date: '2027-02-17',
        status: 'open',
        present: [],
        createdAt: '2027-02-01T09:00:00.000Z',
      },
      attendance: { met: false, required: [], present: [], absent: [] },
      items: [
        {
          proposalId: 'p-1',
          title: '# Heading | table',
          phase: 'awaiting-arguments',
          record: [
            {
              kind: 'objection',
              at: '2027-02-17T09:00:00.000Z',
              by: { party: 'CAK', roles: [] },
              reason: 'line one\n## not a heading',
            },
          ],
        },
      ],
      annex: { undeliveredMail: [] },
    });
    expect(markdown).toContain('### 1. \\# Heading \\| table');
    // Dutch by default (DESIGN 5), in the minutes' one catalogue (shared/documents/minutes-text.ts).
    expect(markdown).toContain('bezwaar van CAK');
    expect(markdown).toContain('“line one \\#\\# not a heading”');
    expect(markdown).toContain('- 2027-02-17 10:00 —');
  });
});

describe('shared/views/deadlines', () => {
  const records = [
    {
      proposalId: 'p-1',
      kind: 'ministry' as const,
      due: '2027-03-17T22:59:59.999Z',
      state: 'objection.atMinistry.ministryMeeting',
      title: 'Release; iWmo, 3.3',
    },
  ];

  it('lists each deadline with its last day in Amsterdam and its phase', () => {
    expect(deadlinesView(records, '2027-03-18T00:00:00.000Z').deadlines).toEqual([
      expect.objectContaining({ lastDay: '2027-03-17', overdue: true, phase: 'ministry' }),
    ]);
  });

  it('builds an all-day event on the last day with a stable UID and a link to the proposal', () => {
    // The English feed (Accept-Language: en); Dutch is the default (DESIGN 5).
    const stamp = new Date('2027-02-17T09:00:00.000Z');
    const ics = deadlinesCalendar(records, 'https://api.example', stamp, 'en');
    expect(deadlinesCalendar(records, 'https://api.example', stamp)).toContain(
      'SUMMARY:Termijn (ministerie): Release\\; iWmo\\, 3.3',
    );
    expect(ics).toContain('UID:p-1.ministry@besluitvorming.istandaarden.example');
    expect(ics).toContain('DTSTART;VALUE=DATE:20270317');
    expect(ics).toContain('DTEND;VALUE=DATE:20270318');
    expect(ics).toContain('DTSTAMP:20270217T090000Z');
    expect(ics).toContain('SUMMARY:Deadline (ministry): Release\\; iWmo\\, 3.3');
    expect(ics).toContain('URL:https://api.example/proposals/p-1');
  });
});

describe('shared/views/registers', () => {
  it('lists the parties without their representatives', () => {
    const view = partiesView(register, [], '2027-02-17T09:00:00.000Z');
    expect(JSON.stringify(view)).not.toContain('@');
    expect(view.parties.map((p) => p.id)).toContain('VWS');
    expect(view.totalVotes).toBe(18);
  });
});
