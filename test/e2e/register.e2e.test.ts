/**
 * The party register (DESIGN 2.1, 2.4, covenant art. 10), end to end over HTTP: a party's notice of
 * withdrawal, which takes effect by itself three months later, and what that does to the quorum.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MEMBERSHIP_LOG } from '#infra/local/membership.ts';
import {
  addToDate,
  expectStatus,
  type PartyListBody,
  PROBLEM_BASE,
  type ProblemBody,
  procedure,
  useLocalStack,
  VOTING_PARTIES,
  type WithdrawalNoticeBody,
} from './support/index.ts';

interface CovenantBody {
  readonly inForce: { readonly version: number; readonly effectiveOn: string; readonly cause: unknown };
}

const stack = useLocalStack();
const api = procedure(stack);

describe('the party register (art. 10)', () => {
  it('a party gives notice of withdrawal; three months later it leaves the register by itself: quorum of seven, no vote, no objection, an agenda item (art. 10)', async () => {
    const before = expectStatus(await stack.as('KBSD').get<PartyListBody>('/parties'), 200);
    expect(before.totalVotes).toBe(18);
    expect(before.parties.filter((p) => p.votingParty).map((p) => [p.id, p.votes])).toEqual(
      VOTING_PARTIES.map((p) => [p, p === 'VNG' || p === 'CAK' ? 6 : 1]),
    );

    const byOther = await stack.as('VNG').post<ProblemBody>('/parties/JZN/withdrawal');
    expect(byOther.status).toBe(403);

    const today = await api.today();
    const effectiveOn = addToDate(today, { months: 3 });
    const given = await stack.as('JZN').post<WithdrawalNoticeBody>('/parties/JZN/withdrawal');
    expect(expectStatus(given, 201)).toMatchObject({
      party: 'JZN',
      noticeOn: today,
      effectiveOn,
      register: {
        memberUntil: addToDate(effectiveOn, { days: -1 }),
        withdrawalNoticeOn: today,
        upToDate: false,
      },
    });
    const again = await stack.as('JZN').post<ProblemBody>('/parties/JZN/withdrawal');
    expect(again.status).toBe(409);
    expect(again.body.type).toBe(`${PROBLEM_BASE}withdrawal-notice-exists`);

    const listed = expectStatus(await stack.as('KBSD').get<PartyListBody>('/parties'), 200);
    expect(listed.withdrawalNotices).toEqual([{ party: 'JZN', noticeOn: today, effectiveOn }]);
    expect(listed.parties.find((p) => p.id === 'JZN')).toMatchObject({
      withdrawalNotice: { noticeOn: today, effectiveOn },
    });

    expect(given.body.register.instruction).toContain(given.body.register.memberUntil);

    // art. 10 (issue 12): three months on, the withdrawal takes effect by itself — a new covenant
    // version lists JZN with memberUntil; nobody edits the register. (It used to wait for an edit.)
    // JZN objects while still a member: the objection stays on record after it left (DESIGN 2.1).
    const earlier = await api.scheduled({ title: 'Release iJw 3.9', standards: ['iJw'] });
    await api.consensus(earlier.id, 'adopted');
    await api.object(earlier.id, 'JZN', 'Te vroeg.');
    await stack.advanceTo(`${effectiveOn}T12:00:00.000Z`);
    const objected = (await api.proposal(earlier.id)).objections as readonly {
      by: string;
      byFormerMember?: boolean;
    }[];
    expect(objected).toEqual([expect.objectContaining({ by: 'JZN', byFormerMember: true })]);
    const after = expectStatus(await stack.as('KBSD').get<PartyListBody>('/parties'), 200);
    expect(after.totalVotes).toBe(17);
    expect(after.parties.find((p) => p.id === 'JZN')).toMatchObject({
      memberUntil: addToDate(effectiveOn, { days: -1 }),
    });
    const covenant = expectStatus(await stack.as('KBSD').get<CovenantBody>('/covenant'), 200);
    expect(covenant.inForce).toMatchObject({ version: 2, effectiveOn, votingParties: 7, totalVotes: 17 });
    expect(covenant.inForce.cause).toEqual({ kind: 'withdrawal', party: 'JZN' });

    // The quorum is the seven parties that remain (art. 6.9 with art. 10).
    const without = ['ZIN', ...VOTING_PARTIES].filter((p) => p !== 'JZN');
    const { id, meetingId } = await api.scheduled({ title: 'Release iWmo 4.0' });
    const attendance = await api.attendance(meetingId, without);
    expect(attendance.quorum).toMatchObject({ met: true, absent: [] });

    // JZN can neither vote nor object any more (DESIGN 2.1).
    await api.openVote(id);
    const ballot = await stack.as('JZN').put<ProblemBody>(`/proposals/${id}/votes/JZN`, { choice: 'for' });
    expect(ballot.status).toBe(422);
    expect(ballot.body.type).toBe(`${PROBLEM_BASE}not-a-member`);
    await api.castBallots(id, Object.fromEntries(without.filter((p) => p !== 'ZIN').map((p) => [p, 'for'])));
    expect((await api.closeVote(id)).tally).toMatchObject({
      for: 17,
      cast: 17,
      threshold: 9,
      outcome: 'adopted',
    });
    const objection = await stack
      .as('JZN')
      .post<ProblemBody>(`/proposals/${id}/objection`, { reason: 'Nee.' });
    expect(objection.status).toBe(422);
    expect(objection.body.type).toBe(`${PROBLEM_BASE}not-a-member`);

    // The agenda item for ZIN's advice on JZN's constituency was tabled by itself (art. 10).
    const proposals = expectStatus(
      await stack.as('KBSD').get<{ proposals: { title: string; submittedBy: string }[] }>('/proposals'),
      200,
    );
    expect(proposals.proposals).toContainEqual(
      expect.objectContaining({
        submittedBy: 'ZIN',
        title: expect.stringContaining("Representation of JZN's constituency"),
      }),
    );
    const steps = (await stack.outbox()).map((m) => m.step);
    expect(steps).toContain('withdrawal-noticed');
    expect(steps).toContain('withdrawal-effective');
    // The one seam "membership ended for PARTY on DAY" was called (locally it records the call).
    const ended = readFileSync(join(stack.dataDir, MEMBERSHIP_LOG), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(ended).toEqual([{ party: 'JZN', day: effectiveOn }]);
  });
});
