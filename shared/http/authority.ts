/**
 * Who may call each route: the API's role matrix, in one place. Routes that send a model event use
 * the model's own `eventAuthority` (so the API and the guards cannot disagree); the few routes that
 * are not model events keep their rule here, beside it.
 *
 * Authorization runs before any write and answers only "may this caller do this at all" (403).
 * Whether the covenant allows it now (quorum, blackout, …) is dispatch's question (422).
 */
import { holdsRole, isVotingParty, type Party, type Register } from '#shared/covenant/index.ts';
import type { ProposalMachine } from '#shared/dispatch/dispatch.ts';
import { restoreSnapshot } from '#shared/dispatch/snapshot.ts';
import type { ProposalRecord, ProposalStore } from '#shared/ports/store.ts';
import { ProposalNotFoundError } from '#shared/ports/store-errors.ts';
import {
  type Caller,
  type CheckDeps,
  type ProposalContext,
  type ProposalEvent,
  type ProposalEventType,
  requestAuthority,
} from '#statemachines/proposal-lifecycle/index.ts';
import { CallerNotAllowedError } from './errors.ts';

/** A rule for a route that is not a model event. Returns why the caller may not, or null. */
type CallerRule = (party: Party, params: Readonly<Record<string, unknown>>) => string | null;

/** The names of the rules of routes that are not model events. */
export type CallerRuleName =
  | 'secretary'
  | 'chair'
  | 'that-party'
  | 'that-voting-party'
  | 'chair-or-that-party';

/** The rules of the routes that are not model events. */
export const callerRules: Readonly<Record<CallerRuleName, CallerRule>> = {
  // Creating meetings and recording attendance are the secretary's work (ZIN, art. 6.2, 6.3).
  secretary: (party) =>
    holdsRole(party, 'secretary') ? null : 'only the secretary of the steering group (ZIN) may do this',
  // Closing a meeting sends MEETING_CLOSED, which the model reserves to the chair: the same rule.
  chair: (party) =>
    holdsRole(party, 'chair') ? null : 'only the chair of the steering group (ZIN) may do this',
  // A notice of withdrawal is the party's own act (art. 10).
  'that-party': (party, params) =>
    params.party === party.id
      ? null
      : `only ${String(params.party)} itself may give its notice of withdrawal`,
  // A party casts its own bloc vote (art. 6.8); only voting parties vote. The chair records the
  // ballot a present party gives in the room (a show of hands, DESIGN 2.2.5).
  'that-voting-party': (party, params) => {
    if (params.party !== party.id && !holdsRole(party, 'chair')) {
      return `only ${String(params.party)} itself, or the chair for it in the room, may cast its vote`;
    }
    return isVotingParty(party) || holdsRole(party, 'chair')
      ? null
      : 'only a voting party (Ketenpartij) votes (art. 6.8)';
  },
  // Footnote 13: the chair asks an abstaining party to account for it; that party answers.
  'chair-or-that-party': (party, params) =>
    params.party === party.id || holdsRole(party, 'chair')
      ? null
      : `only the chair or ${String(params.party)} itself may do this`,
};

/** Who may call a route. */
export type Authority =
  | { readonly kind: 'public' }
  | { readonly kind: 'any-party' }
  | { readonly kind: 'event'; readonly event: ProposalEventType }
  | { readonly kind: 'rule'; readonly rule: CallerRuleName };

/** No token needed (the OpenAPI document). */
export const anyone: Authority = { kind: 'public' };
/** Any party of the register. */
export const anyParty: Authority = { kind: 'any-party' };
/** Whoever the model lets send this event (`eventAuthority`). */
export const byEvent = (event: ProposalEventType): Authority => ({ kind: 'event', event });
/** Whoever the named rule admits. */
export const byRule = (rule: CallerRuleName): Authority => ({ kind: 'rule', rule });

/** Who may send each event, in words (for the OpenAPI document); eventAuthority is the rule. */
const eventCallers: Record<ProposalEventType, string> = {
  DRAFT: 'ZIN (secretary)',
  SCHEDULE: 'ZIN (secretary)',
  WITHDRAW: 'the party that tabled the item, or ZIN (secretary)',
  REQUEST_PAUSE: 'a provider association (footnote 11)',
  DECIDE_PAUSE: 'ZIN (chair)',
  CONSENSUS: 'ZIN (chair)',
  OPEN_VOTE: 'ZIN (chair)',
  CLOSE_VOTE: 'ZIN (chair)',
  ESCALATE: 'ZIN (secretary)',
  OBJECT: 'a Ketenpartij that is a member, each for its own objection (art. 7.1, 7.2)',
  MEETING_CLOSED: 'ZIN (chair)',
  SUBMIT_ARGUMENTS: 'an objector whose objection waits for its arguments',
  WITHDRAW_OBJECTION: 'an objector whose objection stands',
  NO_DECISION: 'ZIN (secretary)',
  SUBMIT_NOTE: 'ZIN (secretary)',
  REVIEW_NOTE: 'the objector',
  MINISTRY_OUTCOME: 'ZIN (secretary)',
  FINAL_DECISION: 'VWS with role dglz (art. 7.6)',
};

const ruleCallers: Record<CallerRuleName, string> = {
  secretary: 'ZIN (secretary)',
  chair: 'ZIN (chair)',
  'that-party': 'the party in the path',
  'that-voting-party': 'the voting party in the path, or ZIN (chair) recording its ballot given in the room',
  'chair-or-that-party': 'ZIN (chair) asks; the party in the path answers',
};

/** Who may call, in words. */
export function describeAuthority(who: Authority): string {
  switch (who.kind) {
    case 'public':
      return 'anyone, without a token';
    case 'any-party':
      return 'any party of the register';
    case 'event':
      return eventCallers[who.event];
    case 'rule':
      return ruleCallers[who.rule];
  }
}

/** What authorization reads: the register (roles) and, for model events, the proposal. */
export interface AuthorityDeps extends CheckDeps {
  readonly store: Pick<ProposalStore, 'getProposalItem'>;
  readonly machine: ProposalMachine;
  readonly register: Register;
}

/**
 * Refuses a caller that may not call the route at all (403), before anything is written. For a
 * model event it reads the proposal (404 when unknown): who the submitter or objector is lives there.
 * @returns the proposal it read (consistently), for the decision to be taken on the same read
 * @throws CallerNotAllowedError, ProposalNotFoundError
 */
export async function authorize(
  deps: AuthorityDeps,
  who: Authority,
  caller: Caller,
  params: Readonly<Record<string, unknown>>,
  at: string,
): Promise<ProposalRecord | undefined> {
  if (who.kind === 'public') return undefined;
  const party = deps.register.parties.find((p) => p.id === caller.party);
  if (!party) throw new CallerNotAllowedError(`party ${caller.party} is not in the register`);
  if (who.kind === 'rule') {
    const reason = callerRules[who.rule](party, params);
    if (reason) throw new CallerNotAllowedError(reason);
  }
  if (who.kind === 'event') return authorizeEvent(deps, who.event, caller, String(params.id), at);
  return undefined;
}

async function authorizeEvent(
  deps: AuthorityDeps,
  type: ProposalEventType,
  caller: Caller,
  proposalId: string,
  at: string,
): Promise<ProposalRecord> {
  // Consistent: an objection lodged a moment ago must already make its objector the objector.
  const proposal = await deps.store.getProposalItem(proposalId, { consistent: true });
  if (!proposal) throw new ProposalNotFoundError(proposalId);
  const context = restoreSnapshot(deps.machine, proposal.snapshot).context as ProposalContext;
  const refusal = requestAuthority[type](deps, context, { type, by: caller, at } as ProposalEvent);
  // A covenant refusal (e.g. the blackout) is not about who calls: dispatch reports it as 422.
  if (refusal?.kind === 'forbidden') throw new CallerNotAllowedError(refusal.reason);
  return proposal;
}
