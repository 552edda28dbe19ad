/**
 * Deciding (DESIGN 2.2, covenant art. 6.2, 6.7–6.9, footnotes 11–13), end to end over HTTP: consensus,
 * weighted bloc votes with chain votes, no valid decision, the attendance quorum, and a pause by the
 * provider associations. Each scenario checks the proposal, the decision register, the minutes, the
 * audit trail and the e-mails.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type AddressObject, simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import {
  type CloseMeetingBody,
  everyone,
  expectedMail,
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

describe('deciding (art. 6)', () => {
  it('adopts by consensus; the decision is in force once the chair closes the meeting (art. 6.7, 7.2)', async () => {
    const { id, meetingId } = await api.scheduled({ title: 'Release iWmo 3.3', standards: ['iWmo'] });

    const decided = await api.consensus(id, 'adopted');
    expect(decided).toMatchObject({
      phase: 'decided',
      decision: { outcome: 'adopted', via: 'consensus', inForce: false, meetingId },
      deadlines: [],
      actions: ['close-meeting'],
    });
    expect(decided.tally).toBeUndefined();
    expect((await api.proposal(id, 'CAK')).actions).toEqual(['object']);
    expect(await api.registered(id)).toMatchObject({ outcome: 'adopted', via: 'consensus', inForce: false });

    const closing = await api.closeMeeting(meetingId);
    expect(closing.objectionWindowsClosed).toEqual([{ proposalId: id, phase: 'closed' }]);

    expect(await api.proposal(id, 'CAK')).toMatchObject({
      phase: 'closed',
      decision: { outcome: 'adopted', via: 'consensus', inForce: true, meetingId },
      deadlines: [],
      actions: [],
    });
    expect(await api.registered(id)).toMatchObject({
      outcome: 'adopted',
      via: 'consensus',
      inForce: true,
      meetingId,
    });
    const late = await stack.as('CAK').post<ProblemBody>(`/proposals/${id}/objection`, { reason: 'te laat' });
    expect(late.status).toBe(409);

    const item = await api.minutesRecord(meetingId, id);
    expect(item.phase).toBe('closed');
    expect(item.record.map((e) => [e.kind, e.outcome])).toEqual([
      ['consensus', 'adopted'],
      ['objection-window-closed', undefined],
    ]);
    const markdown = await api.minutesMarkdown(meetingId);
    expect(markdown).toContain('consensus recorded by the chair: adopted');
    expect(markdown).toContain('the decision is in force');

    expect(await api.history(id)).toEqual([
      'submit',
      'draft',
      'schedule',
      'record-consensus',
      'close-meeting',
    ]);
    expect(mailsOf(await stack.outbox(), id)).toEqual([expectedMail('decision-taken', await api.today())]);
  });

  it("mails a decision as a person's mail client shows it: To the Ketenpartijen and the chair, Cc the others, HTML and text, a link to the proposal's page (DESIGN 2.3)", async () => {
    const { id } = await api.scheduled({ title: 'Release iWmo 3.4 <beta> & meer', standards: ['iWmo'] });
    await api.consensus(id, 'adopted');
    const [entry] = (await stack.outbox()).filter((m) => m.proposalId === id && m.step === 'decision-taken');
    const file = (await readdir(join(stack.dataDir, 'outbox'))).find((name) =>
      name.includes(`-${id}-decision-taken`),
    );
    expect(entry).toBeDefined();
    const mail = await simpleParser(await readFile(join(stack.dataDir, 'outbox', file ?? '')));
    const addresses = (field: AddressObject | AddressObject[] | undefined) =>
      [field ?? []].flat().flatMap((a) => a.value.map((v) => v.address ?? ''));
    const expected = expectedMail('decision-taken', await api.today());
    expect(addresses(mail.to).sort()).toEqual(expected.to);
    expect(addresses(mail.cc).sort()).toEqual(expected.cc);
    expect(entry?.cc.map((a) => a.toLowerCase()).sort()).toEqual(expected.cc);
    // issue 18: the ministry hears of a routine decision only if it is escalated.
    expect([...addresses(mail.to), ...addresses(mail.cc)].some((a) => a.endsWith('@minvws.example'))).toBe(
      false,
    );
    expect(mail.from?.value[0]?.name).toBe('Secretariaat Stuurgroep iStandaarden');
    expect(mail.headers.get('x-decision-step')).toBe('decision-taken');
    expect(mail.headers.get('list')).toMatchObject({ id: { id: 'besluitvorming.istandaarden.local' } });
    const page = `${stack.baseUrl}/proposals/${id}`;
    expect(mail.text).toContain(page);
    expect(mail.html).toContain(`<a href="${page}">`);
    // The title is escaped in the HTML, never markup.
    expect(mail.html).toContain('Release iWmo 3.4 &lt;beta&gt; &amp; meer');
    expect(`${mail.text}${mail.html}`).not.toMatch(/\b(POST|PUT) https?:/);
  });

  it('adopts 12–6 by vote; CAK’s vote on an iJw-only proposal is a chain vote (art. 6.8, 6.9, footnote 12)', async () => {
    const { id, meetingId } = await api.scheduled({ title: 'Release iJw 3.3', standards: ['iJw'] });

    const voting = await api.openVote(id);
    expect(voting).toMatchObject({
      phase: 'voting',
      voting: { round: 1, voted: [] },
      // DESIGN 2.2.5: the chair may also record a ballot given in the room.
      actions: ['close-vote', 'record-ballot'],
    });
    // art. 7.1: while the vote is open a Ketenpartij may also object in writing beforehand.
    expect((await api.proposal(id, 'VNG')).actions).toEqual(['object', 'vote']);
    const outsider = await stack
      .as('KBSD')
      .put<ProblemBody>(`/proposals/${id}/votes/KBSD`, { choice: 'for' });
    expect(outsider.status).toBe(403);

    // A party may change its bloc vote until the chair closes the vote (art. 6.8).
    await api.castBallots(id, { VNG: 'against' });
    const ballots = await api.castBallots(
      id,
      everyone('for', { CAK: { choice: 'against', justification: 'De eigen bijdrage raakt iJw niet.' } }),
    );
    expect(ballots.at(-1)?.voted).toEqual([...VOTING_PARTIES].sort());

    const decided = await api.closeVote(id);
    expect(decided).toMatchObject({
      phase: 'decided',
      decision: { outcome: 'adopted', via: 'vote', inForce: false, meetingId },
      tally: {
        for: 12,
        against: 6,
        abstain: 0,
        cast: 18,
        threshold: 10,
        outcome: 'adopted',
        explanation: { chainVotes: ['CAK'], notVoted: [] },
      },
    });
    expect(decided.tally?.votes).toEqual(
      VOTING_PARTIES.map((party) =>
        party === 'CAK'
          ? {
              party,
              choice: 'against',
              weight: 6,
              chainVote: true,
              justification: 'De eigen bijdrage raakt iJw niet.',
            }
          : { party, choice: 'for', weight: party === 'VNG' ? 6 : 1, chainVote: false },
      ),
    );
    expect(await api.registered(id)).toMatchObject({ outcome: 'adopted', via: 'vote', inForce: false });

    await api.closeMeeting(meetingId);
    expect(await api.proposal(id)).toMatchObject({
      phase: 'closed',
      decision: { outcome: 'adopted', via: 'vote', inForce: true },
      tally: { for: 12, against: 6 },
    });
    expect(await api.registered(id)).toMatchObject({ outcome: 'adopted', via: 'vote', inForce: true });

    const item = await api.minutesRecord(meetingId, id);
    expect(item.record.map((e) => e.kind)).toEqual(['vote-opened', 'vote', 'objection-window-closed']);
    expect(item.record[1]?.tally).toMatchObject({ for: 12, against: 6, outcome: 'adopted' });
    const markdown = await api.minutesMarkdown(meetingId);
    expect(markdown).toContain('Adopted: 12 of 18 cast votes are for');
    // Dutch by default (DESIGN 5): the same tally in the covenant's language.
    expect(await api.minutesMarkdown(meetingId, 'nl')).toContain(
      'Aangenomen: 12 van de 18 uitgebrachte stemmen zijn voor',
    );
    expect(markdown).toContain('| CAK | against | 6 | yes | De eigen bijdrage raakt iJw niet. |');

    expect(await api.history(id)).toEqual([
      'submit',
      'draft',
      'schedule',
      'open-vote',
      'close-vote',
      'close-meeting',
    ]);
    expect(mailsOf(await stack.outbox(), id)).toEqual([expectedMail('decision-taken', await api.today())]);
  });

  it('rejects when the votes against reach half of the cast votes plus one (art. 6.9)', async () => {
    const { id, meetingId } = await api.scheduled({ title: 'Plan iEb', standards: ['iWmo', 'iEb'] });

    const decided = await api.vote(id, everyone('for', { VNG: 'against', CAK: 'against' }));
    expect(decided).toMatchObject({
      phase: 'decided',
      decision: { outcome: 'rejected', via: 'vote', inForce: false, meetingId },
      tally: { for: 6, against: 12, cast: 18, threshold: 10, outcome: 'rejected' },
      actions: ['close-meeting'],
    });
    expect((await api.proposal(id, 'VNG')).actions).toEqual(['object']);
    // JZN's standards are iJw only: its vote on an iWmo/iEb proposal is a chain vote.
    expect(decided.tally?.explanation.chainVotes).toEqual(['JZN']);

    await api.closeMeeting(meetingId);
    expect(await api.proposal(id)).toMatchObject({
      phase: 'closed',
      decision: { outcome: 'rejected', via: 'vote', inForce: true },
    });
    expect(await api.registered(id)).toMatchObject({ outcome: 'rejected', via: 'vote', inForce: true });

    const markdown = await api.minutesMarkdown(meetingId);
    expect(markdown).toContain('Rejected: 12 of 18 cast votes are against');
    expect(await api.history(id)).toEqual([
      'submit',
      'draft',
      'schedule',
      'open-vote',
      'close-vote',
      'close-meeting',
    ]);
    expect(mailsOf(await stack.outbox(), id)).toEqual([expectedMail('decision-taken', await api.today())]);
  });

  it('9–9 is no valid decision; ZIN puts it on the next meeting, which decides (art. 6.9)', async () => {
    const { id, meetingId } = await api.scheduled({ title: 'Release iWmo 3.4', standards: ['iWmo'] });

    const tied = await api.vote(
      id,
      everyone('for', { CAK: 'against', VALENTE: 'against', VGN: 'against', ZTNL: 'against' }),
    );
    expect(tied).toMatchObject({
      phase: 'no-valid-decision',
      tally: { for: 9, against: 9, cast: 18, threshold: 10, outcome: 'no-valid-decision' },
      deadlines: [],
    });
    expect(tied.decision).toBeUndefined();
    // DESIGN 2.2.9, art. 7.5: schedule again, escalate to the ministry, or drop by the group's consensus.
    expect(tied.actions).toEqual(expect.arrayContaining(['schedule', 'escalate', 'record-consensus']));
    expect(await api.registered(id)).toBeUndefined();

    const next = await api.createMeeting('Stuurgroep: volgende vergadering');
    expect(await api.schedule(id, next.id)).toMatchObject({ phase: 'scheduled', meetingId: next.id });
    await api.consensus(id, 'adopted');
    await api.closeMeeting(meetingId);
    await api.closeMeeting(next.id);

    expect(await api.proposal(id)).toMatchObject({
      phase: 'closed',
      meetingId: next.id,
      decision: { outcome: 'adopted', via: 'consensus', inForce: true, meetingId: next.id },
    });
    expect(await api.registered(id)).toMatchObject({ outcome: 'adopted', via: 'consensus', inForce: true });

    const first = await api.minutesRecord(meetingId, id);
    expect(first.record.map((e) => e.kind)).toEqual(['vote-opened', 'vote']);
    expect(first.record[1]?.tally).toMatchObject({ for: 9, against: 9, outcome: 'no-valid-decision' });
    expect(await api.minutesMarkdown(meetingId)).toMatch(/no valid decision/i);
    const second = await api.minutesRecord(next.id, id);
    expect(second.record.map((e) => e.kind)).toEqual(['consensus', 'objection-window-closed']);

    expect(await api.history(id)).toEqual([
      'submit',
      'draft',
      'schedule',
      'open-vote',
      'close-vote',
      'schedule',
      'record-consensus',
      'close-meeting',
    ]);
    expect(mailsOf(await stack.outbox(), id)).toEqual([expectedMail('decision-taken', await api.today())]);
  });

  it('an abstention is not a cast vote, so 9–8 with one abstention adopts; the other reading is shown beside it (art. 6.9, DESIGN 2.2.7)', async () => {
    const { id } = await api.scheduled({ title: 'Plan iWmo', standards: ['iWmo'] });

    const decided = await api.vote(
      id,
      everyone('for', { CAK: 'against', VGN: 'against', ZTNL: 'against', VALENTE: 'abstain' }),
    );
    // art. 6.9 counts "uitgebrachte stemmen"; VALENTE "onthoudt zich": 9 of 17 cast, threshold 9.
    expect(decided).toMatchObject({
      phase: 'decided',
      tally: {
        for: 9,
        against: 8,
        abstain: 1,
        cast: 17,
        threshold: 9,
        outcome: 'adopted',
        // footnote 13: VALENTE voting against would have made it 9–9, no valid decision.
        decisiveAbstentions: ['VALENTE'],
        explanation: {
          policy: { abstentionsCountAsCast: false },
          alternativeReading: {
            abstentionsCountAsCast: true,
            cast: 18,
            threshold: 10,
            outcome: 'no-valid-decision',
          },
        },
      },
    });
  });

  it('drops an item only by the group’s consensus after no valid decision, recorded in the minutes (DESIGN 2.2.9)', async () => {
    const { id, meetingId } = await api.scheduled({ title: 'Plan iEb', standards: ['iEb'] });
    await api.vote(
      id,
      everyone('for', { CAK: 'against', VALENTE: 'against', VGN: 'against', ZTNL: 'against' }),
    );
    // The chair alone has no drop route any more.
    expect(
      (await stack.as('ZIN').post<ProblemBody>(`/proposals/${id}/drop`, { reason: 'Geen draagvlak.' }))
        .status,
    ).toBe(404);
    const dropped = expectStatus(
      await stack.as('ZIN').post<{ phase: string; actions: string[] }>(`/proposals/${id}/consensus`, {
        outcome: 'dropped',
      }),
      200,
    );
    expect(dropped).toMatchObject({ phase: 'dropped', actions: [] });
    expect(await api.registered(id)).toMatchObject({ outcome: 'dropped', via: 'consensus' });

    const item = await api.minutesRecord(meetingId, id);
    expect(item.record.map((e) => e.kind)).toEqual(['vote-opened', 'vote', 'dropped']);
    expect(await api.minutesMarkdown(meetingId)).toContain(
      'dropped by the group’s consensus, recorded by ZIN',
    );
    expect(await api.history(id)).toEqual([
      'submit',
      'draft',
      'schedule',
      'open-vote',
      'close-vote',
      'record-consensus',
    ]);
    expect(mailsOf(await stack.outbox(), id)).toEqual([]);
  });

  it('refuses to open a vote unless every voting party is present, naming the absent one (art. 6.9)', async () => {
    const { id, meetingId } = await api.scheduled({ title: 'Release iEb 1.2', standards: ['iEb'] });
    const withoutCak = await api.attendance(
      meetingId,
      ['ZIN', 'VWS', ...VOTING_PARTIES].filter((p) => p !== 'CAK'),
    );
    expect(withoutCak.quorum).toMatchObject({ met: false, absent: ['CAK'] });

    const refused = await stack.as('ZIN').post<ProblemBody>(`/proposals/${id}/vote`);
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      type: `${PROBLEM_BASE}attendance-quorum`,
      status: 422,
      article: '6.9',
      absent: ['CAK'],
    });
    expect(refused.body.detail).toContain('CAK');
    const still = await api.proposal(id);
    expect(still).toMatchObject({ phase: 'scheduled', meetingId });
    expect(still.actions).toContain('open-vote');
    expect((await api.minutes(meetingId)).attendance).toMatchObject({ met: false, absent: ['CAK'] });
    expect(await api.minutesMarkdown(meetingId)).toContain(
      'Voting parties absent: CAK (attendance quorum not met',
    );
    expect(await api.history(id)).toEqual(['submit', 'draft', 'schedule']);

    // CAK arrives: now the vote opens.
    await api.attendance(meetingId);
    const decided = await api.vote(id, everyone('for'));
    expect(decided).toMatchObject({
      phase: 'decided',
      decision: { outcome: 'adopted', via: 'vote', inForce: false },
      tally: { for: 18, cast: 18, outcome: 'adopted' },
    });
    expect(await api.registered(id)).toMatchObject({ outcome: 'adopted', via: 'vote', inForce: false });
    const item = await api.minutesRecord(meetingId, id);
    expect(item.record.map((e) => e.kind)).toEqual(['vote-opened', 'vote']);
    expect(await api.history(id)).toEqual(['submit', 'draft', 'schedule', 'open-vote', 'close-vote']);
    expect(mailsOf(await stack.outbox(), id)).toEqual([expectedMail('decision-taken', await api.today())]);
  });

  it('a provider association pauses the decision, which is rescheduled and decided; VNG may not pause (footnote 11)', async () => {
    const { id, meetingId } = await api.scheduled({ title: 'Release iJw 3.4', standards: ['iJw'] });

    const byVng = await stack
      .as('VNG')
      .post<ProblemBody>(`/proposals/${id}/pause`, { reason: 'Even wachten.' });
    expect(byVng.status).toBe(403);
    expect(byVng.body.type).toBe(`${PROBLEM_BASE}forbidden`);

    const reason = 'De brancheorganisaties willen eerst onderling overeenstemming bereiken.';
    const asked = expectStatus(
      await stack.as('GGZ').post<{ phase: string }>(`/proposals/${id}/pause`, { reason }),
      200,
    );
    // footnote 11 "vragen voor een pauzering": the associations ask; the chair decides.
    expect(asked.phase).toBe('scheduled');
    expectStatus(
      await stack.as('ZIN').post<{ phase: string }>(`/proposals/${id}/pause/decision`, { granted: true }),
      200,
    );
    const ready = await api.proposal(id);
    expect(ready).toMatchObject({ phase: 'ready', pauses: [{ by: 'GGZ', reason }] });
    expect(ready.actions).toContain('schedule');

    const next = await api.createMeeting('Stuurgroep: na de pauze');
    await api.schedule(id, next.id);
    await api.consensus(id, 'adopted');
    expect((await api.closeMeeting(meetingId)).objectionWindowsClosed).toEqual([]);
    await api.closeMeeting(next.id);

    expect(await api.proposal(id)).toMatchObject({
      phase: 'closed',
      decision: { outcome: 'adopted', via: 'consensus', inForce: true, meetingId: next.id },
    });
    expect(await api.registered(id)).toMatchObject({ outcome: 'adopted', inForce: true, meetingId: next.id });

    const first = await api.minutesRecord(meetingId, id);
    expect(first.record.map((e) => [e.kind, e.by.party])).toEqual([
      ['pause', 'GGZ'],
      ['pause-decided', 'ZIN'],
    ]);
    expect(await api.minutesMarkdown(meetingId)).toContain(
      `GGZ asked to pause decision-making (footnote 11): “${reason}”`,
    );
    const second = await api.minutesRecord(next.id, id);
    expect(second.record.map((e) => e.kind)).toEqual(['consensus', 'objection-window-closed']);

    expect(await api.history(id)).toEqual([
      'submit',
      'draft',
      'schedule',
      'pause',
      'decide-pause',
      'schedule',
      'record-consensus',
      'close-meeting',
    ]);
    expect(mailsOf(await stack.outbox(), id)).toEqual([
      expectedMail('pause-requested', await api.today()),
      expectedMail('pause-decided', await api.today()),
      expectedMail('decision-taken', await api.today()),
    ]);
  });

  it('refuses to close a meeting while a vote is open in it, so no decision is left without its objection window (art. 7.2)', async () => {
    const { id, meetingId } = await api.scheduled({ title: 'Release iWmo 3.9', standards: ['iWmo'] });
    await api.openVote(id);
    await api.castBallots(id, everyone('for'));
    const closing = await stack.as('ZIN').post<ProblemBody>(`/meetings/${meetingId}/close`);
    expect(closing.status).toBe(409);
    expect(closing.body.type).toMatch(/\/vote-still-open$/);
    expect((closing.body as unknown as { proposalIds: string[] }).proposalIds).toEqual([id]);
    expectStatus(await stack.as('ZIN').post<ProposalBody>(`/proposals/${id}/vote/close`), 200);
    expectStatus(await stack.as('ZIN').post<CloseMeetingBody>(`/meetings/${meetingId}/close`), 200);
    const seen = await api.proposal(id, 'VNG');
    expect(seen.phase).toBe('closed');
    expect(seen.decision?.inForce).toBe(true);
  });
});
