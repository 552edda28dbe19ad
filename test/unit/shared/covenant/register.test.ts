import { describe, expect, it } from 'vitest';
import {
  canObject,
  getParty,
  holdsRole,
  isMemberOn,
  isProviderAssociation,
  isVotingParty,
  loadDefaultRegister,
  parseRegister,
  RegisterValidationError,
  totalVotesOn,
  UnknownPartyError,
  votingPartiesOn,
} from '#shared/covenant/index.ts';
import { MEETING_DATE, VOTING_PARTIES, withWithdrawal } from './fixtures.ts';

type RawParty = Record<string, unknown> & { roles: string[]; representatives: Record<string, unknown>[] };
type RawRegister = Record<string, unknown> & { parties: RawParty[] };

/** The default register as plain, editable JSON data. */
function rawRegister(): RawRegister {
  return JSON.parse(JSON.stringify(loadDefaultRegister())) as RawRegister;
}

function rawParty(data: RawRegister, id: string): RawParty {
  const party = data.parties.find((p) => p.id === id);
  if (!party) throw new Error(`no party ${id} in the fixture`);
  return party;
}

function refusal(data: unknown): RegisterValidationError {
  try {
    parseRegister(data);
  } catch (error) {
    if (error instanceof RegisterValidationError) return error;
    throw error;
  }
  throw new Error('parseRegister accepted invalid data');
}

describe('register', () => {
  it('loads the default register: eight voting parties with eighteen votes (art. 6.8)', () => {
    const register = loadDefaultRegister();
    expect(votingPartiesOn(register, MEETING_DATE).map((p) => p.id)).toEqual([...VOTING_PARTIES]);
    expect(totalVotesOn(register, MEETING_DATE)).toBe(18);
    expect(register.covenantSignedOn).toBe('2023-07-01');
    // DESIGN 2.2.7 (art. 6.9 "uitgebrachte stemmen"): an abstention is not a cast vote by default;
    // counting it as cast stays the policy switch's other reading.
    expect(register.policy).toEqual({
      abstentionsCountAsCast: false,
      extendDeadlinesOverNonWorkingDays: false,
    });
  });

  it('gives ZIN the chair and the secretary and VWS the DGLZ (art. 7.6, 8)', () => {
    const register = loadDefaultRegister();
    const holders = (role: 'chair' | 'secretary' | 'ministry' | 'dglz') =>
      register.parties.filter((p) => holdsRole(p, role)).map((p) => p.id);
    expect([holders('chair'), holders('secretary'), holders('ministry'), holders('dglz')]).toEqual([
      ['ZIN'],
      ['ZIN'],
      ['VWS'],
      ['VWS'],
    ]);
  });

  it.each([
    ['ACTIZ', 1, true, true, true],
    ['JZN', 1, true, true, true],
    ['VNG', 6, true, false, true],
    ['CAK', 6, true, false, true],
    ['ZIN', 0, false, false, false],
    ['VWS', 0, false, false, false],
    ['KBSD', 0, false, false, false],
  ])(
    'art. 6.8 / 7.2: %s has %i votes, votes: %s, provider association: %s, may object: %s',
    (id, votes, voting, provider, objects) => {
      const party = getParty(loadDefaultRegister(), id);
      expect([party.votes, isVotingParty(party), isProviderAssociation(party), canObject(party)]).toEqual([
        votes,
        voting,
        provider,
        objects,
      ]);
    },
  );

  it('refuses an unknown party id with UnknownPartyError', () => {
    expect(() => getParty(loadDefaultRegister(), 'NZA')).toThrow(UnknownPartyError);
    expect(() => getParty(loadDefaultRegister(), 'NZA')).toThrow(/NZA/);
  });

  it('uses .example addresses and role names for the representatives, never a person', () => {
    for (const party of loadDefaultRegister().parties) {
      for (const representative of party.representatives) {
        expect(representative.email).toMatch(/@[a-z-]+\.example$/);
        expect(representative.name).toMatch(/Vertegenwoordiger|Voorzitter|Secretaris|Secretariaat/);
      }
    }
  });

  it('counts membership inclusively from memberFrom through memberUntil (art. 10)', () => {
    const party = { ...getParty(loadDefaultRegister(), 'ACTIZ'), memberUntil: '2027-04-14' };
    expect([
      isMemberOn(party, '2023-06-30'),
      isMemberOn(party, '2023-07-01'),
      isMemberOn(party, '2027-04-14'),
      isMemberOn(party, '2027-04-15'),
    ]).toEqual([false, true, true, false]);
  });

  it('art. 10: a withdrawal is data; setting memberUntil makes totals and voting parties follow', () => {
    const register = withWithdrawal('ACTIZ', '2027-01-15');
    expect(parseRegister(register)).toEqual(register);
    expect(totalVotesOn(register, '2027-04-14')).toBe(18);
    expect(totalVotesOn(register, '2027-04-15')).toBe(17);
    expect(votingPartiesOn(register, '2027-04-15').map((p) => p.id)).not.toContain('ACTIZ');
  });

  it('does not change the data it validates and returns a new object', () => {
    const data = rawRegister();
    const before = JSON.stringify(data);
    expect(parseRegister(data)).not.toBe(data);
    expect(JSON.stringify(data)).toBe(before);
  });

  it.each<[string, (data: RawRegister) => void, RegExp]>([
    ['an id that is not capitals', (d) => (rawParty(d, 'ACTIZ').id = 'ActiZ'), /parties\[0\]\.id.*"ActiZ"/],
    ['a duplicate id', (d) => (rawParty(d, 'GGZ').id = 'ACTIZ'), /parties\[1\]\.id: must be unique.*"ACTIZ"/],
    [
      'a voting party without votes',
      (d) => (rawParty(d, 'VNG').votes = 0),
      /parties\[6\]\.votes: voting party VNG.*received 0/,
    ],
    [
      'a coordinating party with votes',
      (d) => (rawParty(d, 'KBSD').votes = 1),
      /parties\[10\]\.votes: coordinating party KBSD.*received 1/,
    ],
    ['negative votes', (d) => (rawParty(d, 'CAK').votes = -6), /parties\[7\]\.votes.*received -6/],
    ['fractional votes', (d) => (rawParty(d, 'CAK').votes = 5.5), /parties\[7\]\.votes.*received 5\.5/],
    ['an unknown kind', (d) => (rawParty(d, 'CAK').kind = 'observer'), /parties\[7\]\.kind.*"observer"/],
    [
      'an unknown standard',
      (d) => (rawParty(d, 'CAK').standards = ['iWlz']),
      /parties\[7\]\.standards\[0\].*"iWlz"/,
    ],
    [
      'no chair',
      (d) => (rawParty(d, 'ZIN').roles = ['secretary']),
      /parties: exactly one party must hold role "chair".*\[\]/,
    ],
    [
      'two secretaries',
      (d) => rawParty(d, 'KBSD').roles.push('secretary'),
      /role "secretary".*\["ZIN","KBSD"\]/,
    ],
    [
      'two parties that can hold dglz',
      (d) => rawParty(d, 'ZIN').roles.push('dglz'),
      /role "dglz".*\["ZIN","VWS"\]/,
    ],
    ['no dglz', (d) => (rawParty(d, 'VWS').roles = ['ministry']), /role "dglz"/],
    [
      'memberUntil before memberFrom',
      (d) => (rawParty(d, 'VGN').memberUntil = '2023-06-30'),
      /parties\[4\]\.memberUntil: must be after memberFrom 2023-07-01.*"2023-06-30"/,
    ],
    [
      'memberUntil equal to memberFrom',
      (d) => (rawParty(d, 'VGN').memberUntil = '2023-07-01'),
      /parties\[4\]\.memberUntil/,
    ],
    [
      'an impossible date',
      (d) => (rawParty(d, 'VGN').memberFrom = '2023-02-30'),
      /parties\[4\]\.memberFrom.*"2023-02-30"/,
    ],
    [
      'an invalid representative e-mail',
      (d) => ((d.parties[0]?.representatives[0] ?? {}).email = 'actiz'),
      /parties\[0\]\.representatives\[0\]\.email.*"actiz"/,
    ],
    [
      'a party without representatives',
      (d) => (rawParty(d, 'GGZ').representatives = []),
      /parties\[1\]\.representatives/,
    ],
    ['a missing signing date', (d) => delete d.covenantSignedOn, /covenantSignedOn/],
    [
      'a policy switch that is not a boolean',
      (d) => (d.policy = { abstentionsCountAsCast: 'yes', extendDeadlinesOverNonWorkingDays: false }),
      /policy\.abstentionsCountAsCast.*"yes"/,
    ],
    [
      'an unknown field (a typo)',
      (d) => (rawParty(d, 'GGZ').vote = 1),
      /parties\[1\]\.vote: unknown field \(received 1\)/,
    ],
  ])('refuses %s, naming the field and the value', (_case, change, message) => {
    const data = rawRegister();
    change(data);
    const error = refusal(data);
    expect(error.name).toBe('RegisterValidationError');
    expect(error.message).toMatch(message);
  });

  it('refuses data that is not a register at all', () => {
    expect(refusal(null).issues[0]?.path).toBe('(root)');
    expect(refusal([]).message).toMatch(/Invalid party register/);
  });
});
