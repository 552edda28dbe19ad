/**
 * Lifting a mailbox's suppression (issue 14, item 1): a hard bounce or a complaint stops the mail
 * to an address "until the register changes". When the register changes a party's representatives,
 * the covenant's register change calls this with the register as it now is, so that the party's
 * (corrected) addresses are mailed again.
 */
import type { Register } from '#shared/covenant/index.ts';
import type { MailDeliveryStore } from '#shared/ports/mail-deliveries.ts';

/** One address, or every representative's address of one party in `register`. */
export type SuppressionTarget =
  | { readonly address: string }
  | { readonly party: string; readonly register: Register };

/** The party in `target` is not in the register it came with. */
export class UnknownPartyError extends Error {
  override readonly name = 'UnknownPartyError';
  constructor(readonly party: string) {
    super(`party '${party}' is not in the register: no addresses to mail again`);
  }
}

function addressesOf(target: SuppressionTarget): string[] {
  if ('address' in target) return [target.address];
  const party = target.register.parties.find((p) => p.id === target.party);
  if (!party) throw new UnknownPartyError(target.party);
  return party.representatives.map((r) => r.email);
}

/**
 * Mails `target` again: forgets the bounces and complaints of its addresses. Returns the addresses
 * that were suppressed (none when nothing had bounced). Idempotent.
 * @throws UnknownPartyError for a party the register does not hold.
 */
export function liftMailSuppression(
  deliveries: Pick<MailDeliveryStore, 'liftSuppression'>,
  target: SuppressionTarget,
): Promise<string[]> {
  return deliveries.liftSuppression(addressesOf(target));
}
