// The delivery pass over an in-memory feed and subscription (the port, not AWS): order is kept while
// an event fails, retries back off, and after 24 hours the event is dead-lettered and the next follows.
import { describe, expect, it } from 'vitest';
import type { DeadLetterRecord, FeedEntry, SubscriptionRecord } from '#shared/ports/integrations.ts';
import type { WebhookDelivery } from '#shared/ports/webhook-sender.ts';
import { backoffMs, type DeliveryDeps, deliverWebhooks, RETRY_FOR_MS } from '#shared/usecases/deliveries.ts';

const at = (minute: number) => new Date(Date.UTC(2027, 1, 17, 9, minute)).toISOString();
const entry = (version: number): FeedEntry => ({
  position: `${at(version)}#p-1#${String(version).padStart(10, '0')}`,
  event: {
    proposalId: 'p-1',
    version,
    type: version === 1 ? 'SUBMIT' : 'DRAFT',
    by: { party: 'VNG', roles: [] },
    at: at(version),
    fromState: 'submitted',
    toState: 'ready',
    payload: {},
  },
});

function world(failing: Set<string>) {
  let subscription: SubscriptionRecord = {
    id: 's-1',
    party: 'CAK',
    url: 'https://hooks.example/x',
    secret: 'whsec_MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI=',
    createdAt: at(0),
    cursor: `${at(0)}#~`,
  };
  const letters: DeadLetterRecord[] = [];
  const sent: string[] = [];
  let now = new Date(Date.UTC(2027, 1, 17, 10, 0));
  const feed = [entry(1), entry(2), entry(3)];
  const deps: DeliveryDeps = {
    clock: { now: () => now },
    apiBaseUrl: 'https://api.example',
    sender: {
      send: async (d: WebhookDelivery) => {
        sent.push(d.messageId);
        return failing.has(d.messageId) ? { delivered: false, error: 'HTTP 503' } : { delivered: true };
      },
    },
    store: {
      readFeed: async ({ after, until, limit }) => {
        const entries = feed
          .filter((e) => (after === undefined || e.position > after) && e.position <= until)
          .slice(0, limit);
        return entries.length ? { entries, last: entries.at(-1)?.position as string } : { entries };
      },
      allSubscriptions: async () => [subscription],
      updateDelivery: async (_party, _id, expected, next) => {
        if (subscription.cursor !== expected) return false;
        const { failingSince, attempts, nextAttemptAt, lastError, ...rest } = subscription;
        subscription = {
          ...rest,
          ...Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)),
        } as SubscriptionRecord;
        return true;
      },
      putDeadLetter: async (letter) => {
        letters.splice(0, letters.length, ...letters.filter((l) => l.position !== letter.position), letter);
      },
      listDeadLetters: async () => [...letters],
      deleteDeadLetter: async (_p, _s, position) => {
        letters.splice(0, letters.length, ...letters.filter((l) => l.position !== position));
      },
    },
  };
  return {
    deps,
    sent,
    letters,
    subscription: () => subscription,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

describe('shared/usecases/deliveries', () => {
  it('delivers in feed order and moves the cursor past each event', async () => {
    const w = world(new Set());
    await deliverWebhooks(w.deps);
    expect(w.sent).toEqual(['p-1.1', 'p-1.2', 'p-1.3']);
    expect(w.subscription().cursor).toBe(entry(3).position);
    await deliverWebhooks(w.deps);
    expect(w.sent).toHaveLength(3);
  });

  it('holds back the events after a failing one, retrying it with backoff', async () => {
    const failing = new Set(['p-1.2']);
    const w = world(failing);
    await deliverWebhooks(w.deps);
    expect(w.sent).toEqual(['p-1.1', 'p-1.2']);
    expect(w.subscription()).toMatchObject({ cursor: entry(1).position, attempts: 1, lastError: 'HTTP 503' });
    await deliverWebhooks(w.deps); // not due yet
    expect(w.sent).toHaveLength(2);
    w.advance(backoffMs(1));
    failing.clear();
    await deliverWebhooks(w.deps);
    expect(w.sent).toEqual(['p-1.1', 'p-1.2', 'p-1.2', 'p-1.3']);
    expect(w.subscription().attempts).toBeUndefined();
  });

  it('dead-letters an event after 24 hours of failures, then delivers the next; a redelivery clears it', async () => {
    const failing = new Set(['p-1.1']);
    const w = world(failing);
    await deliverWebhooks(w.deps);
    w.advance(RETRY_FOR_MS);
    await deliverWebhooks(w.deps);
    expect(w.letters).toEqual([expect.objectContaining({ eventId: 'p-1.1', status: 'dead', attempts: 2 })]);
    expect(w.sent).toEqual(['p-1.1', 'p-1.1', 'p-1.2', 'p-1.3']);
    failing.clear();
    w.letters[0] = { ...(w.letters[0] as DeadLetterRecord), status: 'redeliver' };
    await deliverWebhooks(w.deps);
    expect(w.letters).toEqual([]);
    expect(w.sent.at(-1)).toBe('p-1.1');
  });

  it('backs off from 10 seconds, doubling, to at most an hour', () => {
    expect([1, 2, 3, 20].map(backoffMs)).toEqual([10_000, 20_000, 40_000, 3_600_000]);
  });
});
