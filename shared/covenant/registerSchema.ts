import * as z from 'zod/mini';
import type { Policy } from './policy.ts';

/** The three iStandaarden the covenant governs. */
export type Standard = 'iWmo' | 'iJw' | 'iEb';

/**
 * `provider-association` (one of the six brancheorganisaties) and `chain-party` (VNG, CAK) are
 * both Ketenpartijen, the voting parties of art. 6.8; `coordinating` parties do not vote.
 */
export type PartyKind = 'provider-association' | 'chain-party' | 'coordinating';

/** Roles a party holds in the steering group: ZIN chairs and keeps the minutes; VWS decides last. */
export type Role = 'chair' | 'secretary' | 'ministry' | 'dglz';

/** A person (or function mailbox) a party appointed to the steering group (art. 6.6). */
export interface Representative {
  readonly name: string;
  readonly email: string;
  /**
   * The party's roles this person serves (the DGLZ's secretariat of VWS, say): a role's e-mail goes to
   * the representatives marked with it, or, when none is, to those marked with no role.
   */
  readonly roles?: readonly Role[] | undefined;
}

/** One party to the covenant, as the register lists it (DESIGN 2.1). */
export interface Party {
  /** Stable id in capitals, e.g. `ACTIZ`. */
  readonly id: string;
  readonly name: string;
  readonly kind: PartyKind;
  /** Weight of the party's bloc vote (art. 6.8); 0 for coordinating parties. */
  readonly votes: number;
  /** The standards the party is an end user of (footnote 12). */
  readonly standards: readonly Standard[];
  readonly roles: readonly Role[];
  /** First day of membership, `YYYY-MM-DD`. */
  readonly memberFrom: string;
  /** Last day of membership, `YYYY-MM-DD`; absent while the party remains a member (art. 10). */
  readonly memberUntil?: string | undefined;
  /** The day the party gave written notice of withdrawal, `YYYY-MM-DD` (art. 10). */
  readonly withdrawalNoticeOn?: string | undefined;
  readonly representatives: readonly Representative[];
}

/** The party register: who takes part, with which weight, and the policy switches. */
export interface Register {
  /** The covenant's signing date, `YYYY-MM-DD`; its term starts here (art. 9.1). */
  readonly covenantSignedOn: string;
  readonly policy: Policy;
  readonly parties: readonly Party[];
}

const noDuplicates = (values: readonly string[]) => new Set(values).size === values.length;

const partySchema = z.strictObject({
  id: z.string().check(z.regex(/^[A-Z]+$/, 'must be capital letters A–Z only')),
  name: z.string().check(z.minLength(1)),
  kind: z.enum(['provider-association', 'chain-party', 'coordinating']),
  votes: z.number().check(z.int(), z.gte(0)),
  standards: z
    .array(z.enum(['iWmo', 'iJw', 'iEb']))
    .check(z.refine(noDuplicates, 'must not repeat a standard')),
  roles: z
    .array(z.enum(['chair', 'secretary', 'ministry', 'dglz']))
    .check(z.refine(noDuplicates, 'must not repeat a role')),
  memberFrom: z.iso.date(),
  memberUntil: z.optional(z.iso.date()),
  withdrawalNoticeOn: z.optional(z.iso.date()),
  representatives: z
    .array(
      z.strictObject({
        name: z.string().check(z.minLength(1)),
        email: z.email(),
        roles: z.optional(z.array(z.enum(['chair', 'secretary', 'ministry', 'dglz']))),
      }),
    )
    .check(z.minLength(1)),
});

/**
 * The shape of the register, field by field; cross-party rules live in `registerRules.ts`. zod's
 * mini build (issue 16): the workflow's tasks validate a register and no other schema, so they carry
 * ~10 KiB of zod instead of ~90; `parseRegister` gives it zod's English messages, as the full build
 * would.
 */
export const registerShape = z.strictObject({
  covenantSignedOn: z.iso.date(),
  policy: z.strictObject({
    abstentionsCountAsCast: z.boolean(),
    extendDeadlinesOverNonWorkingDays: z.boolean(),
  }),
  parties: z.array(partySchema).check(z.minLength(1)),
});
