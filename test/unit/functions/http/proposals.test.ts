import { SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PROBLEM_BASE } from '#shared/http/problems.ts';
import { initialTimer } from '#statemachines/compiler/index.ts';
import {
  BASE_URL,
  STATE_MACHINE_ARN,
  startExecution,
  type TestApp,
  testApp,
  VOTING_PARTIES,
} from './support/app.ts';
import {
  atMinistry,
  attend,
  castAll,
  createMeeting,
  decided,
  expectCall,
  noteDrafting,
  objected,
  proposalBody,
  reconsidering,
  scheduled,
  submit,
  voting,
} from './support/scenarios.ts';

const problem = (slug: string) => `${PROBLEM_BASE}${slug}`;
const everyone = (choice: 'for' | 'against') => Object.fromEntries(VOTING_PARTIES.map((p) => [p, choice]));
/** 12–6 adopted: CAK against (art. 6.9). */
const adopted = { ...everyone('for'), CAK: 'against' } as const;
/** 9–9: no valid decision. */
const tied = { ...everyone('against'), VNG: 'for', ACTIZ: 'for', GGZ: 'for', JZN: 'for' } as const;

let app: TestApp;
beforeEach(() => {
  app = testApp();
});

const zinOn = (id: string, body?: unknown) => ({
  as: 'ZIN',
  params: { id },
  ...(body === undefined ? {} : { body }),
});

describe('functions/http/proposals: tabling and reading', () => {
  it('tables an agenda item, starts its workflow execution with the initial signal, and links to it', async () => {
    const response = await expectCall(app, 'POST /proposals', 201, { as: 'VNG', body: proposalBody });
    const { id } = response.body;
    expect(id).toMatch(/^p-[A-Za-z0-9_-]{16}$/);
    expect(response.headers.location).toBe(`${BASE_URL}/proposals/${id}`);
    expect(response.body).toMatchObject({ phase: 'submitted', submittedBy: 'VNG', actions: ['withdraw'] });
    expect(app.sfn).toHaveReceivedCommandWith(StartExecutionCommand, {
      stateMachineArn: STATE_MACHINE_ARN,
      name: id,
      input: JSON.stringify({
        proposalId: id,
        // With its first park's timer: the execution parks without a timer task (issue 16).
        signal: { type: 'xstate.init', target: 'submitted', version: 1, timer: initialTimer(id) },
      }),
    });
  });

  it('refuses an invalid agenda item with 400 naming each field', async () => {
    const response = await expectCall(app, 'POST /proposals', 400, {
      as: 'VNG',
      body: { ...proposalBody, title: '  ', standards: ['iWmo', 'iXX'], extra: true },
    });
    const paths = response.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.title', 'body.standards[1]', 'body']));
    expect(response.body.type).toBe(problem('invalid-request'));
  });

  it('tables the proposal even when the workflow cannot start now: its start signal waits for the relay loop', async () => {
    app.sfn
      .on(StartExecutionCommand)
      .rejectsOnce(new Error('Step Functions unavailable'))
      .callsFake(startExecution);
    const created = await expectCall(app, 'POST /proposals', 201, { as: 'VNG', body: proposalBody });
    // The creation's audit event carries the start signal, still listed for the relay loop.
    const creation = app.table.get({ pk: `PROPOSAL#${created.body.id}`, sk: 'EVENT#0000000001' });
    expect(creation).toMatchObject({
      signal: { type: 'xstate.init', target: 'submitted', version: 1 },
      signalpk: 'SIGNALS',
    });
    const next = await expectCall(app, 'POST /proposals', 201, { as: 'VNG', body: proposalBody });
    // Started at once: settled, off the list (the event keeps its signal).
    const started = app.table.get({ pk: `PROPOSAL#${next.body.id}`, sk: 'EVENT#0000000001' });
    expect(started).toMatchObject({ signal: { type: 'xstate.init' } });
    expect(started).not.toHaveProperty('signalpk');
    expect(app.sfn).toHaveReceivedCommandTimes(StartExecutionCommand, 2);
  });

  it('lists proposals by phase and standard', async () => {
    const iwmo = await submit(app);
    const ijw = await submit(app, 'JZN', { standards: ['iJw'], title: 'Release iJw 3.3' });
    await expectCall(app, 'POST /proposals/{id}/draft', 200, zinOn(ijw, { text: 'Worked out.' }));
    const byStandard = await expectCall(app, 'GET /proposals', 200, {
      as: 'CAK',
      query: { standard: 'iJw' },
    });
    expect(byStandard.body.proposals.map((p: { id: string }) => p.id)).toEqual([ijw]);
    const byPhase = await expectCall(app, 'GET /proposals', 200, {
      as: 'CAK',
      query: { phase: 'submitted' },
    });
    expect(byPhase.body.proposals.map((p: { id: string }) => p.id)).toEqual([iwmo]);
    await expectCall(app, 'GET /proposals', 400, { as: 'CAK', query: { phase: 'pending' } });
  });

  it('shows each caller what it may do now, and 404 for an unknown proposal', async () => {
    const id = await submit(app);
    const view = async (as: string) =>
      (await expectCall(app, 'GET /proposals/{id}', 200, { as, params: { id } })).body;
    expect((await view('ZIN')).actions).toEqual(['draft', 'withdraw']);
    expect((await view('VNG')).actions).toEqual(['withdraw']);
    expect((await view('CAK')).actions).toEqual([]);
    // DESIGN 5: `next` is Dutch unless the request asks for English.
    expect((await view('CAK')).next).toContain('ZIN werkt het agendapunt uit tot een voorstel (art. 6.2)');
    const missing = await expectCall(app, 'GET /proposals/{id}', 404, {
      as: 'CAK',
      params: { id: 'p-unknown' },
    });
    expect(missing.body).toMatchObject({ type: problem('proposal-not-found'), proposalId: 'p-unknown' });
  });

  it('keeps the audit trail with stable action names and phases', async () => {
    const { proposalId } = await decided(app);
    const history = await expectCall(app, 'GET /proposals/{id}/history', 200, {
      as: 'KBSD',
      params: { id: proposalId },
    });
    expect(history.body.events.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'draft',
      'schedule',
      'record-consensus',
    ]);
    expect(history.body.events.at(-1)).toMatchObject({
      fromPhase: 'scheduled',
      toPhase: 'decided',
      details: { outcome: 'adopted' },
    });
    await expectCall(app, 'GET /proposals/{id}/history', 404, { as: 'KBSD', params: { id: 'p-none' } });
  });
});

describe('functions/http/proposals: before the decision', () => {
  it('works the item out, schedules it on an open meeting, and refuses an unknown or closed meeting', async () => {
    const id = await submit(app);
    const ready = await expectCall(
      app,
      'POST /proposals/{id}/draft',
      200,
      zinOn(id, { text: 'The proposal.' }),
    );
    expect(ready.body).toMatchObject({ phase: 'ready', text: 'The proposal.' });
    const unknown = await expectCall(
      app,
      'POST /proposals/{id}/schedule',
      404,
      zinOn(id, { meetingId: 'm-none' }),
    );
    expect(unknown.body.type).toBe(problem('meeting-not-found'));
    const closedMeeting = await createMeeting(app, '2027-01-20');
    await expectCall(app, 'POST /meetings/{id}/close', 200, { as: 'ZIN', params: { id: closedMeeting } });
    const closed = await expectCall(
      app,
      'POST /proposals/{id}/schedule',
      409,
      zinOn(id, { meetingId: closedMeeting }),
    );
    expect(closed.body.type).toBe(problem('meeting-closed'));
    const meetingId = await createMeeting(app);
    const on = await expectCall(app, 'POST /proposals/{id}/schedule', 200, zinOn(id, { meetingId }));
    expect(on.body).toMatchObject({ phase: 'scheduled', meetingId, meetingDate: '2027-02-17' });
    const meeting = await expectCall(app, 'GET /meetings/{id}', 200, {
      as: 'VNG',
      params: { id: meetingId },
    });
    expect(meeting.body.agenda.map((a: { proposalId: string }) => a.proposalId)).toEqual([id]);
  });

  it('lets the submitter withdraw its item', async () => {
    const id = await submit(app);
    const response = await expectCall(app, 'POST /proposals/{id}/withdrawal', 200, {
      as: 'VNG',
      params: { id },
    });
    expect(response.body).toMatchObject({ phase: 'withdrawn', actions: [] });
  });

  // footnote 11 "vragen voor een pauzering" (DESIGN 2.2.3): a provider association asks; the chair
  // grants (back to be rescheduled) or refuses. Before this change the request paused at once.
  it('lets a provider association ask for a pause, which the chair grants: back to be rescheduled (footnote 11)', async () => {
    const { proposalId } = await scheduled(app);
    const reason = 'The providers agree among themselves first.';
    const asked = await expectCall(app, 'POST /proposals/{id}/pause', 200, {
      as: 'ACTIZ',
      params: { id: proposalId },
      body: { reason },
    });
    expect(asked.body).toMatchObject({
      phase: 'scheduled',
      pauseRequest: { by: 'ACTIZ', reason, status: 'requested' },
      pauses: [],
    });
    const forZin = await expectCall(app, 'GET /proposals/{id}', 200, zinOn(proposalId));
    expect(forZin.body.actions).toContain('decide-pause');
    const granted = await expectCall(
      app,
      'POST /proposals/{id}/pause/decision',
      200,
      zinOn(proposalId, { granted: true }),
    );
    expect(granted.body).toMatchObject({
      phase: 'ready',
      pauseRequest: { by: 'ACTIZ', status: 'granted' },
      pauses: [{ by: 'ACTIZ', reason }],
    });
    expect(granted.body.next).toContain('(voetnoot 11)'); // DESIGN 5: Dutch by default
  });

  it('lets the chair refuse a pause, with a reason: the item stays scheduled (footnote 11)', async () => {
    const { proposalId } = await scheduled(app);
    await expectCall(app, 'POST /proposals/{id}/pause', 200, {
      as: 'GGZ',
      params: { id: proposalId },
      body: { reason: 'Agree first.' },
    });
    const noReason = await expectCall(
      app,
      'POST /proposals/{id}/pause/decision',
      400,
      zinOn(proposalId, { granted: false }),
    );
    expect(noReason.body.errors).toEqual([
      { path: 'body.reason', message: 'give the reason when you refuse a pause' },
    ]);
    await expectCall(app, 'POST /proposals/{id}/pause/decision', 403, {
      as: 'GGZ',
      params: { id: proposalId },
      body: { granted: true },
    });
    const refused = await expectCall(
      app,
      'POST /proposals/{id}/pause/decision',
      200,
      zinOn(proposalId, { granted: false, reason: 'The decision cannot wait.' }),
    );
    expect(refused.body).toMatchObject({
      phase: 'scheduled',
      pauseRequest: { status: 'refused', decisionReason: 'The decision cannot wait.' },
      pauses: [],
    });
  });

  it('refuses a pause asked for by a party that is not a provider association (footnote 11)', async () => {
    const { proposalId } = await scheduled(app);
    await expectCall(app, 'POST /proposals/{id}/pause', 403, {
      as: 'VNG',
      params: { id: proposalId },
      body: { reason: 'Not ours to ask.' },
    });
  });

  it('records consensus: decided, the objection window open until the meeting closes', async () => {
    const { proposalId, meetingId } = await decided(app, 'rejected');
    const response = await expectCall(app, 'GET /proposals/{id}', 200, {
      as: 'CAK',
      params: { id: proposalId },
    });
    expect(response.body).toMatchObject({
      phase: 'decided',
      decision: { outcome: 'rejected', via: 'consensus', inForce: false, meetingId },
      actions: ['object'],
    });
    expect(response.body.next).toContain('Elke Ketenpartij kan bezwaar maken'); // DESIGN 5: Dutch by default
  });

  it('says what is possible now when an action does not fit the phase (409)', async () => {
    const id = await submit(app);
    const response = await expectCall(
      app,
      'POST /proposals/{id}/consensus',
      409,
      zinOn(id, { outcome: 'adopted' }),
    );
    expect(response.body).toMatchObject({
      type: problem('not-possible'),
      phase: 'submitted',
      possibleActions: ['draft', 'withdraw'],
    });
  });
});

describe('functions/http/proposals: voting', () => {
  it('refuses to open a vote without every voting party present, naming who is absent (art. 6.9)', async () => {
    const { proposalId, meetingId } = await scheduled(app);
    await attend(
      app,
      meetingId,
      VOTING_PARTIES.filter((p) => p !== 'CAK'),
    );
    const response = await expectCall(app, 'POST /proposals/{id}/vote', 422, zinOn(proposalId));
    expect(response.body).toMatchObject({
      type: problem('attendance-quorum'),
      rule: 'attendance-quorum',
      article: '6.9',
      absent: ['CAK'],
    });
  });

  it('opens the vote, takes each party’s ballot (changeable), and adopts 12–6', async () => {
    const { proposalId } = await voting(app);
    const open = await expectCall(app, 'GET /proposals/{id}', 200, { as: 'VNG', params: { id: proposalId } });
    // art. 7.1: while the vote is open a Ketenpartij may also object in writing, before the decision.
    expect(open.body).toMatchObject({
      phase: 'voting',
      actions: ['object', 'vote'],
      voting: { round: 1, voted: [] },
    });
    const first = await expectCall(app, 'PUT /proposals/{id}/votes/{party}', 200, {
      as: 'CAK',
      params: { id: proposalId, party: 'CAK' },
      body: { choice: 'for' },
    });
    expect(first.body).toMatchObject({ party: 'CAK', choice: 'for', round: 1, voted: ['CAK'] });
    await castAll(app, proposalId, adopted);
    const closed = await expectCall(app, 'POST /proposals/{id}/vote/close', 200, zinOn(proposalId));
    expect(closed.body).toMatchObject({
      phase: 'decided',
      decision: { outcome: 'adopted', via: 'vote' },
      tally: { for: 12, against: 6, cast: 18, threshold: 10, outcome: 'adopted' },
    });
    expect(closed.body.tally.votes.find((v: { party: string }) => v.party === 'JZN')).toMatchObject({
      chainVote: true,
    });
  });

  // DESIGN 2.2.9: dropping is a decision of the group, recorded as a consensus to drop; the chair's
  // own drop route is gone.
  it('gives no valid decision at 9–9, and the group may then drop the proposal by consensus (DESIGN 2.2.9)', async () => {
    const { proposalId } = await voting(app);
    await castAll(app, proposalId, tied);
    const closed = await expectCall(app, 'POST /proposals/{id}/vote/close', 200, zinOn(proposalId));
    expect(closed.body).toMatchObject({
      phase: 'no-valid-decision',
      tally: { for: 9, against: 9, outcome: 'no-valid-decision' },
    });
    // DESIGN 5: the tally's explanation is Dutch unless the request asks for English.
    expect(closed.headers['content-language']).toBe('nl');
    expect(closed.body.tally.explanation.summary).toBe(
      'Geen geldig besluit: 9 voor en 9 tegen van 18 uitgebrachte stemmen; geen van beide haalt de 10 (de helft van 18, plus één) die een geldig besluit vraagt.',
    );
    expect(closed.body.tally.explanation.rule).toContain(
      'Elke Ketenpartij brengt al haar stemmen als één blok uit',
    );
    const english = await expectCall(app, 'GET /proposals/{id}', 200, {
      ...zinOn(proposalId),
      headers: { 'accept-language': 'en' },
    });
    expect(english.headers['content-language']).toBe('en');
    expect(english.body.tally.explanation.summary).toBe(
      'No valid decision: 9 for and 9 against of 18 cast votes; neither reaches the 10 (half of 18, plus one) a valid decision needs.',
    );
    expect(closed.body.actions).toEqual(expect.arrayContaining(['schedule', 'escalate', 'record-consensus']));
    const adopted = await expectCall(
      app,
      'POST /proposals/{id}/consensus',
      409,
      zinOn(proposalId, { outcome: 'adopted' }),
    );
    expect(adopted.body.phase).toBe('no-valid-decision');
    const dropped = await expectCall(
      app,
      'POST /proposals/{id}/consensus',
      200,
      zinOn(proposalId, { outcome: 'dropped' }),
    );
    expect(dropped.body).toMatchObject({
      phase: 'dropped',
      decision: { outcome: 'dropped', via: 'consensus', text: 'original' },
      actions: [],
    });
  });

  it('art. 7.5: escalates a proposal with no valid decision to VWS; without an objector the note goes at once', async () => {
    const { proposalId } = await voting(app);
    await castAll(app, proposalId, tied);
    await expectCall(app, 'POST /proposals/{id}/vote/close', 200, zinOn(proposalId));
    const escalated = await expectCall(
      app,
      'POST /proposals/{id}/escalation',
      200,
      zinOn(proposalId, { reason: 'The group cannot decide.' }),
    );
    expect(escalated.body).toMatchObject({
      phase: 'note-drafting',
      escalation: { reason: 'The group cannot decide.', after: 'no-valid-decision' },
      objections: [],
    });
    expect(escalated.body.actions).toContain('submit-note');
    const note = { motive: 'No valid decision (9–9).', requestedDecision: 'Decide on the release.' };
    const atVws = await expectCall(app, 'POST /proposals/{id}/escalation/note', 200, zinOn(proposalId, note));
    expect(atVws.body).toMatchObject({ phase: 'ministry', deadlines: [{ kind: 'ministry' }] });
  });

  it('refuses to close a vote with a ballot missing, naming the party, unless the chair records it as abstaining (DESIGN 2.2.6)', async () => {
    const { proposalId } = await voting(app);
    const { CAK: _missing, ...allButCak } = adopted;
    await castAll(app, proposalId, allButCak);
    const refused = await expectCall(app, 'POST /proposals/{id}/vote/close', 422, zinOn(proposalId));
    expect(refused.body).toMatchObject({ type: problem('missing-ballots'), missing: ['CAK'] });
    const closed = await expectCall(
      app,
      'POST /proposals/{id}/vote/close',
      200,
      zinOn(proposalId, { missingBallots: 'abstain' }),
    );
    expect(closed.body.tally).toMatchObject({
      for: 12,
      against: 0,
      abstain: 6,
      cast: 12,
      outcome: 'adopted',
    });
    expect(closed.body.tally.votes.find((v: { party: string }) => v.party === 'CAK')).toMatchObject({
      choice: 'abstain',
      recordedAsMissing: true,
    });
  });

  it('lets the chair record the ballot a present party gives in the room, marked as recorded by ZIN (DESIGN 2.2.5)', async () => {
    const { proposalId } = await voting(app);
    const others = Object.fromEntries(Object.entries(adopted).filter(([party]) => party !== 'VNG'));
    await castAll(app, proposalId, others);
    await expectCall(app, 'PUT /proposals/{id}/votes/{party}', 200, {
      as: 'ZIN',
      params: { id: proposalId, party: 'VNG' },
      body: { choice: 'for' },
    });
    const closed = await expectCall(app, 'POST /proposals/{id}/vote/close', 200, zinOn(proposalId));
    expect(closed.body.tally.votes.find((v: { party: string }) => v.party === 'VNG')).toMatchObject({
      choice: 'for',
      recordedBy: 'ZIN',
    });
  });

  it('refuses a ballot when no vote is open (409) and for another party (403)', async () => {
    const { proposalId } = await scheduled(app);
    const ballot = { choice: 'for' };
    const notOpen = await expectCall(app, 'PUT /proposals/{id}/votes/{party}', 409, {
      as: 'VNG',
      params: { id: proposalId, party: 'VNG' },
      body: ballot,
    });
    expect(notOpen.body.phase).toBe('scheduled');
    await expectCall(app, 'PUT /proposals/{id}/votes/{party}', 403, {
      as: 'VNG',
      params: { id: proposalId, party: 'CAK' },
      body: ballot,
    });
  });
});

describe('functions/http/proposals: objection and escalation', () => {
  it('lodges an objection (art. 7.2) with the six-week deadline for arguments (art. 7.3)', async () => {
    const { proposalId } = await objected(app);
    const view = await expectCall(app, 'GET /proposals/{id}', 200, { as: 'CAK', params: { id: proposalId } });
    // DESIGN 5.1: `objections` lists every party's objection, each with its own six weeks.
    expect(view.body).toMatchObject({
      phase: 'awaiting-arguments',
      objections: [
        {
          by: 'CAK',
          reason: 'The CAK cannot implement this in time.',
          against: 'adopted',
          status: 'awaiting-arguments',
        },
      ],
      deadlines: [{ kind: 'arguments', party: 'CAK', lastDay: '2027-03-31', overdue: false }],
      actions: ['submit-arguments', 'withdraw-objection'],
    });
    expect(view.body.next).toContain('woensdag 31 maart 2027'); // DESIGN 5: Dutch by default
  });

  // DESIGN 2.4: the blackout reads the release calendar's agreed dates, never a date typed into the
  // proposal being objected to (before this change it read the proposal's implementationDate).
  it('refuses an objection to an implementation in the month before an agreed implementation date of the release calendar, naming the date (art. 7.4)', async () => {
    // art. 7.4, last sentence: only an objection "tegen de implementatie van een nieuwe versie".
    const { proposalId } = await decided(app, 'adopted', { kind: 'implementation' });
    // The release calendar's store is not built yet (DESIGN 2.4): its port answers here.
    vi.spyOn(app.deps.store, 'agreedImplementations').mockResolvedValue([
      { standard: 'iWmo', version: '3.2', implementationDate: '2027-03-01' },
    ]);
    const response = await expectCall(app, 'POST /proposals/{id}/objection', 422, {
      as: 'CAK',
      params: { id: proposalId },
      body: { reason: 'Too late.' },
    });
    expect(response.body).toMatchObject({
      type: problem('objection-blackout'),
      article: '7.4',
      standard: 'iWmo',
      version: '3.2',
      implementationDate: '2027-03-01',
      blackoutFrom: '2027-02-01',
    });
    expect(app.deps.store.agreedImplementations).toHaveBeenCalledWith(['iWmo']);
  });

  it('DESIGN 2.4: takes an objection although the proposal itself names an implementation date within a month', async () => {
    const { proposalId } = await decided(app, 'adopted', {
      kind: 'implementation',
      implementationDate: '2027-03-01',
    });
    const response = await expectCall(app, 'POST /proposals/{id}/objection', 200, {
      as: 'CAK',
      params: { id: proposalId },
      body: { reason: 'Not agreed in any calendar.' },
    });
    expect(response.body.phase).toBe('awaiting-arguments');
  });

  it("art. 7.1: takes a second party's objection, each with its own deadline, and names both as objectors", async () => {
    const { proposalId } = await objected(app);
    app.clock.advanceDays(0.5);
    const second = await expectCall(app, 'POST /proposals/{id}/objection', 200, {
      as: 'VNG',
      params: { id: proposalId },
      body: { reason: 'The municipalities need more time too.' },
    });
    expect(second.body.objections.map((o: { by: string }) => o.by)).toEqual(['CAK', 'VNG']);
    expect(second.body.deadlines.map((d: { party: string }) => d.party)).toEqual(['CAK', 'VNG']);
    // art. 7.1: each party objects once; its objection stands until it ends.
    const again = await expectCall(app, 'POST /proposals/{id}/objection', 422, {
      as: 'CAK',
      params: { id: proposalId },
      body: { reason: 'Twice.' },
    });
    expect(again.body).toMatchObject({ rule: 'objection-already-lodged', article: '7.1' });
  });

  it('art. 7.1: takes an objection in writing before the meeting, which takes effect when the decision it names is taken', async () => {
    const { proposalId } = await scheduled(app);
    const written = await expectCall(app, 'POST /proposals/{id}/objection', 200, {
      as: 'CAK',
      params: { id: proposalId },
      body: { reason: 'We object to a rejection.', against: 'rejected' },
    });
    expect(written.body).toMatchObject({
      phase: 'scheduled',
      objections: [{ by: 'CAK', against: 'rejected', status: 'pending' }],
    });
    const rejected = await expectCall(
      app,
      'POST /proposals/{id}/consensus',
      200,
      zinOn(proposalId, { outcome: 'rejected' }),
    );
    expect(rejected.body).toMatchObject({
      phase: 'awaiting-arguments',
      objections: [{ by: 'CAK', status: 'awaiting-arguments' }],
      deadlines: [{ kind: 'arguments', party: 'CAK' }],
    });
  });

  it('art. 7.1: a written objection against the outcome not taken becomes moot', async () => {
    const { proposalId } = await scheduled(app);
    await expectCall(app, 'POST /proposals/{id}/objection', 200, {
      as: 'CAK',
      params: { id: proposalId },
      body: { reason: 'We object to an adoption.' },
    });
    const rejected = await expectCall(
      app,
      'POST /proposals/{id}/consensus',
      200,
      zinOn(proposalId, { outcome: 'rejected' }),
    );
    expect(rejected.body).toMatchObject({
      phase: 'decided',
      objections: [{ by: 'CAK', against: 'adopted', status: 'moot' }],
    });
  });

  it('takes the arguments: one week to reconsider (art. 7.4)', async () => {
    const { proposalId } = await reconsidering(app);
    const view = await expectCall(app, 'GET /proposals/{id}', 200, { as: 'ZIN', params: { id: proposalId } });
    expect(view.body).toMatchObject({
      phase: 'reconsideration',
      deadlines: [{ kind: 'reconsideration', lastDay: '2027-02-24' }],
    });
    expect(view.body.actions).toEqual(
      expect.arrayContaining(['record-consensus', 'open-vote', 'record-no-decision', 'schedule']),
    );
  });

  it('reconsiders by vote on a new meeting: the decision is final at once (art. 7.4)', async () => {
    const { proposalId } = await reconsidering(app);
    const meetingId = await createMeeting(app, '2027-02-23');
    await expectCall(app, 'POST /proposals/{id}/schedule', 200, zinOn(proposalId, { meetingId }));
    // DESIGN 2.2.5: what happens at a meeting is recorded on or after its date, never before.
    const early = await expectCall(app, 'PUT /meetings/{id}/attendance', 422, {
      as: 'ZIN',
      params: { id: meetingId },
      body: { present: [...VOTING_PARTIES, 'ZIN'] },
    });
    expect(early.body).toMatchObject({ rule: 'meeting-not-held', meetingDate: '2027-02-23' });
    app.clock.advanceDays(6);
    await attend(app, meetingId);
    const open = await expectCall(app, 'POST /proposals/{id}/vote', 200, zinOn(proposalId));
    expect(open.body).toMatchObject({ phase: 'reconsideration-voting', voting: { meetingId, round: 1 } });
    await castAll(app, proposalId, adopted);
    const closed = await expectCall(app, 'POST /proposals/{id}/vote/close', 200, zinOn(proposalId));
    expect(closed.body).toMatchObject({
      phase: 'closed',
      decision: { outcome: 'adopted', via: 'reconsideration', text: 'original', inForce: true, meetingId },
      // DESIGN 5.1: the objection keeps its own status; the decision says how the procedure ended.
      objections: [{ by: 'CAK', status: 'argued' }],
    });
  });

  it('records that the reconsideration reached no decision: ZIN drafts the note (art. 7.5)', async () => {
    const { proposalId } = await reconsidering(app);
    const response = await expectCall(
      app,
      'POST /proposals/{id}/reconsideration/no-decision',
      200,
      zinOn(proposalId),
    );
    expect(response.body).toMatchObject({
      phase: 'note-drafting',
      objections: [{ by: 'CAK', status: 'argued' }],
      escalation: { after: 'reconsideration' },
      deadlines: [],
      // art. 7.2: the decision's meeting is still open, so ZIN may still close it.
      actions: ['close-meeting', 'submit-note'],
    });
    expect(response.body.next).toContain('ZIN stelt de begeleidende notitie aan VWS op'); // DESIGN 5: Dutch by default
  });

  // DESIGN 2.3 step 4: the decision is in force when its meeting is closed and every objection has
  // lapsed or been withdrawn. Before this change a withdrawal put it in force while the meeting was open.
  it('lets the objector withdraw: the decision is in force once its meeting is closed (art. 7.2, DESIGN 2.3)', async () => {
    const { proposalId, meetingId } = await objected(app);
    const response = await expectCall(app, 'POST /proposals/{id}/objection/withdrawal', 200, {
      as: 'CAK',
      params: { id: proposalId },
    });
    expect(response.body).toMatchObject({
      phase: 'decided',
      decision: { inForce: false },
      objections: [{ by: 'CAK', status: 'withdrawn' }],
    });
    await expectCall(app, 'POST /meetings/{id}/close', 200, { as: 'ZIN', params: { id: meetingId } });
    const closed = await expectCall(app, 'GET /proposals/{id}', 200, {
      as: 'CAK',
      params: { id: proposalId },
    });
    expect(closed.body).toMatchObject({
      phase: 'closed',
      decision: { inForce: true },
      objections: [{ by: 'CAK', status: 'withdrawn' }],
    });
  });

  it('lets the objector withdraw after the meeting closed: the decision is in force at once (DESIGN 2.3)', async () => {
    const { proposalId, meetingId } = await objected(app);
    await expectCall(app, 'POST /meetings/{id}/close', 200, { as: 'ZIN', params: { id: meetingId } });
    const response = await expectCall(app, 'POST /proposals/{id}/objection/withdrawal', 200, {
      as: 'CAK',
      params: { id: proposalId },
    });
    expect(response.body).toMatchObject({
      phase: 'closed',
      decision: { inForce: true, objection: 'withdrawn' },
      objections: [{ by: 'CAK', status: 'withdrawn' }],
    });
  });

  it('escalates: the note goes back with comments, then is approved and goes to VWS (art. 7.5)', async () => {
    const { proposalId } = await noteDrafting(app);
    const note = { motive: 'No decision.', requestedDecision: 'Decide.' };
    await expectCall(app, 'POST /proposals/{id}/escalation/note', 200, zinOn(proposalId, note));
    const noComments = await expectCall(app, 'POST /proposals/{id}/escalation/note/approval', 400, {
      as: 'CAK',
      params: { id: proposalId },
      body: { approved: false },
    });
    expect(noComments.body.errors).toEqual([
      { path: 'body.comments', message: 'say what to change when you send the note back' },
    ]);
    const returned = await expectCall(app, 'POST /proposals/{id}/escalation/note/approval', 200, {
      as: 'CAK',
      params: { id: proposalId },
      body: { approved: false, comments: 'Name the date.' },
    });
    expect(returned.body).toMatchObject({
      phase: 'note-drafting',
      note: { returnedComments: [{ comments: 'Name the date.' }] },
    });
  });

  it('records the ministry outcome; without one the DGLZ decides, and only VWS with role dglz (art. 7.6)', async () => {
    const { proposalId } = await atMinistry(app);
    const dglz = await expectCall(
      app,
      'POST /proposals/{id}/escalation/ministry-outcome',
      200,
      zinOn(proposalId, { outcome: 'no-decision' }),
    );
    expect(dglz.body.phase).toBe('dglz');
    const final = { outcome: 'rejected', rationale: 'The date cannot be met.' };
    await expectCall(app, 'POST /proposals/{id}/escalation/final-decision', 403, {
      as: 'VWS',
      params: { id: proposalId },
      body: final,
    });
    const decidedByDglz = await expectCall(app, 'POST /proposals/{id}/escalation/final-decision', 200, {
      as: { party: 'VWS', roles: ['dglz'] },
      params: { id: proposalId },
      body: final,
    });
    expect(decidedByDglz.body).toMatchObject({
      phase: 'closed',
      decision: { outcome: 'rejected', via: 'dglz', inForce: true, rationale: 'The date cannot be met.' },
    });
  });

  it('records the ministry’s decision as final', async () => {
    const { proposalId } = await atMinistry(app);
    const response = await expectCall(
      app,
      'POST /proposals/{id}/escalation/ministry-outcome',
      200,
      zinOn(proposalId, { outcome: 'adopted' }),
    );
    expect(response.body).toMatchObject({
      phase: 'closed',
      decision: { via: 'ministry', inForce: true },
      objections: [{ by: 'CAK', status: 'argued' }],
    });
  });
});

describe('functions/http/proposals: waking the workflow', () => {
  const DRAFTED = { type: 'DRAFT', target: 'ready', version: 2 };

  it('answers the token parked for the old state with the transition’s signal (DESIGN 3.2)', async () => {
    const id = await submit(app);
    const executionArn = `${STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${id}`;
    await app.deps.store.storeTaskToken({
      proposalId: id,
      version: 1,
      taskToken: 'token-v1',
      state: 'submitted',
      executionArn,
      parkedAt: '2027-02-17T09:00:01.000Z',
    });
    await expectCall(app, 'POST /proposals/{id}/draft', 200, zinOn(id, { text: 'The proposal.' }));
    expect(app.sfn).toHaveReceivedCommandWith(SendTaskSuccessCommand, {
      taskToken: 'token-v1',
      output: JSON.stringify({ type: 'DRAFT', target: 'ready', version: 2 }),
    });
    // No outbox row: the transition's audit event carries the signal (issue 16).
    expect((await app.deps.store.getProposal(id, { consistent: true }))?.signals).toEqual([]);
  });

  it('leaves the signal for the park task when no token is parked yet, and still answers 200', async () => {
    const id = await submit(app);
    await expectCall(app, 'POST /proposals/{id}/draft', 200, zinOn(id, { text: 'The proposal.' }));
    expect(app.sfn).not.toHaveReceivedCommand(SendTaskSuccessCommand);
    // The park task finds it in the draft's audit event.
    expect((await app.deps.store.getTransitionSignal(id, 1))?.signal).toEqual(DRAFTED);
  });

  it('answers 200 when the relay fails after the commit: the relay loop delivers later', async () => {
    const id = await submit(app);
    await app.deps.store.storeTaskToken({
      proposalId: id,
      version: 1,
      taskToken: 't',
      state: 'submitted',
      executionArn: 'arn',
      parkedAt: '2027-02-17T09:00:01.000Z',
    });
    app.sfn.on(SendTaskSuccessCommand).rejects(new Error('throttled'));
    const response = await expectCall(
      app,
      'POST /proposals/{id}/draft',
      200,
      zinOn(id, { text: 'The proposal.' }),
    );
    expect(response.body.phase).toBe('ready');
    // Three transactions: the creation, the parked token, the draft.
    expect(app.ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 3);
    expect((await app.deps.store.getTransitionSignal(id, 1))?.signal).toEqual(DRAFTED);
  });
});

describe('functions/http/proposals: one read of the proposal per transition (issue 15)', () => {
  /**
   * The DynamoDB reads a request made, as `<operation> <partition>`, in order. The proposal's
   * execution has parked at its current version (as it has by the time a party acts), so the relay
   * answers that token without looking it up. The covenant in force is left out: the covenant source
   * keeps it for the day (DESIGN 2.5), so only a day's first request reads it.
   */
  const readsOf = async (run: () => Promise<unknown>, proposalId?: string): Promise<string[]> => {
    if (proposalId) await parkAtCurrentVersion(proposalId);
    app.ddb.resetHistory();
    await run();
    return app.ddb.calls().flatMap((call) => {
      const input = call.args[0].input as {
        Key?: { pk?: string; sk?: string };
        ExpressionAttributeValues?: Record<string, unknown>;
      };
      const name = call.args[0].constructor.name;
      const pk = String(input.ExpressionAttributeValues?.[':pk']);
      if (name === 'QueryCommand') return pk === 'COVENANT' ? [] : [`Query ${pk}`];
      if (name === 'GetCommand') return [`Get ${String(input.Key?.pk)} ${String(input.Key?.sk)}`];
      if (name === 'BatchGetCommand') return ['BatchGet'];
      return [];
    });
  };
  const parkAtCurrentVersion = async (proposalId: string) => {
    const proposal = await app.deps.store.getProposalItem(proposalId, { consistent: true });
    await app.deps.store.storeTaskToken({
      proposalId,
      version: proposal?.version ?? 0,
      taskToken: `token-v${proposal?.version}`,
      state: proposal?.stateKey ?? '',
      executionArn: 'arn',
      parkedAt: '2027-02-17T09:00:01.000Z',
    });
  };

  it('answers a draft, a consensus, an objection and its withdrawal from the one Query its decision read', async () => {
    const id = await submit(app);
    const proposal = `Query PROPOSAL#${id}`;
    expect(
      await readsOf(
        () => expectCall(app, 'POST /proposals/{id}/draft', 200, zinOn(id, { text: 'Uitgewerkt.' })),
        id,
      ),
    ).toEqual([proposal]);
    const meetingId = await createMeeting(app);
    await expectCall(app, 'POST /proposals/{id}/schedule', 200, zinOn(id, { meetingId }));
    expect(
      await readsOf(
        () => expectCall(app, 'POST /proposals/{id}/consensus', 200, zinOn(id, { outcome: 'adopted' })),
        id,
      ),
    ).toEqual([proposal]);
    // Art. 7.4's blackout concerns implementation proposals only: a release reads no release calendar.
    const objection = { as: 'CAK', params: { id }, body: { reason: 'Te krap.' } };
    expect(
      await readsOf(() => expectCall(app, 'POST /proposals/{id}/objection', 200, objection), id),
    ).toEqual([proposal]);
    const withdrawal = { as: 'CAK', params: { id }, body: {} };
    expect(
      await readsOf(() => expectCall(app, 'POST /proposals/{id}/objection/withdrawal', 200, withdrawal), id),
    ).toEqual([proposal]);
  });

  it('reads the meeting to schedule on together with the proposal, not after it', async () => {
    const id = await submit(app);
    await expectCall(app, 'POST /proposals/{id}/draft', 200, zinOn(id, { text: 'Uitgewerkt.' }));
    const meetingId = await createMeeting(app);
    await parkAtCurrentVersion(id);
    // The proposal's Query answers a moment late: the meeting's read must already be on its way.
    const steps: string[] = [];
    app.ddb
      .on(QueryCommand)
      .callsFake(async (input: { ExpressionAttributeValues?: Record<string, unknown> }) => {
        const pk = String(input.ExpressionAttributeValues?.[':pk']);
        steps.push(`sent ${pk}`);
        if (pk.startsWith('PROPOSAL#')) await new Promise((resolve) => setTimeout(resolve, 20));
        steps.push(`answered ${pk}`);
        return app.table.query(input as never);
      });
    const on = await expectCall(app, 'POST /proposals/{id}/schedule', 200, zinOn(id, { meetingId }));
    expect(on.body).toMatchObject({ phase: 'scheduled', meetingId, meetingDate: '2027-02-17' });
    expect(steps.filter((s) => !s.endsWith('COVENANT'))).toEqual([
      `sent PROPOSAL#${id}`,
      `sent MEETING#${meetingId}`,
      `answered MEETING#${meetingId}`,
      `answered PROPOSAL#${id}`,
    ]);
  });

  it('closes a meeting deciding each window on the read it found the decision in (art. 7.2)', async () => {
    const { proposalId, meetingId } = await decided(app);
    const reads = await readsOf(
      () => expectCall(app, 'POST /meetings/{id}/close', 200, { as: 'ZIN', params: { id: meetingId } }),
      proposalId,
    );
    // The meeting before the close (its date, its agenda); the store's read of the meeting for its
    // step's date; after the close the meeting (its agenda as the close left it) and the proposal
    // (decided here?): MEETING_CLOSED is decided on that read. Whether a vote is still open (art.
    // 7.2) is no longer a read of the proposal before the close: the close's own transaction checks
    // it, so a vote opened meanwhile refuses the close.
    const meeting = `Query MEETING#${meetingId}`;
    const proposal = `Query PROPOSAL#${proposalId}`;
    expect(reads).toEqual([meeting, meeting, meeting, proposal]);
    expect((await app.deps.store.getProposalItem(proposalId))?.phase).toBe('closed');
  });

  it('tables an item without reading anything back', async () => {
    expect(
      await readsOf(() => expectCall(app, 'POST /proposals', 201, { as: 'VNG', body: proposalBody })),
    ).toEqual([]);
  });

  it('opens and closes a vote with the proposal’s Query and, to open it, the meeting’s attendance (art. 6.9)', async () => {
    const { proposalId, meetingId } = await scheduled(app);
    await attend(app, meetingId);
    const proposal = `Query PROPOSAL#${proposalId}`;
    let opened: Awaited<ReturnType<typeof expectCall>> | undefined;
    expect(
      await readsOf(async () => {
        opened = await expectCall(app, 'POST /proposals/{id}/vote', 200, zinOn(proposalId));
      }, proposalId),
    ).toEqual([proposal, `Query MEETING#${meetingId}`]);
    // The round the vote opened is in the answer although nothing was read after the commit.
    expect(opened?.body.voting).toMatchObject({ round: 1, meetingId, voted: [] });
    await castAll(app, proposalId, adopted);
    expect(
      await readsOf(
        () => expectCall(app, 'POST /proposals/{id}/vote/close', 200, zinOn(proposalId)),
        proposalId,
      ),
    ).toEqual([proposal]);
  });

  it('reads the release calendar for an implementation proposal’s objection, once, and answers with it (art. 7.4)', async () => {
    const { proposalId } = await decided(app, 'adopted', {
      kind: 'implementation',
      implementationDate: '2028-01-01',
      standards: ['iWmo', 'iJw'],
    });
    const reads = await readsOf(
      () =>
        expectCall(app, 'POST /proposals/{id}/objection', 200, {
          as: 'CAK',
          params: { id: proposalId },
          body: { reason: 'Te krap.' },
        }),
      proposalId,
    );
    expect(reads).toEqual([`Query PROPOSAL#${proposalId}`, 'Query RELEASE#iWmo', 'Query RELEASE#iJw']);
  });
});
