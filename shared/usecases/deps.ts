/**
 * What the API's use cases and handlers need: the ports, the covenant's data and the model, from
 * one composition root per environment (functions/composition/ in the cloud).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Policy, Register } from '#shared/covenant/index.ts';
import { amsterdamDateOf } from '#shared/covenant/index.ts';
import type { ProposalMachine } from '#shared/dispatch/dispatch.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { DatedEffectsPort, MembershipEndedPort } from '#shared/ports/dated-effects.ts';
import type { MailerPort } from '#shared/ports/mailer.ts';
import type { Store } from '#shared/ports/store.ts';
import type { ExecutionReader, WorkflowPort } from '#shared/ports/workflow.ts';
import { createProposalMachine } from '#statemachines/proposal-lifecycle/machine.ts';
import { CovenantSource } from './covenant-source.ts';
import type { WebhookUrlPolicy } from './webhook-urls.ts';

/** Everything a handler and its use cases use; one per environment (DESIGN 3.3). */
export interface AppDeps {
  readonly store: Store;
  /** The engine: starting executions and answering tokens; for administrators, reading them. */
  readonly workflow: WorkflowPort & ExecutionReader;
  readonly clock: Clock;
  /** The covenant's versions (DESIGN 2.5): the handler and the tasks read the one in force per call. */
  readonly covenant: CovenantSource;
  /** The covenant version this call runs under (`withCovenantToday`); the seed's until then. */
  readonly covenantVersion: number;
  /** The party register (DESIGN 2.1) of that version. */
  readonly register: Register;
  /** The policy switches; normally `register.policy`. */
  readonly policy: Policy;
  /** The lifecycle machine built for `register` and `policy`. */
  readonly machine: ProposalMachine;
  /** Structured JSON logs; the HTTP layer gives each request a child with its correlation id. */
  readonly logger: Logger;
  /** The language of the request's human texts (DESIGN 5: Dutch unless it asks for English). @default 'nl' */
  readonly language?: 'nl' | 'en';
  /** The API's public base URL without a trailing slash, e.g. `https://api.example` (links, iCalendar). */
  readonly apiBaseUrl: string;
  /**
   * The e-mails the API sends itself, outside the lifecycle's steps (footnote 13's request to account
   * for an abstention), with their From address. Absent where the API sends none.
   */
  readonly mail?: { readonly mailer: MailerPort; readonly from: string; readonly messageIdDomain: string };
  /**
   * Set when this request resumes an earlier attempt with the same Idempotency-Key whose change
   * committed but whose answer was lost (its record says so, shared/http/idempotency.ts): the use
   * case answers from what that change left (`createdId`: what it created) and finishes what
   * followed it, instead of making the change again.
   */
  readonly resumed?: Resumed;
  /** Which webhook URLs may be subscribed and called. @default 'public' (https to public addresses) */
  readonly webhookUrls?: WebhookUrlPolicy;
  /** Starts the executions of the covenant's dated effects (withdrawals, changes, reminders). */
  readonly effects?: DatedEffectsPort;
  /** Told when a party's membership ended (art. 10): the cloud disables its credentials. */
  readonly membership?: MembershipEndedPort;
  /** Open proposals a party may have at once. @default DEFAULT_OPEN_PROPOSALS_PER_PARTY (open-proposals.ts) */
  readonly openProposalsPerParty?: number;
}

/** What an earlier attempt of the request committed, as its Idempotency-Key record keeps it. */
export interface Resumed {
  /** The id of what it created, when it created something. */
  readonly createdId?: string;
}

/** The clock's time as an ISO-8601 instant: the `at` of events and records. */
export const nowOf = (deps: Pick<AppDeps, 'clock'>): string => deps.clock.now().toISOString();

/**
 * The parts a composition root provides. `register` is only the seed of covenant version 1, written
 * once when the table has no version (a deploy never changes the register: DESIGN 2.5).
 */
export interface AppParts extends Omit<AppDeps, 'policy' | 'machine' | 'covenant' | 'covenantVersion'> {
  /** Overrides every version's policy. @default each version's own */
  readonly policy?: Policy;
}

const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

/**
 * Wires AppDeps from the parts: the covenant source over the store, seeded with `register` (the
 * local stack and the tests).
 */
export function createAppDeps(parts: AppParts): AppDeps {
  const covenant = new CovenantSource(parts.store.covenant, parts.register, parts.policy);
  // Until a call reads the version in force, the seed's rules (not cached: the table may differ).
  const policy = parts.policy ?? parts.register.policy;
  const machine = createProposalMachine(parts.register, policy);
  return {
    ...parts,
    policy,
    machine,
    covenant,
    covenantVersion: 1,
    apiBaseUrl: withoutTrailingSlash(parts.apiBaseUrl),
  };
}

/**
 * Wires AppDeps with no seed (the cloud, DESIGN 2.5): the register is the covenant version in force
 * today, read from the table, and every call reads it again (`withCovenantToday`). No register is
 * bundled with the functions, so no representative's address is in their code.
 * @throws CovenantNotSeededError when the table holds no version in force
 */
export async function appDepsFromTable(parts: Omit<AppParts, 'register'>): Promise<AppDeps> {
  const covenant = new CovenantSource(parts.store.covenant, undefined, parts.policy);
  const inForce = await covenant.inForceOn(amsterdamDateOf(nowOf(parts)));
  return { ...parts, ...inForce, covenant, apiBaseUrl: withoutTrailingSlash(parts.apiBaseUrl) };
}
