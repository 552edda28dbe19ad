/**
 * The covenant as a versioned document (art. 9, 10; DESIGN 2.5): its text reference, the register
 * and the policies, each version with the day it takes effect. Pure: what a change, a withdrawal
 * or a term does to a version; the store keeps the versions.
 */
import { shiftDate } from './dates.ts';
import { nextRenewalOn } from './deadlines.ts';
import type { Policy } from './policy.ts';
import { getParty, isMemberOn, parseRegister } from './register.ts';
import type { Party, Register } from './registerSchema.ts';

/** Why a version exists: the seed, a signed change, or a withdrawal that took effect. */
export type VersionCause =
  | { readonly kind: 'seed' }
  | { readonly kind: 'change'; readonly changeId: string }
  | { readonly kind: 'withdrawal'; readonly party: string };

/** One version of the covenant document. */
export interface CovenantVersion {
  /** 1, 2, 3, …: the order in which versions were recorded. */
  readonly id: number;
  /** The first day the version is in force, `YYYY-MM-DD`. */
  readonly effectiveOn: string;
  /** Which text of the covenant applies: the signed text and its addenda, by reference. */
  readonly text: { readonly title: string; readonly reference: string };
  readonly register: Register;
  readonly cause: VersionCause;
  readonly recordedAt: string;
}

/** The three kinds of change of art. 9: a new version after an evaluation, an addendum, a new party. */
export type ChangeKind = 'version' | 'addendum' | 'accession';

/** What a change does to the register: parties added, fields updated, parties removed. */
export interface RegisterChanges {
  readonly add?: readonly Party[];
  readonly update?: readonly ({ readonly id: string } & Partial<Omit<Party, 'id'>>)[];
  /** Parties that leave on the change's date: they stay listed with `memberUntil` (old votes still name them). */
  readonly remove?: readonly string[];
}

/** The seed's text reference: the covenant as signed. */
export const SIGNED_TEXT = Object.freeze({
  title: 'Convenant Stuurgroep iStandaarden sociaal domein',
  reference: 'covenant.txt',
});

const dayBefore = (day: string) => shiftDate(day, { days: -1 });

/**
 * The register after `changes`, in force from `effectiveOn`, validated like the seed (weights that
 * match the kinds, one chair, …). A removed party keeps its entry with `memberUntil` the day before.
 * @throws RegisterValidationError, UnknownPartyError
 */
export function changedRegister(
  register: Register,
  changes: RegisterChanges,
  policy: Partial<Policy>,
  effectiveOn: string,
): Register {
  for (const { id } of changes.update ?? []) getParty(register, id);
  for (const id of changes.remove ?? []) getParty(register, id);
  const parties = register.parties.map((party) => {
    const update = changes.update?.find((u) => u.id === party.id);
    const removed = changes.remove?.includes(party.id) ?? false;
    return { ...party, ...update, ...(removed ? { memberUntil: dayBefore(effectiveOn) } : {}) };
  });
  return parseRegister({
    ...register,
    policy: { ...register.policy, ...policy },
    parties: [...parties, ...(changes.add ?? [])],
  });
}

/**
 * The register once `party`'s withdrawal takes effect on `effectiveOn` (art. 10): it stays listed,
 * so that old ballots and minutes still name it, with `memberUntil` the day before.
 */
export function registerAfterWithdrawal(
  register: Register,
  party: string,
  noticeOn: string,
  effectiveOn: string,
): Register {
  getParty(register, party);
  return parseRegister({
    ...register,
    parties: register.parties.map((p) =>
      p.id === party ? { ...p, withdrawalNoticeOn: noticeOn, memberUntil: dayBefore(effectiveOn) } : p,
    ),
  });
}

/**
 * The one answer to "is PARTY a member on DAY" (art. 10, DESIGN 2.1): `unknown` when the register
 * of the version in force has never listed it.
 */
export function membershipOn(
  register: Register,
  party: string,
  day: string,
): 'member' | 'not-a-member' | 'unknown' {
  const entry = register.parties.find((p) => p.id === party);
  if (!entry) return 'unknown';
  return isMemberOn(entry, day) ? 'member' : 'not-a-member';
}

/** The covenant's current term and next renewal (art. 9.1): a year from signing, renewed silently. */
export interface Term {
  readonly startedOn: string;
  readonly endsOn: string;
  readonly renewsOn: string;
  /** The day all members are reminded: a month before the renewal. */
  readonly reminderOn: string;
}

/** The term running on `day` of a covenant signed on `signedOn`. */
export function termOn(signedOn: string, day: string): Term {
  const renewsOn = nextRenewalOn(signedOn, `${day}T12:00:00Z`);
  return {
    startedOn: shiftDate(renewsOn, { years: -1 }),
    endsOn: shiftDate(renewsOn, { days: -1 }),
    renewsOn,
    reminderOn: shiftDate(renewsOn, { months: -1 }),
  };
}
