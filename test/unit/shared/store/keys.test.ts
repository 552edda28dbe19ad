import { describe, expect, it } from 'vitest';
import {
  eventKey,
  idempotencyKey,
  pad,
  proposalGsi1,
  proposalKey,
  proposalListKey,
  roundKey,
  signalGsi1,
  tokenKey,
} from '#shared/store/keys.ts';
import { createTableInput, GSI1, TTL_ATTRIBUTE } from '#shared/store/table.ts';

describe('keys', () => {
  it('zero-pads versions and rounds so that string order is numeric order', () => {
    expect(eventKey('p1', 42)).toEqual({ pk: 'PROPOSAL#p1', sk: 'EVENT#0000000042' });
    expect(tokenKey('p1', 9).sk < tokenKey('p1', 10).sk).toBe(true);
    expect(roundKey('p1', 3)).toEqual({ pk: 'PROPOSAL#p1', sk: 'ROUND#0003' });
    expect(signalGsi1('2025-01-06T09:00:00.000Z', 'p1', 7)).toEqual({
      gsi1pk: 'SIGNALS',
      gsi1sk: '2025-01-06T09:00:00.000Z#p1#0000000007',
    });
  });

  it('refuses numbers that would not sort or fit', () => {
    expect(() => pad(-1, 4)).toThrow(RangeError);
    expect(() => pad(1.5, 4)).toThrow(RangeError);
    expect(() => roundKey('p1', 10_000)).toThrow('key number must be an integer from 0 to 9999, got 10000');
  });

  it('refuses ids that would break the #-joined keys, but keeps an idempotency key verbatim', () => {
    expect(() => proposalKey('a#b')).toThrow(RangeError);
    expect(() => proposalGsi1('voting', '2025', '')).toThrow(RangeError);
    expect(() => proposalListKey('voting', '2025', 'a#b')).toThrow(RangeError);
    expect(idempotencyKey('VNG', 'client#key')).toEqual({
      pk: 'IDEMPOTENCY#VNG#client#key',
      sk: 'IDEMPOTENCY',
    });
    expect(() => idempotencyKey('VNG', '')).toThrow(RangeError);
  });
});

describe('table', () => {
  it('lists a proposal in gsi2 by phase, then age, then id', () => {
    expect(proposalListKey('voting', '2025-01-06T09:00:00.000Z', 'p1')).toEqual({
      gsi2pk: 'PROPOSALS',
      gsi2sk: 'voting#2025-01-06T09:00:00.000Z#p1',
    });
  });

  it("defines pk/sk, the gsi1 index with all attributes, gsi2 with the listed fields only, on demand, and the local stack's signals index", () => {
    const input = createTableInput('decisions');
    expect(input).toMatchObject({
      TableName: 'decisions',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          // The list of proposals (issue 16): never the snapshot or the description.
          IndexName: 'gsi2',
          KeySchema: [
            { AttributeName: 'gsi2pk', KeyType: 'HASH' },
            { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
          ],
          Projection: {
            ProjectionType: 'INCLUDE',
            NonKeyAttributes: expect.arrayContaining(['title', 'phase', 'updatedAt']),
          },
        },
        {
          // Only tables the local stack and the tests create: the cloud's relay reads the stream.
          IndexName: 'signals',
          KeySchema: [
            { AttributeName: 'signalpk', KeyType: 'HASH' },
            { AttributeName: 'signalsk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
    const listed = input.GlobalSecondaryIndexes?.[1]?.Projection?.NonKeyAttributes ?? [];
    expect(listed).not.toContain('snapshotZ1');
    expect(listed).not.toContain('description');
    expect(input.AttributeDefinitions?.every((a) => a.AttributeType === 'S')).toBe(true);
    expect(GSI1.indexName).toBe('gsi1');
    expect(TTL_ATTRIBUTE).toBe('expiresAt');
  });
});
