/** Test fixtures for the covenant: the default register and ballot builders. */
import {
  type Ballot,
  type Choice,
  loadDefaultRegister,
  memberUntilAfterNotice,
  type Party,
  type Register,
} from '#shared/covenant/index.ts';

/** The eight voting parties of the 2023 register, in register order. */
export const VOTING_PARTIES = ['ACTIZ', 'GGZ', 'JZN', 'VALENTE', 'VGN', 'ZTNL', 'VNG', 'CAK'] as const;

/** The six provider associations, one vote each. */
export const PROVIDER_ASSOCIATIONS = ['ACTIZ', 'GGZ', 'JZN', 'VALENTE', 'VGN', 'ZTNL'] as const;

/** A meeting date on which all eight voting parties are members. */
export const MEETING_DATE = '2027-03-01';

/** Ballots from a `{ party: choice }` map, in the map's order. */
export function ballots(choices: Readonly<Record<string, Choice>>): Ballot[] {
  return Object.entries(choices).map(([party, choice]) => ({ party, choice }));
}

/** The same choice for several parties. */
export function all(parties: readonly string[], choice: Choice): Record<string, Choice> {
  return Object.fromEntries(parties.map((party) => [party, choice]));
}

/** A copy of a register in which one party's fields are changed: the register is data. */
export function withParty(register: Register, id: string, change: Partial<Party>): Register {
  return { ...register, parties: register.parties.map((p) => (p.id === id ? { ...p, ...change } : p)) };
}

/** The default register with a party that gave notice of withdrawal on `noticeOn` (art. 10). */
export function withWithdrawal(id: string, noticeOn: string): Register {
  return withParty(loadDefaultRegister(), id, {
    withdrawalNoticeOn: noticeOn,
    memberUntil: memberUntilAfterNotice(noticeOn),
  });
}
