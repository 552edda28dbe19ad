/**
 * Art. 10 with the register updated: once a withdrawn party's `memberUntil` is in the register
 * (data, no code change), the attendance quorum and the total of votes follow from the next day.
 */

import { describe, expect, it } from 'vitest';
import { loadDefaultRegister, parseRegister } from '#shared/covenant/index.ts';
import {
  expectStatus,
  type PartyListBody,
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
    const without = ['ZIN', ...VOTING_PARTIES].filter((p) => p !== 'JZN');
    expect((await api.attendance(beforeMeeting.id, without)).quorum).toMatchObject({
      met: false,
      absent: ['JZN'],
    });

    const afterMeeting = await api.createMeeting('Stuurgroep april', '2027-04-01');
    expect((await api.attendance(afterMeeting.id, without)).quorum).toMatchObject({ met: true, absent: [] });

    const parties = expectStatus(await stack.as('KBSD').get<PartyListBody>('/parties'), 200);
    expect(parties.parties.find((p) => p.id === 'JZN')).toMatchObject({ memberUntil: MEMBER_UNTIL });
  });
});
