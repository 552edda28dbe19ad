/**
 * Webhook subscriptions of a party (DESIGN 5): create one (its secret is shown once), list them with
 * their delivery state and dead letters, delete one, ask for dead letters to be delivered again.
 */
import { randomBytes } from 'node:crypto';
import type { DeadLetterRecord, SubscriptionRecord } from '#shared/ports/integrations.ts';
import type { Caller } from '#statemachines/proposal-lifecycle/events.ts';
import { type AppDeps, nowOf } from './deps.ts';
import { settledUntil } from './events.ts';
import { idSuffix } from './ids.ts';
import { SubscriptionNotFoundError, WebhookUrlRefusedError } from './integration-errors.ts';
import { urlRefusal } from './webhook-urls.ts';

/** A subscription as its party sees it: never the secret. */
export interface SubscriptionView {
  readonly id: string;
  readonly url: string;
  readonly types?: readonly string[];
  readonly createdAt: string;
  readonly failing?: {
    readonly since: string;
    readonly attempts: number;
    readonly nextAttemptAt?: string;
    readonly lastError?: string;
  };
  readonly deadLetters: readonly {
    readonly eventId: string;
    readonly failedAt: string;
    readonly attempts: number;
    readonly lastError: string;
    readonly status: DeadLetterRecord['status'];
  }[];
}

function viewOf(s: SubscriptionRecord, letters: readonly DeadLetterRecord[]): SubscriptionView {
  return {
    id: s.id,
    url: s.url,
    ...(s.types ? { types: [...s.types] } : {}),
    createdAt: s.createdAt,
    ...(s.failingSince
      ? {
          failing: {
            since: s.failingSince,
            attempts: s.attempts ?? 0,
            ...(s.nextAttemptAt ? { nextAttemptAt: s.nextAttemptAt } : {}),
            ...(s.lastError ? { lastError: s.lastError } : {}),
          },
        }
      : {}),
    deadLetters: letters.map(({ eventId, failedAt, attempts, lastError, status }) => ({
      eventId,
      failedAt,
      attempts,
      lastError,
      status,
    })),
  };
}

/**
 * Subscribes `url` for the caller's party, from now on: the events after this moment.
 * @throws WebhookUrlRefusedError
 */
export async function createSubscription(
  deps: AppDeps,
  caller: Caller,
  body: { readonly url: string; readonly types?: readonly string[] | undefined },
): Promise<SubscriptionView & { secret: string }> {
  const refusal = urlRefusal(body.url, deps.webhookUrls ?? 'public');
  if (refusal) throw new WebhookUrlRefusedError(body.url, refusal);
  const created = deps.resumed?.createdId;
  const earlier = created === undefined ? undefined : await deps.store.getSubscription(caller.party, created);
  if (earlier) return { ...viewOf(earlier, []), secret: earlier.secret };
  const createdAt = nowOf(deps);
  const record: SubscriptionRecord = {
    id: `s-${idSuffix()}`,
    party: caller.party,
    url: body.url,
    ...(body.types ? { types: [...new Set(body.types)] } : {}),
    secret: `whsec_${randomBytes(32).toString('base64')}`,
    createdAt,
    // Events settled before now were there before the subscription: it starts after them.
    cursor: settledUntil(deps.clock.now()),
  };
  await deps.store.putSubscription(record);
  return { ...viewOf(record, []), secret: record.secret };
}

/** The caller's subscriptions with their delivery state and dead letters. */
export async function listSubscriptions(deps: AppDeps, caller: Caller): Promise<SubscriptionView[]> {
  const subscriptions = await deps.store.listSubscriptions(caller.party);
  return Promise.all(
    subscriptions.map(async (s) => viewOf(s, await deps.store.listDeadLetters(caller.party, s.id))),
  );
}

/** Deletes one of the caller's subscriptions. @throws SubscriptionNotFoundError */
export async function deleteSubscription(deps: AppDeps, caller: Caller, id: string): Promise<void> {
  if (!(await deps.store.deleteSubscription(caller.party, id))) throw new SubscriptionNotFoundError(id);
}

/**
 * Queues dead letters for another attempt: all of the subscription's, or those of `eventIds`.
 * The delivery worker sends them on its next pass. The request is kept with the letters it queued
 * (one transaction, which marks its Idempotency-Key): a resumed request answers with those letters
 * and queues nothing again, even after the worker sent them or they failed again.
 * @throws SubscriptionNotFoundError
 */
export async function redeliver(
  deps: AppDeps,
  caller: Caller,
  id: string,
  eventIds?: readonly string[],
): Promise<{ queued: string[] }> {
  const resumed = deps.resumed?.createdId;
  const earlier =
    resumed === undefined ? undefined : await deps.store.getRedelivery(caller.party, id, resumed);
  if (earlier) return { queued: [...earlier.queued] };
  if (!(await deps.store.getSubscription(caller.party, id))) throw new SubscriptionNotFoundError(id);
  const letters = await deps.store.listDeadLetters(caller.party, id);
  const chosen = letters.filter((l) => eventIds === undefined || eventIds.includes(l.eventId));
  const queued = chosen.map((l) => l.eventId);
  await deps.store.queueRedelivery(
    { id: `r-${idSuffix()}`, party: caller.party, subscriptionId: id, queued, at: nowOf(deps) },
    chosen.map((letter) => ({ ...letter, status: 'redeliver' })),
  );
  return { queued };
}
