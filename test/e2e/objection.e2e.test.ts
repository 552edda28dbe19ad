/**
 * Objection (DESIGN 2.3, covenant art. 7.1–7.4), end to end over HTTP: who may object and when, the
 * six-week arguments deadline that lets an objection lapse, reconsideration, and withdrawal.
 */
import { describe, expect, it } from 'vitest';
import {
  addToDate,
  amsterdamDate,
  DAY_MS,
  dueAfter,
  everyone,
  expectedMail,
  expectStatus,
  MINUTE_MS,
  mailsOf,
  PROBLEM_BASE,
  type ProblemBody,
  procedure,
  shifted,
  useLocalStack,
} from './support/index.ts';

const stack = useLocalStack();
const api = procedure(stack);

describe('objection (art. 7.1–7.4)', () => {
  it('refuses an objection by a coordinating party: ZIN, VWS and KBSD are no Ketenpartij (art. 7.2)', async () => {
    const { id, meetingId } = await api.scheduled({ title: 'Release iWmo 3.5', standards: ['iWmo'] });
    await api.consensus(id, 'adopted');

    expect((await api.proposal(id, 'KBSD')).actions).toEqual([]);
    for (const party of ['ZIN', 'VWS', 'KBSD']) {
      const refused = await stack
        .as(party)
        .post<ProblemBody>(`/proposals/${id}/objection`, { reason: 'Nee.' });
      expect(refused.status, party).toBe(403);
      expect(refused.body.type).toBe(`${PROBLEM_BASE}forbidden`);
    }
    expect((await api.proposal(id)).phase).toBe('decided');

    await api.closeMeeting(meetingId);
    expect(await api.proposal(id)).toMatchObject({ phase: 'closed', decision: { inForce: true } });
    expect(await api.registered(id)).toMatchObject({ outcome: 'adopted', via: 'consensus', inForce: true });
    expect((await api.minutesRecord(meetingId, id)).record.map((e) => e.kind)).toEqual([
      'consensus',
      'objection-window-closed',
    ]);
    expect(await api.minutesMarkdown(meetingId)).not.toContain('objection by');
    expect(await api.history(id)).toEqual([
      'submit',
      'draft',
      'schedule',
      'record-consensus',
      'close-meeting',
    ]);
    expect(mailsOf(await stack.outbox(), id)).toEqual([expectedMail('decision-taken', await api.today())]);
  });

  it('refuses an objection in the month before the agreed implementation date, naming that date (art. 7.4)', async () => {
    const today = await api.today();
    const implementationDate = addToDate(today, { days: 20 });
    // DESIGN 2.4: the blackout reads the release calendar, where the date was agreed earlier.
    expectStatus(
      await stack.as('ZIN').post('/release-calendar', {
        standard: 'iWmo',
        version: '3.5',
        implementationDate,
        strategyDue: addToDate(implementationDate, { days: -7 }),
      }),
      201,
    );
    const { id, meetingId } = await api.scheduled({
      title: 'Invoering iWmo 3.5',
      standards: ['iWmo'],
      kind: 'implementation',
      implementationDate,
    });
    await api.consensus(id, 'adopted');
    expect((await api.proposal(id, 'VNG')).actions).not.toContain('object');

    const refused = await stack
      .as('VNG')
      .post<ProblemBody>(`/proposals/${id}/objection`, { reason: 'Te vroeg.' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      type: `${PROBLEM_BASE}objection-blackout`,
      article: '7.4',
      implementationDate,
      version: '3.5',
      blackoutFrom: addToDate(implementationDate, { months: -1 }),
    });
    expect(refused.body.detail).toContain(implementationDate);
    expect(await api.proposal(id)).toMatchObject({ phase: 'decided', implementationDate });

    await api.closeMeeting(meetingId);
    expect(await api.proposal(id)).toMatchObject({ phase: 'closed', decision: { inForce: true } });
    expect(await api.registered(id)).toMatchObject({ outcome: 'adopted', inForce: true });
    expect((await api.minutesRecord(meetingId, id)).record.map((e) => e.kind)).toEqual([
      'consensus',
      'objection-window-closed',
    ]);
    expect(await api.minutesMarkdown(meetingId)).toContain('consensus recorded by the chair: adopted');
    expect(await api.history(id)).toEqual([
      'submit',
      'draft',
      'schedule',
      'record-consensus',
      'close-meeting',
    ]);
    expect(mailsOf(await stack.outbox(), id)).toEqual([expectedMail('decision-taken', today)]);
  });

  it('the objector’s arguments lead to a reconsideration that adopts the proposal by vote; no second objection (art. 7.3, 7.4)', async () => {
    const { id, meetingId } = await api.decidedByVote(
      { title: 'Release iWmo 3.6', standards: ['iWmo'] },
      everyone('for', { VNG: 'against' }),
    );
    const reason = 'De gemeenten kunnen de release niet tijdig implementeren.';
    await api.object(id, 'VNG', reason);
    // art. 7.2: the closing ends the objection window of this decision too; the objection stands.
    expect((await api.closeMeeting(meetingId)).objectionWindowsClosed).toEqual([
      { proposalId: id, phase: 'awaiting-arguments' },
    ]);

    const argued = await api.submitArguments(id, 'VNG');
    const argumentsAt = argued.objections[0]?.argumentsReceivedAt ?? '';
    expect(argued).toMatchObject({
      phase: 'reconsideration',
      decision: { outcome: 'adopted', via: 'vote', inForce: false },
      objections: [
        {
          by: 'VNG',
          reason,
          status: 'argued',
          alternativeProposal: 'Invoering een half jaar later.',
        },
      ],
      deadlines: [{ kind: 'reconsideration', due: dueAfter(argumentsAt, { weeks: 1 }), overdue: false }],
    });
    expect((await api.proposal(id)).actions).toEqual(
      expect.arrayContaining(['schedule', 'record-consensus', 'open-vote', 'record-no-decision']),
    );

    const again = await api.createMeeting('Stuurgroep: heroverweging');
    expect(await api.schedule(id, again.id)).toMatchObject({ phase: 'reconsideration', meetingId: again.id });
    await api.attendance(again.id);
    expect((await api.openVote(id)).phase).toBe('reconsideration-voting');
    await api.castBallots(id, everyone('for', { CAK: 'abstain' }));
    const decided = await api.closeVote(id);
    expect(decided).toMatchObject({
      phase: 'closed',
      decision: { outcome: 'adopted', via: 'reconsideration', inForce: true, meetingId: again.id },
      // art. 6.9, DESIGN 2.2.7: CAK's abstention is not a cast vote.
      tally: { for: 12, against: 0, abstain: 6, cast: 12, threshold: 7, outcome: 'adopted' },
      objections: [{ by: 'VNG', status: 'argued' }],
      deadlines: [],
      // Footnote 13: the chair may ask CAK, which abstained, to account for it.
      actions: ['request-accountability'],
    });
    expect(await api.registered(id)).toMatchObject({
      outcome: 'adopted',
      via: 'reconsideration',
      inForce: true,
      meetingId: again.id,
    });
    // A reconsidered decision is in force at once and cannot be objected to again (DESIGN 2.3).
    const second = await stack
      .as('CAK')
      .post<ProblemBody>(`/proposals/${id}/objection`, { reason: 'Toch niet.' });
    expect(second.status).toBe(409);

    const first = await api.minutesRecord(meetingId, id);
    expect(first.record.map((e) => e.kind)).toEqual([
      'vote-opened',
      'vote',
      'objection',
      'objection-window-closed',
    ]);
    expect(first.record[2]).toMatchObject({ by: { party: 'VNG' }, reason });
    expect(await api.minutesMarkdown(meetingId)).toContain(`objection by VNG (art. 7.2): “${reason}”`);
    const reconsidered = await api.minutesRecord(again.id, id);
    expect(reconsidered.record.map((e) => e.kind)).toEqual(['vote-opened', 'vote']);
    expect(await api.minutesMarkdown(again.id)).toContain('Adopted: 12 of 12 cast votes are for');

    expect(await api.history(id)).toEqual([
      'submit',
      'draft',
      'schedule',
      'open-vote',
      'close-vote',
      'object',
      'close-meeting',
      'submit-arguments',
      'schedule',
      'open-vote',
      'close-vote',
    ]);
    const today = await api.today();
    expect(mailsOf(await stack.outbox(), id)).toEqual([
      expectedMail('decision-taken', today),
      expectedMail('objection-lodged', today, 'VNG'),
      expectedMail('arguments-received', today),
      // DESIGN 2.3: decided on reconsideration, never escalated: to the objector and the members, not VWS.
      expectedMail('final-decision', today, { objector: 'VNG' }),
    ]);
  });

  it('the objector withdraws its objection during the reconsideration; the decision stands (DESIGN 2.3)', async () => {
    const { id, meetingId } = await api.decidedByVote(
      { title: 'Release iEb 1.3', standards: ['iEb'] },
      everyone('for', { CAK: 'against' }),
    );
    await api.object(id, 'CAK', 'De eigen bijdrage wijzigt te laat.');
    await api.submitArguments(id, 'CAK');

    // The core names the objectors in English: the request asks for English (DESIGN 5).
    const byOther = await stack
      .as('VNG')
      .post<ProblemBody>(`/proposals/${id}/objection/withdrawal`, {}, { 'accept-language': 'en' });
    expect(byOther.status).toBe(403);
    expect(byOther.body.detail).toContain('CAK');
    const inDutch = await stack.as('VNG').post<ProblemBody>(`/proposals/${id}/objection/withdrawal`, {});
    expect(inDutch.body.title).toBe('Uw partij of rol mag dit niet');

    const withdrawn = expectStatus(
      await stack.as('CAK').post<{ phase: string }>(`/proposals/${id}/objection/withdrawal`, {
        reason: 'Overeenstemming bereikt.',
      }),
      200,
    );
    // art. 7.2, DESIGN 2.3 step 4: with no objection left the decision comes into force when its meeting closes.
    expect(withdrawn.phase).toBe('decided');
    await api.closeMeeting(meetingId);
    expect(await api.proposal(id, 'CAK')).toMatchObject({
      phase: 'closed',
      decision: { outcome: 'adopted', via: 'vote', inForce: true, objection: 'withdrawn', meetingId },
      objections: [{ by: 'CAK', status: 'withdrawn' }],
      deadlines: [],
      actions: [],
    });
    expect(await api.registered(id)).toMatchObject({
      outcome: 'adopted',
      via: 'vote',
      inForce: true,
      objection: 'withdrawn',
    });

    const item = await api.minutesRecord(meetingId, id);
    expect(item.record.map((e) => e.kind)).toEqual([
      'vote-opened',
      'vote',
      'objection',
      'objection-withdrawn',
      'objection-window-closed',
    ]);
    expect(await api.minutesMarkdown(meetingId)).toContain(
      'CAK withdrew its objection: “Overeenstemming bereikt.”',
    );
    expect(await api.history(id)).toEqual([
      'submit',
      'draft',
      'schedule',
      'open-vote',
      'close-vote',
      'object',
      'submit-arguments',
      'withdraw-objection',
      'close-meeting',
    ]);
    const today = await api.today();
    expect(mailsOf(await stack.outbox(), id)).toEqual([
      expectedMail('decision-taken', today),
      expectedMail('objection-lodged', today, 'CAK'),
      expectedMail('arguments-received', today),
      expectedMail('objection-withdrawn', today, 'CAK'),
    ]);
  });

  // Moves the clock six weeks: last in this file, when no other proposal waits on a deadline.
  it('an objection without written arguments lapses after six weeks, not a day earlier; the decision stands (art. 7.3)', async () => {
    const { id, meetingId } = await api.decidedByVote(
      { title: 'Release iWmo 3.7', standards: ['iWmo'] },
      everyone('for', { VNG: 'against' }),
    );
    const reason = 'De gemeenten zijn niet gehoord.';
    const lodged = await api.object(id, 'VNG', reason);
    const lodgedAt = lodged.objections[0]?.lodgedAt ?? '';
    const lodgedOn = amsterdamDate(lodgedAt);
    const due = dueAfter(lodgedAt, { weeks: 6 });
    expect(lodged).toMatchObject({
      phase: 'awaiting-arguments',
      decision: { outcome: 'adopted', via: 'vote', inForce: false },
      objections: [{ by: 'VNG', reason, status: 'awaiting-arguments' }],
      deadlines: [{ kind: 'arguments', due, lastDay: addToDate(lodgedOn, { weeks: 6 }), overdue: false }],
    });
    expect([...(await api.proposal(id, 'VNG')).actions].sort()).toEqual([
      'submit-arguments',
      'withdraw-objection',
    ]);
    // art. 7.2: the closing ends the objection window; the objection stands.
    expect((await api.closeMeeting(meetingId)).objectionWindowsClosed).toEqual([
      { proposalId: id, phase: 'awaiting-arguments' },
    ]);
    expect(await api.registered(id)).toMatchObject({ outcome: 'adopted', inForce: false });
    const listed = expectStatus(
      await stack.as('GGZ').get<{ deadlines: { proposalId: string }[] }>('/deadlines'),
      200,
    );
    expect(listed.deadlines).toContainEqual(
      expect.objectContaining({ proposalId: id, kind: 'arguments', due }),
    );

    // The day before the last day, and the last minute of the last day: the objection still stands.
    await stack.advanceTo(shifted(due, -DAY_MS));
    expect((await api.proposal(id)).phase).toBe('awaiting-arguments');
    await stack.advanceTo(shifted(due, -MINUTE_MS));
    expect(await api.proposal(id)).toMatchObject({
      phase: 'awaiting-arguments',
      deadlines: [{ kind: 'arguments', overdue: false }],
    });
    expect(mailsOf(await stack.outbox(), id).map((m) => m.step)).toEqual([
      'decision-taken',
      'objection-lodged',
    ]);

    await stack.advanceTo(shifted(due, MINUTE_MS));
    expect(await api.proposal(id, 'VNG')).toMatchObject({
      phase: 'closed',
      decision: { outcome: 'adopted', via: 'vote', inForce: true, objection: 'lapsed' },
      objections: [{ by: 'VNG', status: 'lapsed' }],
      deadlines: [],
      actions: [],
    });
    expect(await api.registered(id)).toMatchObject({
      outcome: 'adopted',
      via: 'vote',
      inForce: true,
      objection: 'lapsed',
    });
    const after = expectStatus(
      await stack.as('GGZ').get<{ deadlines: { proposalId: string }[] }>('/deadlines'),
      200,
    );
    expect(after.deadlines.filter((d) => d.proposalId === id)).toEqual([]);

    const item = await api.minutesRecord(meetingId, id);
    expect(item.record.map((e) => e.kind)).toEqual([
      'vote-opened',
      'vote',
      'objection',
      'objection-window-closed',
    ]);
    expect(await api.minutesMarkdown(meetingId)).toContain(`objection by VNG (art. 7.2): “${reason}”`);
    expect(await api.history(id)).toEqual([
      'submit',
      'draft',
      'schedule',
      'open-vote',
      'close-vote',
      'object',
      'close-meeting',
      'deadline-passed',
    ]);
    expect(mailsOf(await stack.outbox(), id)).toEqual([
      expectedMail('decision-taken', lodgedOn),
      expectedMail('objection-lodged', lodgedOn, 'VNG'),
      expectedMail('objection-lapsed', amsterdamDate(await stack.now()), 'VNG'),
    ]);
  });
});
