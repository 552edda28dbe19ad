/**
 * Art. 10 with the register updated: once a withdrawn party's `memberUntil` is in the register
 * (data, no code change), the attendance quorum and the total of votes follow from the next day.
 */

import { describe, expect, it } from 'vitest';
import { loadDefaultRegister, parseRegister } from '#shared/covenant/index.ts';
import {
  expectStatus,
  type PartyListBody,
  PROBLEM_BASE,
  type ProblemBody,
  procedure,
  useLocalStack,
  VOTING_PARTIES,
} from './support/index.ts';

const MEMBER_UNTIL = '2027-03-31';
const base = loadDefaultRegister();
const register = parseRegister({
  ...base,
  parties: base.parties.map((p) =>
    p.id === 'JZN' ? { ...p, withdrawalNoticeOn: '2026-12-31', memberUntil: MEMBER_UNTIL } : p,
  ),
});

const stack = useLocalStack({ register });
const api = procedure(stack);

describe('the party register after a withdrawal (art. 10, 6.9)', () => {
  it('requires JZN for the quorum until its last day as a member, and no longer from the day after', async () => {
    const beforeMeeting = await api.createMeeting('Stuurgroep maart', MEMBER_UNTIL);
    const afterMeeting = await api.createMeeting('Stuurgroep april', '2027-04-01');
    const without = ['ZIN', ...VOTING_PARTIES].filter((p) => p !== 'JZN');
    // DESIGN 2.2.5: attendance is recorded at the meeting, on or after its date.
    await stack.advanceTo(`${MEMBER_UNTIL}T08:00:00Z`);
    expect((await api.attendance(beforeMeeting.id, without)).quorum).toMatchObject({
      met: false,
      absent: ['JZN'],
    });

    await stack.advanceTo('2027-04-01T08:00:00Z');
    expect((await api.attendance(afterMeeting.id, without)).quorum).toMatchObject({ met: true, absent: [] });

    const parties = expectStatus(await stack.as('KBSD').get<PartyListBody>('/parties'), 200);
    expect(parties.parties.find((p) => p.id === 'JZN')).toMatchObject({ memberUntil: MEMBER_UNTIL });
  });
});

describe('membership on the day (art. 10, DESIGN 2.1)', () => {
  it('lets a party whose membership ended neither table, vote nor object; the others decide without it', async () => {
    // The clock stands after JZN's last day (the test above moved it to 1 April 2027).
    expect(await api.today()).toBe('2027-04-01');
    const tabled = await stack.as('JZN').post<ProblemBody>('/proposals', {
      title: 'Na de opzegging',
      description: 'Voorstel',
      standards: ['iJw'],
      kind: 'release',
    });
    expect(tabled.status).toBe(422);
    expect(tabled.body.type).toBe(`${PROBLEM_BASE}not-a-member`);

    const { id, meetingId } = await api.scheduled({ title: 'Release iJw 5.0', standards: ['iJw'] });
    const without = ['ZIN', ...VOTING_PARTIES].filter((p) => p !== 'JZN');
    await api.attendance(meetingId, without);
    await api.openVote(id);
    const ballot = await stack
      .as('JZN')
      .put<ProblemBody>(`/proposals/${id}/votes/JZN`, { choice: 'against' });
    expect(ballot.status).toBe(422);
    await api.castBallots(id, Object.fromEntries(without.filter((p) => p !== 'ZIN').map((p) => [p, 'for'])));
    const decided = await api.closeVote(id);
    expect(decided.tally).toMatchObject({ for: 17, cast: 17, outcome: 'adopted' });

    const objection = await stack
      .as('JZN')
      .post<ProblemBody>(`/proposals/${id}/objection`, { reason: 'Nee.' });
    expect(objection.status).toBe(422);
    expect(objection.body.type).toBe(`${PROBLEM_BASE}not-a-member`);
    expect((await api.proposal(id)).objections).toEqual([]);
  });
});
