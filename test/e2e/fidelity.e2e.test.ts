/**
 * Covenant fidelity (DESIGN 2.2, 2.3), end to end over HTTP on the local stack: the outcomes the
 * covenant decides — a vote of every party present, several objectors each with its own six weeks,
 * objections in writing before the meeting, a 9–9 vote that reaches the ministry, a pause the chair
 * decides, ballots given in the room, and membership on the day.
 */
import { describe, expect, it } from 'vitest';
import {
  everyone,
  expectStatus,
  mailsOf,
  PROBLEM_BASE,
  type ProblemBody,
  type ProposalBody,
  procedure,
  useLocalStack,
  VOTING_PARTIES,
} from './support/index.ts';

const stack = useLocalStack();
const api = procedure(stack);
const zin = () => stack.as('ZIN');
const p = (id: string, suffix = '') => `/proposals/${encodeURIComponent(id)}${suffix}`;
const steps = async (id: string) => mailsOf(await stack.outbox(), id).map((m) => m.step);

describe('closing a vote (DESIGN 2.2.6, art. 6.9)', () => {
  it('refuses to close with ballots missing, naming every present party without one', async () => {
    const { id } = await api.scheduled({ title: 'Release iWmo 4.0' });
    await api.openVote(id);
    // One ballot of eighteen votes: VNG's 6 for, nobody else. The old reading adopted it.
    await api.castBallots(id, { VNG: 'for' });

    const refused = await zin().post<ProblemBody>(p(id, '/vote/close'));
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBe(`${PROBLEM_BASE}missing-ballots`);
    expect(refused.body.detail).toContain('ACTIZ, GGZ, JZN, VALENTE, VGN, ZTNL, CAK');
    expect((await api.proposal(id)).phase).toBe('voting');
  });

  it('records the missing parties by name as abstaining when the chair says so explicitly', async () => {
    const { id } = await api.scheduled({ title: 'Release iJw 4.0', standards: ['iJw'] });
    await api.openVote(id);
    await api.castBallots(id, { VNG: 'for', CAK: 'against', ACTIZ: 'for' });

    const closed = expectStatus(
      await zin().post<ProposalBody>(p(id, '/vote/close'), { missingBallots: 'abstain' }),
      200,
    );
    // 7 for, 6 against of 13 cast: threshold 7, adopted; abstentions are not cast (art. 6.9).
    expect(closed.tally).toMatchObject({
      for: 7,
      against: 6,
      abstain: 5,
      cast: 13,
      threshold: 7,
      outcome: 'adopted',
    });
    const missing = closed.tally?.votes.filter((v) => v.recordedAsMissing).map((v) => v.party);
    expect(missing).toEqual(['GGZ', 'JZN', 'VALENTE', 'VGN', 'ZTNL']);
    // Footnote 13: each of them, voting against, would have changed the outcome.
    expect(closed.tally?.decisiveAbstentions).toEqual(['GGZ', 'JZN', 'VALENTE', 'VGN', 'ZTNL']);
    // The other reading (abstentions cast) is shown beside it: 7 of 18 is no valid decision.
    expect(closed.tally?.explanation.alternativeReading).toMatchObject({
      abstentionsCountAsCast: true,
      cast: 18,
      threshold: 10,
      outcome: 'no-valid-decision',
    });
  });

  it('counts a ballot the chair records as given in the room, marked so; the latest ballot counts', async () => {
    const { id } = await api.scheduled({ title: 'Release iEb 4.0', standards: ['iEb'] });
    await api.openVote(id);
    await api.castBallots(id, everyone('for', { CAK: 'against' }));
    // CAK changes its mind by a show of hands; the chair records it.
    const recorded = expectStatus(
      await zin().put<{ recordedBy?: string }>(p(id, '/votes/CAK'), { choice: 'for' }),
      200,
    );
    expect(recorded.recordedBy).toBe('ZIN');
    const closed = await api.closeVote(id);
    expect(closed.tally?.votes.find((v) => v.party === 'CAK')).toMatchObject({
      choice: 'for',
      recordedBy: 'ZIN',
    });
    expect(closed.tally?.for).toBe(18);
  });
});

describe('abstention is not free (footnote 13)', () => {
  it('lets the chair ask an abstaining party to account for it; the answer is kept with the ballot and in the minutes', async () => {
    const { id, meetingId } = await api.scheduled({ title: 'Release iWmo 4.5' });
    expect((await api.openVote(id)).actions).toContain('record-ballot');
    await api.castBallots(id, everyone('for', { CAK: 'against', VALENTE: 'abstain' }));
    const closed = await api.closeVote(id);
    expect(closed.actions).toContain('request-accountability');

    const asked = await zin().post<{ accountability?: { question: string } }>(
      p(id, '/votes/VALENTE/accountability'),
      {
        question: 'Waarom onthoudt u zich?',
      },
    );
    expect(asked.status).toBe(200);
    // The request is e-mailed to the abstaining party (and the chair, for its record).
    const request = mailsOf(await stack.outbox(), id).filter((m) => m.step === 'accountability-requested');
    expect(request).toHaveLength(1);
    expect((await api.proposal(id, 'VALENTE')).actions).toContain('answer-accountability');
    // Only the party asked answers; only an abstaining party is asked.
    expect(
      (await stack.as('VNG').post(p(id, '/votes/VALENTE/accountability'), { answer: 'Namens hen.' })).status,
    ).toBe(403);
    expect(
      (await zin().post<ProblemBody>(p(id, '/votes/VNG/accountability'), { question: 'U?' })).status,
    ).toBe(422);
    const answered = expectStatus(
      await stack
        .as('VALENTE')
        .post<{ accountability?: { answer?: string } }>(p(id, '/votes/VALENTE/accountability'), {
          answer: 'Onze achterban is verdeeld.',
        }),
      200,
    );
    expect(answered.accountability?.answer).toBe('Onze achterban is verdeeld.');
    const vote = (await api.minutesRecord(meetingId, id)).record.find((e) => e.kind === 'vote');
    expect(vote).toMatchObject({
      accountability: [
        { party: 'VALENTE', question: 'Waarom onthoudt u zich?', answer: 'Onze achterban is verdeeld.' },
      ],
    });
  });
});

describe('no valid decision (DESIGN 2.2.9, art. 7.5)', () => {
  it('escalates a 9–9 vote to the ministry without an objector approving the note', async () => {
    const { id, meetingId } = await api.scheduled({
      title: 'Plan van aanpak iWmo',
      kind: 'plan-of-approach',
    });
    // VNG (6) + ACTIZ, GGZ, JZN (3) for: 9; CAK (6) + VALENTE, VGN, ZTNL (3) against: 9.
    const tied = await api.vote(
      id,
      everyone('for', { CAK: 'against', VALENTE: 'against', VGN: 'against', ZTNL: 'against' }),
    );
    expect(tied).toMatchObject({
      phase: 'no-valid-decision',
      tally: { for: 9, against: 9, outcome: 'no-valid-decision' },
    });
    expect(tied.actions).toEqual(expect.arrayContaining(['schedule', 'escalate', 'record-consensus']));

    const escalated = expectStatus(
      await zin().post<ProposalBody>(p(id, '/escalation'), { reason: 'Geen geldig besluit bij 9 tegen 9.' }),
      200,
    );
    expect(escalated.phase).toBe('note-drafting');
    const atMinistry = await api.submitNote(id);
    expect(atMinistry.phase).toBe('ministry');
    expect(atMinistry.deadlines.map((d) => d.kind)).toEqual(['ministry']);
    await api.closeMeeting(meetingId);
    const decided = await api.ministryOutcome(id, 'adopted');
    expect(decided).toMatchObject({
      phase: 'closed',
      decision: { outcome: 'adopted', via: 'ministry', text: 'original' },
    });
    await stack.settle();
    expect(await steps(id)).toEqual(['escalated-to-ministry', 'final-decision']);
  });

  it('drops an item only as the group’s consensus; the chair alone has no drop route', async () => {
    const { id } = await api.scheduled({ title: 'Oud agendapunt' });
    await api.vote(id, everyone('abstain'));
    expect((await zin().post<ProblemBody>(p(id, '/drop'), {})).status).toBe(404);
    const dropped = expectStatus(
      await zin().post<ProposalBody>(p(id, '/consensus'), { outcome: 'dropped' }),
      200,
    );
    expect(dropped).toMatchObject({ phase: 'dropped', decision: { outcome: 'dropped', via: 'consensus' } });
  });
});

describe('several objectors (art. 7.1 "tenminste één partij", 7.3, 7.5, 7.6)', () => {
  it('gives each objector its own six weeks: one lapses, the other argues, both standing approve the note', async () => {
    const { id, meetingId } = await api.decidedByVote(
      { title: 'Release iWmo 4.1' },
      everyone('for', { CAK: 'against' }),
    );
    await api.object(id, 'CAK', 'De iEb-berichten zijn niet klaar.');
    await stack.advanceDays(2);
    const two = await api.object(id, 'ACTIZ', 'Te weinig tijd voor aanbieders.');
    await api.object(id, 'GGZ', 'Wij sluiten ons aan.');
    expect(two.objections.map((o) => [o.by, o.status])).toEqual([
      ['CAK', 'awaiting-arguments'],
      ['ACTIZ', 'awaiting-arguments'],
    ]);
    const [cakDue, actizDue] = two.objections.map((o) => o.argumentsDue);
    expect(cakDue).not.toEqual(actizDue);
    // A party objects once.
    const again = await stack.as('CAK').post<ProblemBody>(p(id, '/objection'), { reason: 'Nogmaals.' });
    expect(again.body.type).toBe(`${PROBLEM_BASE}objection-already-lodged`);
    await api.closeMeeting(meetingId);
    // The window has closed: no new objector.
    expect(
      (await stack.as('VGN').post<ProblemBody>(p(id, '/objection'), { reason: 'Te laat.' })).status,
    ).toBe(422);

    await api.submitArguments(id, 'ACTIZ');
    await api.submitArguments(id, 'GGZ');
    expect((await api.proposal(id)).phase).toBe('awaiting-arguments');
    // CAK's six weeks end two days before ACTIZ's would have: CAK's objection lapses on its own day.
    await stack.advanceDays(41);
    const afterLapse = await api.proposal(id);
    expect(afterLapse.objections.map((o) => [o.by, o.status])).toEqual([
      ['CAK', 'lapsed'],
      ['ACTIZ', 'argued'],
      ['GGZ', 'argued'],
    ]);
    expect(afterLapse.phase).toBe('reconsideration');

    await api.noDecision(id);
    const approval = await api.submitNote(id);
    expect(approval.phase).toBe('note-approval');
    const oneApproved = await api.reviewNote(id, 'ACTIZ', { approved: true });
    expect(oneApproved.phase).toBe('note-approval');
    // CAK's objection lapsed: it no longer approves.
    expect(
      (await stack.as('CAK').post<ProblemBody>(p(id, '/escalation/note/approval'), { approved: true }))
        .status,
    ).toBe(403);
    const atMinistry = await api.reviewNote(id, 'GGZ', { approved: true });
    expect(atMinistry.phase).toBe('ministry');
    await stack.settle();
    const mails = mailsOf(await stack.outbox(), id);
    expect(mails.filter((m) => m.step === 'objection-lodged')).toHaveLength(3);
    // One per objector's arguments, and one when the reconsideration week starts (art. 7.4).
    expect(mails.filter((m) => m.step === 'arguments-received')).toHaveLength(3);
    expect(mails.filter((m) => m.step === 'objection-lapsed')).toHaveLength(1);
  });

  it('brings the decision into force once the meeting is closed and every objection lapsed or was withdrawn', async () => {
    const { id, meetingId } = await api.decidedByVote(
      { title: 'Release iJw 4.1', standards: ['iJw'] },
      everyone('for'),
    );
    await api.object(id, 'VGN', 'Bezwaar één.');
    await api.object(id, 'JZN', 'Bezwaar twee.');
    await api.closeMeeting(meetingId);
    expect(
      expectStatus(await stack.as('VGN').post<ProposalBody>(p(id, '/objection/withdrawal'), {}), 200).phase,
    ).toBe('awaiting-arguments');
    const inForce = expectStatus(
      await stack.as('JZN').post<ProposalBody>(p(id, '/objection/withdrawal'), {}),
      200,
    );
    expect(inForce).toMatchObject({ phase: 'closed', decision: { inForce: true, objection: 'withdrawn' } });
  });

  it('adopts an objector’s alternative on reconsideration and says so (art. 7.4)', async () => {
    const { id, meetingId } = await api.decidedByVote(
      { title: 'Release iEb 4.1', standards: ['iEb'] },
      everyone('for'),
    );
    await api.object(id, 'CAK', 'Andere invoeringsdatum.');
    await api.closeMeeting(meetingId);
    await api.submitArguments(id, 'CAK');
    const adopted = expectStatus(
      await zin().post<ProposalBody>(p(id, '/consensus'), { outcome: 'adopted', text: 'CAK' }),
      200,
    );
    expect(adopted.decision).toMatchObject({
      outcome: 'adopted',
      via: 'reconsideration',
      text: 'CAK',
      inForce: true,
    });
    expect((await api.registered(id))?.text).toBe('CAK');
  });
});

describe('the release calendar (DESIGN 2.4)', () => {
  it('enters an adopted implementation date when its decision comes into force, and not before', async () => {
    const today = await api.today();
    const implementationDate = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
    const { id, meetingId } = await api.scheduled({
      title: 'Invoering iJw 9.1',
      standards: ['iJw'],
      kind: 'implementation',
      implementationDate,
      standardVersion: '9.1',
    });
    await api.consensus(id, 'adopted');
    const calendar = async () =>
      expectStatus(
        await stack
          .as('KBSD')
          .get<{ entries: { version: string; source: string; proposalId?: string }[] }>(
            '/release-calendar?standard=iJw',
          ),
        200,
      ).entries.filter((e) => e.version === '9.1');
    // The meeting is still open: the decision is not in force, so nothing is agreed yet.
    expect(await calendar()).toEqual([]);
    await api.closeMeeting(meetingId);
    expect(await calendar()).toMatchObject([
      { version: '9.1', implementationDate, source: 'decision', proposalId: id },
    ]);
  });
});

describe('objections in writing before the meeting (art. 7.1)', () => {
  it('takes effect when the decision it objects to is taken, and is moot otherwise', async () => {
    const { id, meetingId } = await api.scheduled({ title: 'Release iWmo 4.2' });
    await api.object(id, 'CAK', 'Schriftelijk vooraf: niet klaar.');
    const pending = expectStatus(
      await stack
        .as('VNG')
        .post<ProposalBody>(p(id, '/objection'), { reason: 'Tegen verwerping.', against: 'rejected' }),
      200,
    );
    expect(pending.objections.map((o) => [o.by, o.against, o.status])).toEqual([
      ['CAK', 'adopted', 'pending'],
      ['VNG', 'rejected', 'pending'],
    ]);
    const decided = await api.vote(id, everyone('for'));
    expect(decided.phase).toBe('awaiting-arguments');
    expect(decided.objections.map((o) => [o.by, o.status])).toEqual([
      ['CAK', 'awaiting-arguments'],
      ['VNG', 'moot'],
    ]);
    await api.closeMeeting(meetingId);
    await stack.settle();
    expect(await steps(id)).toEqual(['objection-lodged', 'objection-lodged', 'decision-taken']);
  });
});

describe('pause (footnote 11)', () => {
  it('waits for the chair: granted, the item goes back to be rescheduled; refused, it stays scheduled', async () => {
    const { id } = await api.scheduled({ title: 'Release iJw 4.2', standards: ['iJw'] });
    const asked = expectStatus(
      await stack.as('VGN').post<ProposalBody>(p(id, '/pause'), { reason: 'Eerst onderling.' }),
      200,
    );
    expect(asked).toMatchObject({ phase: 'scheduled', pauseRequest: { by: 'VGN', status: 'requested' } });
    // Nothing moves until the chair decides.
    expect((await zin().post<ProblemBody>(p(id, '/vote'))).status).toBe(409);
    const refused = expectStatus(
      await zin().post<ProposalBody>(p(id, '/pause/decision'), {
        granted: false,
        reason: 'Besluit is urgent.',
      }),
      200,
    );
    expect(refused).toMatchObject({ phase: 'scheduled', pauseRequest: { status: 'refused' } });
    await stack.as('GGZ').post(p(id, '/pause'), { reason: 'Toch graag.' });
    const granted = expectStatus(
      await zin().post<ProposalBody>(p(id, '/pause/decision'), { granted: true }),
      200,
    );
    expect(granted).toMatchObject({ phase: 'ready', pauseRequest: { by: 'GGZ', status: 'granted' } });
    await stack.settle();
    expect(await steps(id)).toEqual(['pause-requested', 'pause-decided', 'pause-requested', 'pause-decided']);
  });
});

describe('meetings are held on their date (DESIGN 2.2.5)', () => {
  it('refuses attendance, a vote and consensus before the meeting’s date', async () => {
    const today = await api.today();
    const next = new Date(Date.parse(`${today}T12:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    const tabled = await api.table({ title: 'Volgende maand' });
    await api.draft(tabled.id);
    const meeting = await api.createMeeting('Later', next);
    await api.schedule(tabled.id, meeting.id);
    const attendance = await zin().put<ProblemBody>(`/meetings/${meeting.id}/attendance`, {
      present: VOTING_PARTIES,
    });
    expect(attendance.status).toBe(422);
    expect(attendance.body.type).toBe(`${PROBLEM_BASE}meeting-not-held`);
    const consensus = await zin().post<ProblemBody>(p(tabled.id, '/consensus'), { outcome: 'adopted' });
    expect(consensus.body.type).toBe(`${PROBLEM_BASE}meeting-not-held`);
  });
});
