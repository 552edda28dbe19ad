/**
 * Webhook delivery (DESIGN 5): each subscription follows the event feed from its own cursor and
 * delivers the events it wants in feed order, one at a time. A failing event is retried with
 * exponential backoff and holds back the ones after it (so a receiver sees them in order); after
 * 24 hours of failures it is dead-lettered, visible to the party, and the cursor moves on. The
 * cursor is stored after every event: a crash loses nothing and repeats at most one delivery
 * (receivers recognise it by its `webhook-id`).
 *
 * The same pass runs in the cloud (a Lambda woken by SQS, fed by the table's stream through an
 * EventBridge Pipe, and every minute for retries) and in the local stack (a loop).
 */

import type { Clock } from '#shared/ports/clock.ts';
import type { DeadLetterRecord, FeedEntry, SubscriptionRecord } from '#shared/ports/integrations.ts';
import type { Store } from '#shared/ports/store.ts';
import type { WebhookSender } from '#shared/ports/webhook-sender.ts';
import { EVENT_TYPE_PREFIX } from '#shared/views/cloudevents.ts';
import { cloudEventOfEntry, mayRead, readSettled } from './events.ts';

/** How long an event is retried before it is dead-lettered. */
export const RETRY_FOR_MS = 24 * 60 * 60 * 1000;
/** Events read per page of a subscription's pass. */
const BATCH = 25;

/** What a delivery pass needs. */
export interface DeliveryDeps {
  readonly store: Pick<
    Store,
    | 'readFeed'
    | 'allSubscriptions'
    | 'updateDelivery'
    | 'putDeadLetter'
    | 'listDeadLetters'
    | 'deleteDeadLetter'
  >;
  readonly clock: Clock;
  readonly apiBaseUrl: string;
  readonly sender: WebhookSender;
}

/** The wait after the n-th failed attempt: 10 s, doubling, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 60 * 60 * 1000);
}

/** Whether the subscription wants this event: every type, or one it listed (full or last segment). */
function wants(s: SubscriptionRecord, type: string): boolean {
  if (!s.types) return true;
  return s.types.some((t) => t === type || `${EVENT_TYPE_PREFIX}${t}` === type);
}

type Failure = Pick<SubscriptionRecord, 'failingSince' | 'attempts' | 'nextAttemptAt' | 'lastError'>;

/** Sends one entry; null when the cursor may move past it (delivered, skipped or dead-lettered), else the failure to record. */
async function handleEntry(
  deps: DeliveryDeps,
  s: SubscriptionRecord,
  entry: FeedEntry,
): Promise<Failure | null> {
  const event = cloudEventOfEntry(entry, deps.apiBaseUrl);
  if (!mayRead(s.party, entry.event) || !wants(s, event.type)) return null;
  const body = JSON.stringify(event);
  const outcome = await deps.sender.send({ url: s.url, secret: s.secret, messageId: event.id, body });
  if (outcome.delivered) return null;
  const now = deps.clock.now();
  const failingSince = s.failingSince ?? now.toISOString();
  const attempts = (s.attempts ?? 0) + 1;
  if (now.getTime() - Date.parse(failingSince) < RETRY_FOR_MS) {
    const nextAttemptAt = new Date(now.getTime() + backoffMs(attempts)).toISOString();
    return { failingSince, attempts, nextAttemptAt, lastError: outcome.error };
  }
  await deps.store.putDeadLetter({
    subscriptionId: s.id,
    party: s.party,
    eventId: event.id,
    position: entry.position,
    body,
    failedAt: now.toISOString(),
    attempts,
    lastError: outcome.error,
    status: 'dead',
  });
  return null;
}

/** Delivers what is due of one subscription's feed, in order, until it is caught up or an event fails. */
async function deliverSubscription(deps: DeliveryDeps, initial: SubscriptionRecord): Promise<void> {
  let s = initial;
  if (s.nextAttemptAt && s.nextAttemptAt > deps.clock.now().toISOString()) return;
  for (;;) {
    const page = await readSettled(deps, s.cursor, BATCH);
    for (const entry of page.entries) {
      const failure = await handleEntry(deps, s, entry);
      const next = failure ? { cursor: s.cursor, ...failure } : { cursor: entry.position };
      // Another pass moved the cursor (or the subscription was deleted): leave the rest to it.
      if (!(await deps.store.updateDelivery(s.party, s.id, s.cursor, next))) return;
      if (failure) return;
      s = {
        ...s,
        cursor: entry.position,
        failingSince: undefined,
        attempts: undefined,
      } as SubscriptionRecord;
    }
    if (page.entries.length < BATCH) return;
  }
}

/** Sends the dead letters the party asked to redeliver: delivered ones go, failed ones stay dead. */
async function redeliverLetters(deps: DeliveryDeps, s: SubscriptionRecord): Promise<void> {
  const letters = await deps.store.listDeadLetters(s.party, s.id);
  for (const letter of letters.filter((l) => l.status === 'redeliver')) {
    const outcome = await deps.sender.send({
      url: s.url,
      secret: s.secret,
      messageId: letter.eventId,
      body: letter.body,
    });
    if (outcome.delivered) {
      await deps.store.deleteDeadLetter(s.party, s.id, letter.position);
      continue;
    }
    const dead: DeadLetterRecord = {
      ...letter,
      status: 'dead',
      attempts: letter.attempts + 1,
      lastError: outcome.error,
      failedAt: deps.clock.now().toISOString(),
    };
    await deps.store.putDeadLetter(dead);
  }
}

/**
 * One pass over every subscription. A subscription whose pass throws (the table, not the receiver:
 * a receiver's failure is an outcome) does not stop the others; its error is returned to be logged.
 */
export async function deliverWebhooks(deps: DeliveryDeps): Promise<{ errors: unknown[] }> {
  const errors: unknown[] = [];
  for (const subscription of await deps.store.allSubscriptions()) {
    try {
      await redeliverLetters(deps, subscription);
      await deliverSubscription(deps, subscription);
    } catch (error) {
      errors.push(error);
    }
  }
  return { errors };
}
