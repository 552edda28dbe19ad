import type { z } from 'zod/mini';
import english from 'zod/v4/locales/en.js';
import { parseCalendarDate } from './dates.ts';
import { type RegisterIssue, RegisterValidationError, UnknownPartyError } from './errors.ts';
import defaultRegisterData from './register.json' with { type: 'json' };
import { checkRegisterRules } from './registerRules.ts';
import { type Party, type Register, type Role, registerShape } from './registerSchema.ts';

/** zod's English messages, whichever build of zod the process also loaded (the mini build loads none). */
const ENGLISH = english().localeError;

function formatPath(path: readonly PropertyKey[]): string {
  const text = path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
  return text.startsWith('.') ? text.slice(1) : text || '(root)';
}

function toIssues(issue: z.core.$ZodIssue): RegisterIssue[] {
  if (issue.code !== 'unrecognized_keys') {
    return [{ path: formatPath(issue.path), message: issue.message, value: issue.input }];
  }
  // Name the unknown field itself (often a typo) rather than the whole object around it.
  const input = (issue.input ?? {}) as Record<string, unknown>;
  return issue.keys.map((key) => ({
    path: formatPath([...issue.path, key]),
    message: 'unknown field',
    value: input[key],
  }));
}

/**
 * Validates register data (DESIGN 2.1): every field's shape, then the rules across parties
 * (unique ids, weights that match the kind, one chair, one secretary, one DGLZ, ordered
 * membership dates). Pure: returns a new object and leaves `data` alone.
 * @throws RegisterValidationError naming each failing field's path and the value found there.
 */
export function parseRegister(data: unknown): Register {
  const parsed = registerShape.safeParse(data, { reportInput: true, error: ENGLISH });
  if (!parsed.success) throw new RegisterValidationError(parsed.error.issues.flatMap(toIssues));
  const issues = checkRegisterRules(parsed.data);
  if (issues.length > 0) throw new RegisterValidationError(issues);
  return parsed.data;
}

/** The register shipped with the system (`register.json`), validated; a fresh copy per call. */
export function loadDefaultRegister(): Register {
  return parseRegister(defaultRegisterData);
}

/**
 * The party with this id.
 * @throws UnknownPartyError when the register has no such party.
 */
export function getParty(register: Register, id: string): Party {
  const party = register.parties.find((p) => p.id === id);
  if (!party) throw new UnknownPartyError(id);
  return party;
}

/** Whether the party is a Ketenpartij, i.e. has voting rights. */
export function isVotingParty(party: Party): boolean {
  // art. 6.8: voting rights belong to the Ketenpartijen, not to ZIN, VWS or the Ketenbureau.
  return party.kind !== 'coordinating';
}

/** Whether the party is one of the provider associations (brancheorganisaties). */
export function isProviderAssociation(party: Party): boolean {
  // art. 6.8 and footnote 11: the six provider associations, who may pause to agree among themselves.
  return party.kind === 'provider-association';
}

/** Whether the party is a member on a calendar date (`YYYY-MM-DD`), both ends inclusive. */
export function isMemberOn(party: Party, date: string): boolean {
  parseCalendarDate(date);
  // art. 10: membership ends with the notice period; memberUntil is the last day as a member.
  return party.memberFrom <= date && (party.memberUntil === undefined || date <= party.memberUntil);
}

/** The voting parties that are members on a date, in register order. */
export function votingPartiesOn(register: Register, date: string): Party[] {
  return register.parties.filter((p) => isVotingParty(p) && isMemberOn(p, date));
}

/** The total weight of all voting parties on a date: 18 with the register of 2023. */
export function totalVotesOn(register: Register, date: string): number {
  // art. 6.8: eighteen votes over eight voting parties, as long as all eight are members.
  return votingPartiesOn(register, date).reduce((sum, p) => sum + p.votes, 0);
}

/** Whether the party may lodge an objection to a decision. */
export function canObject(party: Party): boolean {
  // art. 7.2: lodging an objection is reserved to the Ketenpartijen.
  return isVotingParty(party);
}

/** Whether the party holds a role (chair, secretary, ministry, dglz). */
export function holdsRole(party: Party, role: Role): boolean {
  return party.roles.includes(role);
}
