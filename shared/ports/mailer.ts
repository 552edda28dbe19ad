/**
 * Sending e-mail: SES v2 in the cloud, an outbox of `.eml` files locally. The message is rendered
 * by shared/mail; the adapter only delivers it.
 */

export interface OutgoingMessage {
  /** Stable per proposal and step, so a retried send is recognisable (RFC 5322 Message-ID). */
  readonly messageId: string;
  readonly from: string;
  readonly to: readonly string[];
  /** Informed, visible to every recipient (DESIGN 2.3: who must act is in `to`, the other members here). */
  readonly cc?: readonly string[];
  readonly subject: string;
  readonly text: string;
  /** The same content as HTML: sent with `text` as its alternative (multipart/alternative). */
  readonly html?: string;
  /** Extra headers, e.g. `X-Decision-Step`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly proposalId: string;
  readonly step: string;
}

export interface MailerPort {
  /** Delivers the message; sending the same `messageId` twice must not fail. */
  send(message: OutgoingMessage): Promise<void>;
}

/** The mail service asks to slow down (SES: TooManyRequestsException): worth retrying after a pause. */
export class MailThrottledError extends Error {
  override readonly name = 'MailThrottledError';
  constructor(options?: { readonly cause?: unknown }) {
    super('The mail service asks to send more slowly.', options);
  }
}

/** The mail service refused the message (an unverified identity, the sandbox, a paused account, …). */
export class MailRefusedError extends Error {
  override readonly name = 'MailRefusedError';
  /** The mail service's own name for the refusal, e.g. `MessageRejected`. */
  readonly reason: string;
  constructor(reason: string, options?: { readonly cause?: unknown }) {
    super(`The mail service refused the message: ${reason}.`, options);
    this.reason = reason;
  }
}
