/**
 * Who receives a step's e-mail: the model names recipients by role (`NotifyParams.to`), the register
 * says which parties hold each role and which representatives' addresses they gave (DESIGN 2.1).
 */
import {
  holdsRole,
  isMemberOn,
  type Party,
  type Register,
  type Representative,
  type Role,
} from '#shared/covenant/index.ts';
import type { ProposalContext } from '#statemachines/proposal-lifecycle/context.ts';
import type { RecipientRole } from '#statemachines/proposal-lifecycle/notifications.ts';

/** A recipient role could not be resolved to any address; the message would silently miss someone. */
export class RecipientResolutionError extends Error {
  constructor(
    readonly role: RecipientRole,
    reason: string,
  ) {
    super(`cannot resolve the recipients of role '${role}': ${reason}`);
    this.name = 'RecipientResolutionError';
  }
}

/** What {@link resolveRecipients} needs. */
export interface RecipientQuery {
  /** The roles of the step, as the model's `notify` action lists them. */
  readonly roles: readonly RecipientRole[];
  readonly register: Register;
  /**
   * The proposal's context: the objectors are the parties of `context.objections`; `escalation`
   * tells a proposal escalated without an objection (art. 7.5, first sentence).
   */
  readonly context: Pick<ProposalContext, 'objections'> & Partial<Pick<ProposalContext, 'escalation'>>;
  /** The calendar date (`YYYY-MM-DD`, Amsterdam) on which membership is judged for `members`. */
  readonly on: string;
}

/**
 * Every party that objected (art. 7.6 "partij(en)"), moot written objections excepted, in register
 * order like every other role.
 */
function objectorParties(query: RecipientQuery): Party[] {
  const by = new Set((query.context.objections ?? []).filter((o) => o.status !== 'moot').map((o) => o.by));
  // art. 7.5, first sentence: a proposal without a valid decision goes to VWS with no objector at all.
  if (by.size === 0 && query.context.escalation?.after === 'no-valid-decision') return [];
  if (by.size === 0) throw new RecipientResolutionError('objector', 'the proposal has no objection');
  const found = query.register.parties.filter((p) => by.has(p.id));
  const unknown = [...by].find((id) => !found.some((p) => p.id === id));
  if (unknown !== undefined) {
    throw new RecipientResolutionError('objector', `party '${unknown}' is not in the register`);
  }
  return found;
}

/** The ministry's party (VWS, holding `ministry` or `dglz`): it takes part through the escalation only. */
const isMinistry = (party: Party) => holdsRole(party, 'ministry') || holdsRole(party, 'dglz');

/** The parties a role designates, in register order. */
function partiesFor(role: RecipientRole, query: RecipientQuery): readonly Party[] {
  const { parties } = query.register;
  const members = () => parties.filter((p) => isMemberOn(p, query.on));
  switch (role) {
    case 'members':
      // DESIGN 2.3 with issue 18: all members are informed; VWS and its DGLZ only on escalations.
      return members().filter((p) => !isMinistry(p));
    case 'ketenpartijen':
      return members().filter((p) => p.votes > 0);
    case 'objector':
      return objectorParties(query);
    case 'ministry':
    case 'dglz':
      // art. 7.5: VWS hears of a proposal once it is escalated to it (a reconsidered final decision is not).
      if (!query.context.escalation) return [];
      return holdersOf(role, parties);
    default:
      return holdersOf(role, parties);
  }
}

function holdersOf(role: Role, parties: readonly Party[]): Party[] {
  const holders = parties.filter((p) => holdsRole(p, role));
  if (holders.length === 0) throw new RecipientResolutionError(role, 'no party holds it in the register');
  return holders;
}

/**
 * The representatives of `party` who receive a role's e-mail: those marked with the role; when none
 * is, those marked with no role (a party that marks nobody sends every role to all). Pure.
 */
function representativesFor(role: RecipientRole, party: Party): readonly Representative[] {
  if (role === 'members' || role === 'ketenpartijen' || role === 'objector') return party.representatives;
  const marked = party.representatives.filter((r) => r.roles?.includes(role));
  if (marked.length > 0) return marked;
  return party.representatives.filter((r) => !r.roles || r.roles.length === 0);
}

/**
 * The representatives' e-mail addresses for a step's recipient roles: in the order of `roles`, each
 * role's parties in register order, each party's representatives in their order; an address that
 * appears twice (ZIN as chair and member, say) is kept at its first place, compared case-insensitively.
 * Pure.
 * @throws RecipientResolutionError when `objector` is asked for a proposal without an objection, or a
 * register role has no holder.
 */
export function resolveRecipients(query: RecipientQuery): string[] {
  const seen = new Set<string>();
  const addresses: string[] = [];
  for (const role of query.roles) {
    for (const party of partiesFor(role, query)) {
      for (const { email } of representativesFor(role, party)) {
        const key = email.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        addresses.push(email);
      }
    }
  }
  return addresses;
}

/** A step's addresses: who must act, and who is informed (in Cc, never also in To). */
export interface StepAddresses {
  readonly to: string[];
  readonly cc: string[];
}

/**
 * The addresses of a step (DESIGN 2.3): `to` from its acting roles, `cc` from its informed roles
 * minus everyone already in `to`. When no one is left to act (an escalation without an objector),
 * the informed move to `to`, so a message never goes out with Cc only. Pure.
 */
export function resolveStepRecipients(
  query: Omit<RecipientQuery, 'roles'> & {
    readonly to: readonly RecipientRole[];
    readonly informed: readonly RecipientRole[];
  },
): StepAddresses {
  const to = resolveRecipients({ ...query, roles: query.to });
  const cc = resolveRecipients({ ...query, roles: [...query.to, ...query.informed] }).slice(to.length);
  return to.length > 0 ? { to, cc } : { to: cc, cc: [] };
}

/**
 * The parties, in register order, that have a representative at one of `addresses` (compared
 * case-insensitively): whom an undelivered e-mail did not reach, without naming the address. Pure.
 */
export function partiesWithAddresses(register: Register, addresses: readonly string[]): string[] {
  const wanted = new Set(addresses.map((a) => a.trim().toLowerCase()));
  return register.parties
    .filter((p) => p.representatives.some((r) => wanted.has(r.email.trim().toLowerCase())))
    .map((p) => p.id);
}
