/**
 * What the system remembers about e-mail it could not deliver: per proposal, each step whose
 * e-mail failed (shown in the proposal's audit trail); per mailbox, a hard bounce or a complaint,
 * after which the system stops mailing that address.
 */

/** An e-mail of a step that did not reach (some of) its recipients. */
export interface UndeliveredMail {
  readonly proposalId: string;
  /** The version whose state sent the e-mail. */
  readonly version: number;
  /** The state key that sent it. */
  readonly state: string;
  /** The decision step (`X-Decision-Step`). */
  readonly step: string;
  /** `refused`: the mail service refused it; `suppressed`: addresses that bounced or complained. */
  readonly kind: 'refused' | 'suppressed';
  /** The mail service's error name (refused), or `bounced`/`complained` (suppressed). */
  readonly reason: string;
  /** How many recipients it did not reach. */
  readonly recipients: number;
  /** The parties whose representatives it did not reach (party ids, never addresses). */
  readonly parties: readonly string[];
  readonly at: string;
}

/** What a mailbox did: a permanent bounce or a complaint (SES event notifications). */
export interface MailboxEvent {
  readonly address: string;
  readonly kind: 'bounce' | 'complaint';
  /** SES's bounce type (`Permanent`, `Transient`, `Undetermined`) or complaint feedback type. */
  readonly detail: string;
  readonly at: string;
}

/** An e-mail that went out, by its stable Message-ID (the API's own mail: shared/usecases/covenant-mail.ts). */
export interface SentMail {
  readonly messageId: string;
  /** The decision step (`X-Decision-Step`). */
  readonly step: string;
  readonly at: string;
}

export interface MailDeliveryStore {
  /** Records the undelivered e-mail once (a retried notify task finds it recorded). */
  recordUndelivered(mail: UndeliveredMail): Promise<void>;
  /** Records a bounce or complaint of a mailbox; only a hard bounce or a complaint suppresses it. */
  recordMailboxEvent(event: MailboxEvent): Promise<void>;
  /** The addresses among `addresses` that the system no longer mails. */
  suppressedAmong(addresses: readonly string[]): Promise<ReadonlySet<string>>;
  /**
   * Forgets the bounces and complaints of `addresses`, so that they are mailed again (the register
   * changed them). Returns the addresses that were suppressed.
   */
  liftSuppression(addresses: readonly string[]): Promise<string[]>;
  /** Records that the e-mail with this Message-ID went out (a later record of it changes nothing). */
  recordSent(mail: SentMail): Promise<void>;
  /** Whether the e-mail with this Message-ID went out (consistent read). */
  wasSent(messageId: string): Promise<boolean>;
}
