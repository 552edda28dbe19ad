/**
 * The party register (DESIGN 2.1, 2.4, covenant art. 10), end to end over HTTP: a party's notice of
 * withdrawal, effective three months later, and what that does to the attendance quorum.
 */
import { describe, expect, it } from 'vitest';
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

const stack = useLocalStack();
const api = procedure(stack);

describe('the party register (art. 10)', () => {
  it('a party gives notice of withdrawal, effective three months later; the register (data) must then say so (art. 10)', async () => {
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

    // Until the register (data) is updated, it lists JZN without memberUntil: three months on, the
    // API shows the notice as effective, yet the quorum follows the register and still requires
    // JZN. register-withdrawn.e2e.test.ts shows the quorum once the register says memberUntil.
    await stack.advanceTo(`${effectiveOn}T12:00:00.000Z`);
    const after = expectStatus(await stack.as('KBSD').get<PartyListBody>('/parties'), 200);
    expect(after.totalVotes).toBe(18);
    expect(after.parties.find((p) => p.id === 'JZN')).toMatchObject({
      votingParty: true,
      withdrawalNotice: { effectiveOn },
    });
    expect(after.parties.find((p) => p.id === 'JZN')?.memberUntil).toBeUndefined();
    const meeting = await api.createMeeting('Stuurgroep na de uittreding', effectiveOn);
    const attendance = await api.attendance(
      meeting.id,
      ['ZIN', ...VOTING_PARTIES].filter((p) => p !== 'JZN'),
    );
    expect(attendance.quorum).toMatchObject({ met: false, absent: ['JZN'] });
  });
});
