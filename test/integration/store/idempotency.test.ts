import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { IdempotencyConflictError } from '#shared/ports/store-errors.ts';
import { useDynamoDbLocal } from '#test/support/dynamodb.ts';

const ddb = useDynamoDbLocal();
const NOW = new Date('2025-01-06T09:00:00Z');
const DAY = 24 * 3600;
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe('DynamoDbStore idempotency', () => {
  it('claims a new key, reports it in progress, then replays the stored response', async () => {
    const { store } = await ddb.freshStore();
    expect(await store.beginIdempotent('VNG', 'k1', 'hash-a', NOW, DAY)).toEqual({ status: 'new' });
    expect(await store.beginIdempotent('VNG', 'k1', 'hash-a', later(1), DAY)).toMatchObject({
      status: 'in-progress',
    });

    await store.completeIdempotent('VNG', 'k1', 'hash-a', { statusCode: 201, body: { id: 'p1' } });
    expect(await store.beginIdempotent('VNG', 'k1', 'hash-a', later(2), DAY)).toEqual({
      status: 'completed',
      response: { statusCode: 201, body: { id: 'p1' } },
    });
  });

  it('reports a mismatch when the key is reused with another body, and keeps the keys of parties apart', async () => {
    const { store } = await ddb.freshStore();
    await store.beginIdempotent('VNG', 'k1', 'hash-a', NOW, DAY);
    expect(await store.beginIdempotent('VNG', 'k1', 'hash-b', later(1), DAY)).toEqual({ status: 'mismatch' });
    expect(await store.beginIdempotent('CAK', 'k1', 'hash-b', later(1), DAY)).toEqual({ status: 'new' });
  });

  it('stores the expiry as epoch seconds in the TTL attribute and reclaims an expired key', async () => {
    const { store, tableName } = await ddb.freshStore();
    await store.beginIdempotent('VNG', 'k#1', 'hash-a', NOW, 60);
    const { Item: item } = await ddb.documentClient.send(
      new GetCommand({ TableName: tableName, Key: { pk: 'IDEMPOTENCY#VNG#k#1', sk: 'IDEMPOTENCY' } }),
    );
    expect(item?.expiresAt).toBe(NOW.getTime() / 1000 + 60);

    // DynamoDB deletes expired items late (DynamoDB Local never): the condition treats them as gone.
    expect(await store.beginIdempotent('VNG', 'k#1', 'hash-b', later(61), 60)).toEqual({ status: 'new' });
  });

  it("lets a crashed request's claim lapse after its short in-progress expiry, and keeps a completed one for the day", async () => {
    const { store } = await ddb.freshStore();
    await store.beginIdempotent('VNG', 'crashed', 'hash-a', NOW, 60);
    expect(await store.beginIdempotent('VNG', 'crashed', 'hash-a', later(30), 60)).toMatchObject({
      status: 'in-progress',
    });
    expect(await store.beginIdempotent('VNG', 'crashed', 'hash-a', later(61), 60)).toEqual({ status: 'new' });

    await store.beginIdempotent('VNG', 'done', 'hash-a', NOW, 60);
    await store.completeIdempotent('VNG', 'done', 'hash-a', { statusCode: 200 }, later(DAY));
    expect(await store.beginIdempotent('VNG', 'done', 'hash-a', later(3600), 60)).toEqual({
      status: 'completed',
      response: { statusCode: 200 },
    });
  });

  it('lets a failed request abandon its claim so a retry runs, but never a completed one', async () => {
    const { store } = await ddb.freshStore();
    await store.beginIdempotent('VNG', 'k1', 'hash-a', NOW, DAY);
    await store.abandonIdempotent('VNG', 'k1', 'hash-other'); // not the holder: no effect
    expect(await store.beginIdempotent('VNG', 'k1', 'hash-a', later(1), DAY)).toMatchObject({
      status: 'in-progress',
    });
    await store.abandonIdempotent('VNG', 'k1', 'hash-a');
    expect(await store.beginIdempotent('VNG', 'k1', 'hash-a', later(2), DAY)).toEqual({ status: 'new' });

    await store.completeIdempotent('VNG', 'k1', 'hash-a', { statusCode: 200 });
    await store.abandonIdempotent('VNG', 'k1', 'hash-a');
    expect(await store.beginIdempotent('VNG', 'k1', 'hash-a', later(3), DAY)).toMatchObject({
      status: 'completed',
    });
  });

  it('refuses to complete a record the request no longer holds', async () => {
    const { store } = await ddb.freshStore();
    await expect(store.completeIdempotent('VNG', 'never-begun', 'hash-a', {})).rejects.toBeInstanceOf(
      IdempotencyConflictError,
    );
    await store.beginIdempotent('VNG', 'k1', 'hash-a', NOW, DAY);
    await expect(store.completeIdempotent('VNG', 'k1', 'hash-b', {})).rejects.toBeInstanceOf(
      IdempotencyConflictError,
    );
  });

  it('gives exactly one of 20 concurrent first requests the claim', async () => {
    const { store } = await ddb.freshStore();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => store.beginIdempotent('VNG', 'k1', 'hash-a', NOW, DAY)),
    );
    expect(results.filter((r) => r.status === 'new')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'in-progress')).toHaveLength(19);
  });
});
