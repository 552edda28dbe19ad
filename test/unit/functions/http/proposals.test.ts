import { SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '#shared/http/problems.ts';
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
        signal: { type: 'xstate.init', target: 'submitted', version: 1 },
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
    const startSignal = app.table.get({ pk: `PROPOSAL#${created.body.id}`, sk: 'SIGNAL#0000000000' });
    expect(startSignal).toMatchObject({
      fromVersion: 0,
      signal: { type: 'xstate.init', target: 'submitted', version: 1 },
    });
    const next = await expectCall(app, 'POST /proposals', 201, { as: 'VNG', body: proposalBody });
    expect(app.table.get({ pk: `PROPOSAL#${next.body.id}`, sk: 'SIGNAL#0000000000' })).toBeUndefined();
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
    expect((await view('CAK')).next).toContain('ZIN works the agenda item out');
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

  it('lets a provider association pause, back to be rescheduled (footnote 11)', async () => {
    const { proposalId } = await scheduled(app);
    const response = await expectCall(app, 'POST /proposals/{id}/pause', 200, {
      as: 'ACTIZ',
      params: { id: proposalId },
      body: { reason: 'The providers agree among themselves first.' },
    });
    expect(response.body).toMatchObject({
      phase: 'ready',
      pauses: [{ by: 'ACTIZ', reason: 'The providers agree among themselves first.' }],
    });
    expect(response.body.next).toContain('footnote 11');
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
    expect(response.body.next).toContain('Any Ketenpartij may object');
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
    expect(open.body).toMatchObject({ phase: 'voting', actions: ['vote'], voting: { round: 1, voted: [] } });
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

  it('gives no valid decision at 9–9, and ZIN may then drop the proposal', async () => {
    const { proposalId } = await voting(app);
    await castAll(app, proposalId, tied);
    const closed = await expectCall(app, 'POST /proposals/{id}/vote/close', 200, zinOn(proposalId));
    expect(closed.body).toMatchObject({
      phase: 'no-valid-decision',
      tally: { for: 9, against: 9, outcome: 'no-valid-decision' },
    });
    const dropped = await expectCall(
      app,
      'POST /proposals/{id}/drop',
      200,
      zinOn(proposalId, { reason: 'No support.' }),
    );
    expect(dropped.body.phase).toBe('dropped');
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
    expect(view.body).toMatchObject({
      phase: 'awaiting-arguments',
      objection: {
        by: 'CAK',
        reason: 'The CAK cannot implement this in time.',
        status: 'awaiting-arguments',
      },
      deadlines: [{ kind: 'arguments', lastDay: '2027-03-31', overdue: false }],
      actions: ['submit-arguments', 'withdraw-objection'],
    });
    expect(view.body.next).toContain('Wednesday 2027-03-31');
  });

  it('refuses an objection in the month before the implementation date, naming the date (art. 7.4)', async () => {
    const { proposalId } = await decided(app, 'adopted', { implementationDate: '2027-03-01' });
    const response = await expectCall(app, 'POST /proposals/{id}/objection', 422, {
      as: 'CAK',
      params: { id: proposalId },
      body: { reason: 'Too late.' },
    });
    expect(response.body).toMatchObject({
      type: problem('objection-blackout'),
      article: '7.4',
      implementationDate: '2027-03-01',
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
    await attend(app, meetingId);
    const open = await expectCall(app, 'POST /proposals/{id}/vote', 200, zinOn(proposalId));
    expect(open.body).toMatchObject({ phase: 'reconsideration-voting', voting: { meetingId, round: 1 } });
    await castAll(app, proposalId, adopted);
    const closed = await expectCall(app, 'POST /proposals/{id}/vote/close', 200, zinOn(proposalId));
    expect(closed.body).toMatchObject({
      phase: 'closed',
      decision: { outcome: 'adopted', via: 'reconsideration', inForce: true, meetingId },
      objection: { status: 'decided' },
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
      objection: { status: 'escalating' },
      deadlines: [],
      actions: ['submit-note'],
    });
    expect(response.body.next).toContain('ZIN drafts the accompanying note');
  });

  it('lets the objector withdraw: the decision is in force', async () => {
    const { proposalId } = await objected(app);
    const response = await expectCall(app, 'POST /proposals/{id}/objection/withdrawal', 200, {
      as: 'CAK',
      params: { id: proposalId },
    });
    expect(response.body).toMatchObject({
      phase: 'closed',
      decision: { inForce: true, objection: 'withdrawn' },
      objection: { status: 'withdrawn' },
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
      objection: { status: 'decided' },
    });
  });
});

describe('functions/http/proposals: waking the workflow', () => {
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
    expect(await app.deps.store.getSignals(id)).toEqual([]);
  });

  it('leaves the signal for the park task when no token is parked yet, and still answers 200', async () => {
    const id = await submit(app);
    await expectCall(app, 'POST /proposals/{id}/draft', 200, zinOn(id, { text: 'The proposal.' }));
    expect(app.sfn).not.toHaveReceivedCommand(SendTaskSuccessCommand);
    expect(await app.deps.store.getSignals(id)).toHaveLength(1);
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
    expect(await app.deps.store.getSignals(id)).toHaveLength(1);
  });
});
