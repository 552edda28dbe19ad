/**
 * Sending e-mail: SES v2 in the cloud, an outbox of `.eml` files locally. The message is rendered
 * by shared/mail; the adapter only delivers it.
 */

export interface OutgoingMessage {
  /** Stable per proposal and step, so a retried send is recognisable (RFC 5322 Message-ID). */
  readonly messageId: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  /** Extra headers, e.g. `X-Decision-Step`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly proposalId: string;
  readonly step: string;
}

export interface MailerPort {
  /** Delivers the message; sending the same `messageId` twice must not fail. */
  send(message: OutgoingMessage): Promise<void>;
}
