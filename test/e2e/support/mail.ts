/**
 * The e-mails the covenant's steps must send (DESIGN 2.3, 5.1), with their recipients computed from
 * the register's representatives by role: "every row sends e-mail to the people who must act and
 * to all members".
 */
import registerData from '#shared/covenant/register.json' with { type: 'json' };
import type { OutboxEntry } from './api.ts';

/**
 * Who a step is for: a role of the register, the members (all but the ministry, issue 18), the
 * voting members (Ketenpartijen), or the objecting party.
 */
export type Recipient =
  | 'members'
  | 'ketenpartijen'
  | 'chair'
  | 'secretary'
  | 'ministry'
  | 'dglz'
  | 'objector';

/**
 * Each step's recipients by role, as DESIGN 2.3 describes them: who must act in To, every other member
 * informed in Cc; the ministry (VWS) and its DGLZ only on the escalation steps, the ministry's e-mails
 * to every objector.
 */
export const STEP_RECIPIENTS = {
  'decision-taken': { to: ['ketenpartijen', 'chair'], cc: ['members'] },
  'objection-lodged': { to: ['objector'], cc: ['members'] },
  'objection-lapsed': { to: ['objector'], cc: ['members'] },
  'objection-withdrawn': { to: ['objector'], cc: ['members'] },
  'arguments-received': { to: ['chair'], cc: ['members'] },
  'reconsideration-overdue': { to: ['chair'], cc: ['members'] },
  'escalation-note-for-approval': { to: ['objector'], cc: ['members'] },
  'escalation-note-returned': { to: ['secretary'], cc: ['members'] },
  'escalated-to-ministry': { to: ['ministry', 'secretary', 'objector'], cc: ['members'] },
  'ministry-overdue': { to: ['secretary', 'ministry'], cc: ['objector', 'members'] },
  'escalated-to-dglz': { to: ['dglz'], cc: ['secretary', 'ministry', 'objector', 'members'] },
  // The ministry and the DGLZ hear of a final decision only when the proposal was escalated to them.
  'final-decision': { to: ['objector', 'members'], cc: ['ministry', 'dglz'] },
  'pause-requested': { to: ['chair'], cc: ['members'] },
  'pause-decided': { to: ['ketenpartijen'], cc: ['members'] },
} as const satisfies Record<string, { to: readonly Recipient[]; cc: readonly Recipient[] }>;

export type Step = keyof typeof STEP_RECIPIENTS;

interface RegisterParty {
  readonly id: string;
  readonly votes: number;
  readonly roles: readonly string[];
  readonly memberFrom: string;
  readonly memberUntil?: string;
  readonly representatives: readonly { readonly email: string; readonly roles?: readonly string[] }[];
}

const parties: readonly RegisterParty[] = registerData.parties;

const isMemberOn = (party: RegisterParty, date: string) =>
  party.memberFrom <= date && (party.memberUntil === undefined || date <= party.memberUntil);
const isMinistry = (party: RegisterParty) => party.roles.includes('ministry') || party.roles.includes('dglz');

/** Where the step stands: the objecting party, and whether the proposal went to the ministry. */
export interface MailCase {
  readonly objector?: string;
  readonly escalated?: boolean;
}

function addressesFor(role: Recipient, on: string, what: MailCase): string[] {
  const all = (p: RegisterParty) => p.representatives.map((r) => r.email.toLowerCase());
  if (role === 'members') return parties.filter((p) => isMemberOn(p, on) && !isMinistry(p)).flatMap(all);
  if (role === 'ketenpartijen') return parties.filter((p) => isMemberOn(p, on) && p.votes > 0).flatMap(all);
  if (role === 'objector') {
    if (!what.objector) throw new Error('an objector step needs the objecting party');
    return parties.filter((p) => p.id === what.objector).flatMap(all);
  }
  if ((role === 'ministry' || role === 'dglz') && !what.escalated) return [];
  // A representative marked with the role receives it; when none is, those marked with no role do.
  return parties
    .filter((p) => p.roles.includes(role))
    .flatMap((p) => {
      const marked = p.representatives.filter((r) => r.roles?.includes(role));
      const chosen = marked.length > 0 ? marked : p.representatives.filter((r) => !r.roles?.length);
      return chosen.map((r) => r.email.toLowerCase());
    });
}

/** The addresses of `roles` on a date, each once, sorted. */
export function addressesOf(roles: readonly Recipient[], on: string, what: MailCase = {}): string[] {
  return [...new Set(roles.flatMap((role) => addressesFor(role, on, what)))].sort();
}

/** One e-mail as the scenarios compare it: its step and its recipients in To and Cc (sorted). */
export interface SentMail {
  readonly step: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
}

/**
 * The e-mail a step must send on `on` (the Amsterdam date it is sent); `objector` names the objecting
 * party, or gives the case: the objector and whether the proposal was escalated to the ministry.
 */
export function expectedMail(step: Step, on: string, objector?: string | MailCase): SentMail {
  const what: MailCase = typeof objector === 'string' ? { objector } : (objector ?? {});
  // Escalation steps are escalated by definition; a final decision only when the case says so.
  const escalated =
    what.escalated ?? ['escalated-to-ministry', 'ministry-overdue', 'escalated-to-dglz'].includes(step);
  const to = addressesOf(STEP_RECIPIENTS[step].to, on, { ...what, escalated });
  const cc = addressesOf(STEP_RECIPIENTS[step].cc, on, { ...what, escalated }).filter((a) => !to.includes(a));
  return { step, to, cc };
}

/** The outbox entries of one proposal, in the order they were sent. */
export function mailsOf(outbox: readonly OutboxEntry[], proposalId: string): SentMail[] {
  const sorted = (addresses: readonly string[]) => [...new Set(addresses.map((a) => a.toLowerCase()))].sort();
  return outbox
    .filter((m) => m.proposalId === proposalId)
    .map((m) => ({ step: m.step, to: sorted(m.to), cc: sorted(m.cc) }));
}
