/**
 * Delivering one step's e-mail so that mail never stops the procedure (issue: an SES refusal must
 * not fail the workflow): addresses that hard-bounced or complained are left out, throttling is
 * retried with backoff, and whatever still does not arrive is recorded in the proposal's audit
 * trail and reported, and the procedure goes on.
 */
import type { MailDeliveryStore, UndeliveredMail } from '#shared/ports/mail-deliveries.ts';
import {
  type MailerPort,
  MailRefusedError,
  MailThrottledError,
  type OutgoingMessage,
} from '#shared/ports/mailer.ts';

export interface DeliveryDeps {
  readonly mailer: MailerPort;
  readonly deliveries: Pick<MailDeliveryStore, 'suppressedAmong' | 'recordUndelivered'>;
  /** Waits between throttled attempts (injected so that tests need not wait). */
  readonly sleep: (ms: number) => Promise<void>;
  /** Told of each e-mail that did not arrive (a log line the alarm counts). */
  readonly onUndelivered: (mail: UndeliveredMail) => void;
  /** The parties whose representatives have these addresses (the register's), for the record. */
  readonly partiesOf: (addresses: readonly string[]) => readonly string[];
}

/** Where the e-mail belongs in the proposal's life. */
export interface DeliveryContext {
  readonly proposalId: string;
  readonly version: number;
  readonly state: string;
  readonly at: string;
}

/** The log message of an undelivered e-mail: the cloud's metric filter and alarm match it exactly. */
export const MAIL_UNDELIVERED_LOG_MESSAGE = 'mail undelivered';

/** Pauses before the 2nd, 3rd, … attempt of a throttled send: 1 s, 2 s, 4 s, 8 s. */
export const THROTTLE_BACKOFF_MS = [1000, 2000, 4000, 8000] as const;

export type DeliveryOutcome = 'delivered' | 'partly-delivered' | 'undelivered';

/** Sends `message` to its recipients (To and Cc) that may still be mailed; never throws for the mail service. */
export async function deliverStepMail(
  deps: DeliveryDeps,
  message: OutgoingMessage,
  context: DeliveryContext,
): Promise<DeliveryOutcome> {
  const everyone = [...message.to, ...(message.cc ?? [])];
  const suppressed = await deps.deliveries.suppressedAmong(everyone);
  const mailable = (addresses: readonly string[]) => addresses.filter((a) => !suppressed.has(a));
  let to = mailable(message.to);
  let cc = mailable(message.cc ?? []);
  if (suppressed.size > 0) {
    await record(deps, message, context, {
      kind: 'suppressed',
      reason: 'bounced-or-complained',
      recipients: suppressed.size,
      parties: deps.partiesOf([...suppressed]),
    });
  }
  // Whoever must act cannot be mailed: the informed still hear of the step, as its addressees.
  if (to.length === 0) [to, cc] = [cc, []];
  if (to.length === 0) return 'undelivered';
  const refusal = await sendWithBackoff(deps, { ...message, to, cc });
  if (refusal === undefined) return suppressed.size > 0 ? 'partly-delivered' : 'delivered';
  await record(deps, message, context, {
    kind: 'refused',
    reason: refusal,
    recipients: to.length + cc.length,
    parties: deps.partiesOf([...to, ...cc]),
  });
  return 'undelivered';
}

/** Sends, retrying throttling with backoff; returns the refusal's reason, or undefined when sent. */
async function sendWithBackoff(deps: DeliveryDeps, message: OutgoingMessage): Promise<string | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      await deps.mailer.send(message);
      return undefined;
    } catch (error) {
      const pause = THROTTLE_BACKOFF_MS[attempt];
      if (error instanceof MailThrottledError && pause !== undefined) {
        await deps.sleep(pause);
        continue;
      }
      if (error instanceof MailThrottledError) return 'throttled';
      if (error instanceof MailRefusedError) return error.reason;
      // A network failure or an outage outlived the SDK's own retries: recorded like a refusal.
      return error instanceof Error ? error.name : 'unknown';
    }
  }
}

async function record(
  deps: DeliveryDeps,
  message: OutgoingMessage,
  context: DeliveryContext,
  what: Pick<UndeliveredMail, 'kind' | 'reason' | 'recipients' | 'parties'>,
): Promise<void> {
  const mail: UndeliveredMail = { ...context, step: message.step, ...what };
  deps.onUndelivered(mail);
  await deps.deliveries.recordUndelivered(mail);
}
