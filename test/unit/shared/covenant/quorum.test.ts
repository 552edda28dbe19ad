import { describe, expect, it } from 'vitest';
import {
  assertAttendanceQuorum,
  checkAttendanceQuorum,
  loadDefaultRegister,
  QuorumNotMetError,
  UnknownPartyError,
} from '#shared/covenant/index.ts';
import { MEETING_DATE, VOTING_PARTIES, withWithdrawal } from './fixtures.ts';

const allBut = (...absent: string[]) => VOTING_PARTIES.filter((id) => !absent.includes(id));

describe('quorum', () => {
  it.each([
    ['art. 6.9: all eight voting parties present meets the quorum', [...VOTING_PARTIES], true, []],
    ['art. 6.9: seven of eight present does not, naming the absent party', allBut('VGN'), false, ['VGN']],
    ['art. 6.9: a six-vote party absent does not either', allBut('CAK'), false, ['CAK']],
    ['art. 6.9: nobody present names all eight', [], false, [...VOTING_PARTIES]],
    [
      'art. 6.8: coordinating parties present do not replace a voting party',
      [...allBut('JZN'), 'ZIN', 'VWS', 'KBSD'],
      false,
      ['JZN'],
    ],
    [
      'art. 6.8: coordinating parties may attend and are ignored',
      [...VOTING_PARTIES, 'ZIN', 'VWS', 'KBSD'],
      true,
      [],
    ],
  ])('%s', (_rule, present, met, absent) => {
    const quorum = checkAttendanceQuorum(loadDefaultRegister(), MEETING_DATE, present);
    expect(quorum.met).toBe(met);
    expect(quorum.absent).toEqual(absent);
    expect(quorum.required).toEqual([...VOTING_PARTIES]);
    expect(quorum.present).toEqual(VOTING_PARTIES.filter((id) => !absent.includes(id)));
  });

  it('counts a party recorded present twice once', () => {
    const quorum = checkAttendanceQuorum(loadDefaultRegister(), MEETING_DATE, [...VOTING_PARTIES, 'VNG']);
    expect(quorum).toEqual({
      met: true,
      required: [...VOTING_PARTIES],
      present: [...VOTING_PARTIES],
      absent: [],
    });
  });

  it('refuses an unknown party in the attendance with UnknownPartyError', () => {
    expect(() =>
      checkAttendanceQuorum(loadDefaultRegister(), MEETING_DATE, [...VOTING_PARTIES, 'NZA']),
    ).toThrow(UnknownPartyError);
  });

  it('art. 6.9 with art. 10: a party whose membership ended before the meeting is no longer required', () => {
    const register = withWithdrawal('ACTIZ', '2027-01-15');
    const quorum = checkAttendanceQuorum(register, '2027-05-03', allBut('ACTIZ'));
    expect(quorum.met).toBe(true);
    expect(quorum.required).toEqual(allBut('ACTIZ'));
  });

  it('art. 6.9 with art. 10: the same party is still required on its last day as a member', () => {
    const register = withWithdrawal('ACTIZ', '2027-01-15');
    expect(checkAttendanceQuorum(register, '2027-04-14', allBut('ACTIZ')).absent).toEqual(['ACTIZ']);
  });

  it('art. 6.9: with no voting members left there is no quorum', () => {
    const register = loadDefaultRegister();
    const empty = { ...register, parties: register.parties.filter((p) => p.kind === 'coordinating') };
    expect(checkAttendanceQuorum(empty, MEETING_DATE, ['ZIN']).met).toBe(false);
  });

  it('assertAttendanceQuorum refuses with QuorumNotMetError naming the absent parties', () => {
    const register = loadDefaultRegister();
    expect(() => assertAttendanceQuorum(register, MEETING_DATE, allBut('VGN', 'ZTNL'))).toThrow(
      QuorumNotMetError,
    );
    expect(() => assertAttendanceQuorum(register, MEETING_DATE, allBut('VGN', 'ZTNL'))).toThrow(
      /absent: VGN, ZTNL/,
    );
    expect(assertAttendanceQuorum(register, MEETING_DATE, [...VOTING_PARTIES]).met).toBe(true);
  });
});
