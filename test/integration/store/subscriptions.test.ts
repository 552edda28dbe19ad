import { describe, expect, it } from 'vitest';
import type { DeadLetterRecord } from '#shared/ports/integrations.ts';
import { useDynamoDbLocal } from '#test/support/dynamodb.ts';

const db = useDynamoDbLocal();
const AT = '2027-02-17T09:00:00.000Z';

const letter = (n: number): DeadLetterRecord => ({
  subscriptionId: 's-1',
  party: 'VNG',
  eventId: `e-${n}`,
  position: `${AT}#p-1#${String(n).padStart(10, '0')}`,
  body: `{"id":"e-${n}"}`,
  failedAt: AT,
  attempts: 9,
  lastError: 'HTTP 503',
  status: 'dead',
});

describe('shared/store/subscriptions on DynamoDB Local', () => {
  it('queues more dead letters than one transaction holds, and marks the Idempotency-Key with the last', async () => {
    const { store } = await db.freshStore();
    const letters = Array.from({ length: 200 }, (_, i) => letter(i + 1));
    for (const l of letters) await store.putDeadLetter(l);
    const claim = { party: 'VNG', key: 'k-many', hash: 'h', keptUntil: Date.parse(AT) / 1000 + 86_400 };
    await store.beginIdempotent('VNG', 'k-many', 'h', new Date(AT), 12);
    const redelivery = {
      id: 'r-1',
      party: 'VNG',
      subscriptionId: 's-1',
      queued: letters.map((l) => l.eventId),
      at: AT,
    };

    await store.forRequest({ idempotency: claim }).queueRedelivery(
      redelivery,
      letters.map((l) => ({ ...l, status: 'redeliver' })),
    );

    const after = await store.listDeadLetters('VNG', 's-1');
    expect(after.filter((l) => l.status === 'redeliver')).toHaveLength(200);
    expect(await store.getRedelivery('VNG', 's-1', 'r-1')).toEqual(redelivery);
    const later = new Date(Date.parse(AT) + 13_000);
    expect(await store.beginIdempotent('VNG', 'k-many', 'h', later, 12)).toEqual({
      status: 'committed',
      createdId: 'r-1',
    });
  });

  it('records an e-mail as sent by its Message-ID, and knows no other', async () => {
    const { store } = await db.freshStore();
    const messageId = '<covenant.notice-posted.n-1@besluitvorming.example>';
    expect(await store.wasSent(messageId)).toBe(false);
    await store.recordSent({ messageId, step: 'notice-posted', at: AT });
    await store.recordSent({ messageId, step: 'notice-posted', at: AT });
    expect(await store.wasSent(messageId)).toBe(true);
    expect(await store.wasSent('<covenant.notice-posted.n-2@besluitvorming.example>')).toBe(false);
  });
});
