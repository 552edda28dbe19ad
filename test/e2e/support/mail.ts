/**
 * The e-mails the covenant's steps must send (DESIGN 2.3, 5.1), with their recipients computed from
 * the register's representatives by role: "every row sends e-mail to the people who must act and
 * to all members".
 */
import registerData from '#shared/covenant/register.json' with { type: 'json' };
import type { OutboxEntry } from './api.ts';

/** Who a step is for: a role of the register, all members, or the objecting party. */
export type Recipient = 'members' | 'chair' | 'secretary' | 'ministry' | 'dglz' | 'objector';

/** Each step's recipients by role, as DESIGN 2.3 describes them. */
export const STEP_RECIPIENTS = {
  'decision-taken': ['members'],
  'objection-lodged': ['objector', 'members'],
  'objection-lapsed': ['objector', 'members'],
  'objection-withdrawn': ['objector', 'members'],
  'arguments-received': ['chair', 'members'],
  'reconsideration-overdue': ['chair', 'members'],
  'escalation-note-for-approval': ['objector', 'members'],
  'escalation-note-returned': ['secretary', 'members'],
  'escalated-to-ministry': ['ministry', 'secretary', 'objector', 'members'],
  'ministry-overdue': ['secretary', 'ministry', 'members'],
  'escalated-to-dglz': ['dglz', 'secretary', 'objector', 'members'],
  'final-decision': ['members'],
  'pause-requested': ['chair', 'members'],
  'pause-decided': ['members'],
} as const satisfies Record<string, readonly Recipient[]>;

export type Step = keyof typeof STEP_RECIPIENTS;

interface RegisterParty {
  readonly id: string;
  readonly roles: readonly string[];
  readonly memberFrom: string;
  readonly memberUntil?: string;
  readonly representatives: readonly { readonly email: string }[];
}

const parties: readonly RegisterParty[] = registerData.parties;

const isMemberOn = (party: RegisterParty, date: string) =>
  party.memberFrom <= date && (party.memberUntil === undefined || date <= party.memberUntil);

function partiesFor(role: Recipient, on: string, objector: string | undefined): readonly RegisterParty[] {
  if (role === 'members') return parties.filter((p) => isMemberOn(p, on));
  if (role === 'objector') {
    if (!objector) throw new Error('an objector step needs the objecting party');
    return parties.filter((p) => p.id === objector);
  }
  return parties.filter((p) => p.roles.includes(role));
}

/** The addresses of the representatives of `roles` on a date, each once, sorted. */
export function addressesOf(roles: readonly Recipient[], on: string, objector?: string): string[] {
  const addresses = roles.flatMap((role) =>
    partiesFor(role, on, objector).flatMap((p) => p.representatives.map((r) => r.email.toLowerCase())),
  );
  return [...new Set(addresses)].sort();
}

/** One e-mail as the scenarios compare it: its step and its recipients (sorted). */
export interface SentMail {
  readonly step: string;
  readonly to: readonly string[];
}

/** The e-mail a step must send on `on` (the Amsterdam date it is sent). */
export function expectedMail(step: Step, on: string, objector?: string): SentMail {
  return { step, to: addressesOf(STEP_RECIPIENTS[step], on, objector) };
}

/** The outbox entries of one proposal, in the order they were sent. */
export function mailsOf(outbox: readonly OutboxEntry[], proposalId: string): SentMail[] {
  return outbox
    .filter((m) => m.proposalId === proposalId)
    .map((m) => ({ step: m.step, to: [...new Set(m.to.map((a) => a.toLowerCase()))].sort() }));
}
