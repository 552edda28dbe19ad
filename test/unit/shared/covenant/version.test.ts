import { describe, expect, it } from 'vitest';
import {
  changedRegister,
  loadDefaultRegister,
  membershipOn,
  RegisterValidationError,
  registerAfterWithdrawal,
  termOn,
  totalVotesOn,
  UnknownPartyError,
  votingPartiesOn,
} from '#shared/covenant/index.ts';

const register = loadDefaultRegister();
const NEW_PARTY = {
  id: 'NIEUW',
  name: 'Nieuw',
  kind: 'provider-association' as const,
  votes: 1,
  standards: ['iWmo' as const],
  roles: [],
  memberFrom: '2027-04-01',
  representatives: [{ name: 'R', email: 'r@nieuw.example' }],
};

describe('shared/covenant/version', () => {
  it('adds an acceding party from the change’s date: nine voting parties and 19 votes from then (art. 9.4)', () => {
    const after = changedRegister(register, { add: [NEW_PARTY] }, {}, '2027-04-01');
    expect(votingPartiesOn(after, '2027-03-31')).toHaveLength(8);
    expect(votingPartiesOn(after, '2027-04-01')).toHaveLength(9);
    expect(totalVotesOn(after, '2027-04-01')).toBe(19);
  });

  it('refuses a change that leaves the register invalid: a voting party without votes, no chair', () => {
    expect(() => changedRegister(register, { add: [{ ...NEW_PARTY, votes: 0 }] }, {}, '2027-04-01')).toThrow(
      RegisterValidationError,
    );
    expect(() =>
      changedRegister(register, { update: [{ id: 'ZIN', roles: ['secretary'] }] }, {}, '2027-04-01'),
    ).toThrow(RegisterValidationError);
    expect(() => changedRegister(register, { remove: ['NOPE'] }, {}, '2027-04-01')).toThrow(
      UnknownPartyError,
    );
  });

  it('keeps a party that leaves in the register with memberUntil the day before, so old votes still name it (art. 10)', () => {
    const after = registerAfterWithdrawal(register, 'JZN', '2027-01-15', '2027-04-15');
    expect(after.parties.find((p) => p.id === 'JZN')).toMatchObject({
      memberUntil: '2027-04-14',
      withdrawalNoticeOn: '2027-01-15',
    });
    expect(membershipOn(after, 'JZN', '2027-04-14')).toBe('member');
    expect(membershipOn(after, 'JZN', '2027-04-15')).toBe('not-a-member');
    expect(membershipOn(after, 'NOPE', '2027-04-15')).toBe('unknown');
    expect(votingPartiesOn(after, '2027-04-15')).toHaveLength(7);
  });

  it('changes a policy switch and nothing else', () => {
    const after = changedRegister(register, {}, { abstentionsCountAsCast: true }, '2027-04-01');
    expect(after.policy).toEqual({ ...register.policy, abstentionsCountAsCast: true });
    expect(after.parties).toEqual(register.parties);
  });

  it('gives the current term, the next renewal and the reminder a month before it (art. 9.1)', () => {
    expect(termOn('2023-07-01', '2026-12-07')).toEqual({
      startedOn: '2026-07-01',
      endsOn: '2027-06-30',
      renewsOn: '2027-07-01',
      reminderOn: '2027-06-01',
    });
  });
});
