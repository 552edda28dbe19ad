/**
 * SES events (through the configuration set's EventBridge destination): records each bounced or
 * complaining recipient's mailbox, so that the notify task stops mailing an address that
 * hard-bounced or complained (shared/mail/delivery.ts). Logs counts, never addresses (DESIGN 6).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import type { MailboxEvent, MailDeliveryStore } from '#shared/ports/mail-deliveries.ts';
import { cloudBasics } from '../composition/clients.ts';
import { onFirstCall } from '../composition/on-first-call.ts';

const Recipient = z.object({ emailAddress: z.string() });

/** The parts of an SES event this handler reads (SES sends much more). */
const SesEvent = z.union([
  z.object({
    eventType: z.literal('Bounce'),
    bounce: z.object({
      bounceType: z.string(),
      bouncedRecipients: z.array(Recipient),
      timestamp: z.string(),
    }),
  }),
  z.object({
    eventType: z.literal('Complaint'),
    complaint: z.object({
      complainedRecipients: z.array(Recipient),
      complaintFeedbackType: z.optional(z.string()),
      timestamp: z.string(),
    }),
  }),
]);

export interface MailEventsDeps {
  readonly deliveries: Pick<MailDeliveryStore, 'recordMailboxEvent'>;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
}

/** The mailbox events in one SES event; none for an event type this handler does not follow. */
export function mailboxEventsOf(detail: unknown): MailboxEvent[] {
  const parsed = SesEvent.safeParse(detail);
  if (!parsed.success) return [];
  const event = parsed.data;
  if (event.eventType === 'Bounce') {
    return event.bounce.bouncedRecipients.map((r) => ({
      address: r.emailAddress,
      kind: 'bounce',
      detail: event.bounce.bounceType,
      at: event.bounce.timestamp,
    }));
  }
  return event.complaint.complainedRecipients.map((r) => ({
    address: r.emailAddress,
    kind: 'complaint',
    detail: event.complaint.complaintFeedbackType ?? 'complaint',
    at: event.complaint.timestamp,
  }));
}

export const createMailEventsHandler =
  (deps: MailEventsDeps) =>
  async (event: EventBridgeEvent<string, unknown>): Promise<{ recorded: number }> => {
    const mailboxes = mailboxEventsOf(event.detail);
    if (mailboxes.length === 0) {
      deps.logger.warn('SES event without bounce or complaint recipients', {
        detailType: event['detail-type'],
      });
      return { recorded: 0 };
    }
    for (const mailbox of mailboxes) await deps.deliveries.recordMailboxEvent(mailbox);
    const [first] = mailboxes;
    deps.logger.info('mailbox events recorded', {
      kind: first?.kind,
      detail: first?.detail,
      count: mailboxes.length,
    });
    return { recorded: mailboxes.length };
  };

/** The Lambda entry point, wired on first use. */
export const handler = onFirstCall((): ReturnType<typeof createMailEventsHandler> => {
  const { config, store } = cloudBasics();
  return createMailEventsHandler({
    deliveries: store,
    logger: new Logger({ serviceName: config.POWERTOOLS_SERVICE_NAME }),
  });
});
