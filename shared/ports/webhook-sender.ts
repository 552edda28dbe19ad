// The port that delivers one webhook: the adapter (shared/webhooks/http-sender.ts) resolves the
// host, refuses what the URL policy refuses, signs as Standard Webhooks and POSTs.

/** One delivery: a CloudEvent to one subscription. */
export interface WebhookDelivery {
  readonly url: string;
  /** The subscription's Standard Webhooks secret (`whsec_…`). */
  readonly secret: string;
  /** `webhook-id`: the same for every attempt of this event, so a receiver recognises a retry. */
  readonly messageId: string;
  /** The JSON body. */
  readonly body: string;
}

/** What came of an attempt: delivered (2xx) or why not. */
export type DeliveryOutcome =
  | { readonly delivered: true }
  | { readonly delivered: false; readonly error: string };

/** Sends webhooks, stamping each attempt (`webhook-timestamp`) with its own wall-clock time. Never throws for the receiver's failures: they are an outcome. */
export interface WebhookSender {
  send(delivery: WebhookDelivery): Promise<DeliveryOutcome>;
}
