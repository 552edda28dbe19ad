import { beforeEach, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '#shared/http/problems.ts';
import { BASE_URL, type TestApp, testApp, VOTING_PARTIES } from './support/app.ts';
import {
  attend,
  castAll,
  createMeeting,
  decided,
  expectCall,
  objected,
  scheduled,
  voting,
} from './support/scenarios.ts';

let app: TestApp;
beforeEach(() => {
  app = testApp();
});

const zin = (id: string, body?: unknown) => ({
  as: 'ZIN',
  params: { id },
  ...(body === undefined ? {} : { body }),
});

describe('functions/http/meetings', () => {
  it('creates a meeting (ZIN) and lists meetings by date', async () => {
    const later = await createMeeting(app, '2027-03-17');
    const created = await expectCall(app, 'POST /meetings', 201, { as: 'ZIN', body: { date: '2027-02-17' } });
    expect(created.headers.location).toBe(`${BASE_URL}/meetings/${created.body.id}`);
    expect(created.body).toMatchObject({ date: '2027-02-17', status: 'open', present: [] });
    const list = await expectCall(app, 'GET /meetings', 200, { as: 'KBSD' });
    expect(list.body.meetings.map((m: { id: string }) => m.id)).toEqual([created.body.id, later]);
    await expectCall(app, 'POST /meetings', 400, { as: 'ZIN', body: { date: '2027-02-30' } });
  });

  it('shows a meeting with its agenda, and 404 for an unknown one', async () => {
    const { proposalId, meetingId } = await scheduled(app);
    const response = await expectCall(app, 'GET /meetings/{id}', 200, {
      as: 'CAK',
      params: { id: meetingId },
    });
    expect(response.body.agenda).toEqual([
      expect.objectContaining({ proposalId, title: 'Release iWmo 3.3' }),
    ]);
    const missing = await expectCall(app, 'GET /meetings/{id}', 404, { as: 'CAK', params: { id: 'm-none' } });
    expect(missing.body.type).toBe(`${PROBLEM_BASE}meeting-not-found`);
  });

  it('records attendance with the quorum it gives, and names parties the register does not know (400)', async () => {
    const meetingId = await createMeeting(app);
    const partial = await expectCall(
      app,
      'PUT /meetings/{id}/attendance',
      200,
      zin(meetingId, { present: ['VNG', 'CAK', 'ZIN', 'VNG'] }),
    );
    expect(partial.body.present).toEqual(['VNG', 'CAK', 'ZIN']);
    expect(partial.body.quorum).toMatchObject({
      met: false,
      absent: ['ACTIZ', 'GGZ', 'JZN', 'VALENTE', 'VGN', 'ZTNL'],
    });
    const unknown = await expectCall(
      app,
      'PUT /meetings/{id}/attendance',
      400,
      zin(meetingId, { present: ['VNG', 'NOPE', 'vng'] }),
    );
    expect(unknown.body).toMatchObject({ type: `${PROBLEM_BASE}unknown-party`, parties: ['NOPE', 'vng'] });
    await expectCall(app, 'PUT /meetings/{id}/attendance', 404, zin('m-none', { present: [] }));
  });

  it('closes the meeting: its decisions come into force, others are left alone (art. 7.2)', async () => {
    const first = await decided(app);
    const other = await decided(app);
    const response = await expectCall(app, 'POST /meetings/{id}/close', 200, zin(first.meetingId));
    expect(response.body).toMatchObject({
      status: 'closed',
      objectionWindowsClosed: [{ proposalId: first.proposalId, phase: 'closed' }],
    });
    const inForce = await expectCall(app, 'GET /proposals/{id}', 200, {
      as: 'CAK',
      params: { id: first.proposalId },
    });
    expect(inForce.body).toMatchObject({ phase: 'closed', decision: { inForce: true }, actions: [] });
    const stillOpen = await expectCall(app, 'GET /proposals/{id}', 200, {
      as: 'CAK',
      params: { id: other.proposalId },
    });
    expect(stillOpen.body.phase).toBe('decided');
    const late = await expectCall(app, 'POST /proposals/{id}/objection', 409, {
      as: 'CAK',
      params: { id: first.proposalId },
      body: { reason: 'Late.' },
    });
    expect(late.body.phase).toBe('closed');
    const again = await expectCall(app, 'POST /meetings/{id}/close', 409, zin(first.meetingId));
    expect(again.body.type).toBe(`${PROBLEM_BASE}meeting-closed`);
    await expectCall(app, 'PUT /meetings/{id}/attendance', 409, zin(first.meetingId, { present: ['VNG'] }));
  });

  // art. 7.1, 7.2 (DESIGN 2.3 step 1): several parties may object, each until the chair closes the
  // meeting; so closing it ends the window of a decision under objection too. Before this change the
  // first objection ended the window and the close left the proposal alone.
  it('closes the objection window of a decision under objection too: no party may object after it (art. 7.2)', async () => {
    const { proposalId, meetingId } = await objected(app);
    const response = await expectCall(app, 'POST /meetings/{id}/close', 200, zin(meetingId));
    expect(response.body.objectionWindowsClosed).toEqual([{ proposalId, phase: 'awaiting-arguments' }]);
    const view = await expectCall(app, 'GET /proposals/{id}', 200, { as: 'CAK', params: { id: proposalId } });
    expect(view.body.phase).toBe('awaiting-arguments');
    const late = await expectCall(app, 'POST /proposals/{id}/objection', 422, {
      as: 'VNG',
      params: { id: proposalId },
      body: { reason: 'After the close.' },
    });
    expect(late.body).toMatchObject({ rule: 'objection-window', article: '7.2', meetingId });
    const after = await expectCall(app, 'GET /proposals/{id}', 200, {
      as: 'VNG',
      params: { id: proposalId },
    });
    expect(after.body.objections.map((o: { by: string }) => o.by)).toEqual(['CAK']);
  });

  it('DESIGN 2.2.5: refuses attendance and closing before the meeting is held', async () => {
    const meetingId = await createMeeting(app, '2027-03-17');
    const early = await expectCall(
      app,
      'PUT /meetings/{id}/attendance',
      422,
      zin(meetingId, { present: ['VNG'] }),
    );
    expect(early.body).toMatchObject({
      type: `${PROBLEM_BASE}meeting-not-held`,
      meetingDate: '2027-03-17',
      today: '2027-02-17',
    });
    await expectCall(app, 'POST /meetings/{id}/close', 422, zin(meetingId));
    app.clock.advanceDays(28);
    await expectCall(app, 'PUT /meetings/{id}/attendance', 200, zin(meetingId, { present: ['VNG'] }));
  });
});

describe('functions/http/meetings: minutes', () => {
  it('draws the minutes from the audit trail: attendance, the vote with its tally, the objection with its reason', async () => {
    const { proposalId, meetingId } = await voting(app);
    await castAll(app, proposalId, {
      ...Object.fromEntries(VOTING_PARTIES.map((p) => [p, 'for'])),
      CAK: 'against',
    });
    await expectCall(app, 'POST /proposals/{id}/vote/close', 200, zin(proposalId));
    await expectCall(app, 'POST /proposals/{id}/objection', 200, {
      as: 'CAK',
      params: { id: proposalId },
      body: { reason: 'The | CAK # cannot *implement* this.' },
    });
    const minutes = await expectCall(app, 'GET /meetings/{id}/minutes', 200, {
      as: 'KBSD',
      params: { id: meetingId },
    });
    expect(minutes.body.attendance).toMatchObject({ met: true, absent: [] });
    const record = minutes.body.items[0].record;
    expect(record.map((e: { kind: string }) => e.kind)).toEqual(['vote-opened', 'vote', 'objection']);
    expect(record[1].tally).toMatchObject({ for: 12, against: 6, outcome: 'adopted' });
    expect(record[2]).toMatchObject({ by: { party: 'CAK' }, reason: 'The | CAK # cannot *implement* this.' });
  });

  it('renders the minutes as Markdown (`GET /meetings/{id}/minutes.md`), every objection with who and why', async () => {
    const { proposalId, meetingId } = await scheduled(app);
    await attend(app, meetingId);
    // footnote 11 (DESIGN 2.2.3): GGZ asks for a pause; the chair refuses it, so the item stays on.
    await expectCall(app, 'POST /proposals/{id}/pause', 200, {
      as: 'GGZ',
      params: { id: proposalId },
      body: { reason: 'Agree first.' },
    });
    await expectCall(
      app,
      'POST /proposals/{id}/pause/decision',
      200,
      zin(proposalId, { granted: false, reason: 'No time.' }),
    );
    const response = await expectCall(app, 'GET /meetings/{id}/minutes.md', 200, {
      as: 'VNG',
      params: { id: meetingId },
    });
    expect(response.headers['content-type']).toBe('text/markdown; charset=utf-8');
    // Dutch by default (DESIGN 5).
    expect(response.headers['content-language']).toBe('nl');
    expect(response.text).toContain('# Notulen: Stuurgroep, 2027-02-17');
    const english = await expectCall(app, 'GET /meetings/{id}/minutes.md', 200, {
      as: 'VNG',
      params: { id: meetingId },
      headers: { 'accept-language': 'en' },
    });
    expect(english.text).toContain('# Minutes: Stuurgroep, 2027-02-17');
    expect(english.text).toContain('attendance quorum met');
    expect(english.text).toContain('GGZ asked to pause decision-making (footnote 11): “Agree first.”');
  });

  // Issue 18 item 4: `?format=md` is now a deprecated alias answered with a redirect (README, Versioning).
  it('redirects the deprecated `?format=md` to the Markdown operation', async () => {
    const moved = await expectCall(app, 'GET /meetings/{id}/minutes', 308, {
      as: 'VNG',
      params: { id: 'm-1' },
      query: { format: 'md' },
    });
    expect(moved.headers.location).toBe('/meetings/m-1/minutes.md');
    await expectCall(app, 'GET /meetings/{id}/minutes.md', 404, { as: 'VNG', params: { id: 'm-none' } });
  });

  it('answers 404 for the minutes of an unknown meeting and 400 for an unknown format', async () => {
    await expectCall(app, 'GET /meetings/{id}/minutes', 404, { as: 'VNG', params: { id: 'm-none' } });
    await expectCall(app, 'GET /meetings/{id}/minutes', 400, {
      as: 'VNG',
      params: { id: 'm-none' },
      query: { format: 'pdf' },
    });
  });
});
