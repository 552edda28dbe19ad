// The bench's model of what AWS bills for a transaction's items (bench/metering.ts): the figures of
// `npm run bench`, section 3, and its WRU goal rows rest on it.
import { describe, expect, it } from 'vitest';
import {
  CapacityMeter,
  type IndexShape,
  indexEntry,
  isProposalQuery,
  itemLabel,
  itemSize,
  transactionItemUnits,
  writeUnits,
} from '../../../bench/metering.ts';

const item = (bytes: number, index?: string) => ({
  pk: { S: 'P' },
  sk: { S: 'S' },
  d: { S: 'x'.repeat(bytes) },
  ...(index === undefined ? {} : { gsi1pk: { S: 'PROPOSALS' }, gsi1sk: { S: index } }),
});

describe('bench metering: a transaction as AWS bills it', () => {
  it('sizes an item by its attribute names and values', () => {
    expect(itemSize({ pk: { S: 'P' }, n: { N: '12345' }, b: { B: new Uint8Array(10) } })).toBe(
      3 + 1 + 4 + 1 + 10,
    );
    expect(itemSize(undefined)).toBe(0);
  });

  it('bills 2 WRU per started KB of the larger of the item before and after, at least 2', () => {
    expect(transactionItemUnits('Put', undefined, item(100))).toEqual({ table: 2, index: 0 });
    expect(transactionItemUnits('Update', item(4_800), item(300))).toEqual({ table: 10, index: 0 });
    expect(transactionItemUnits('Delete', undefined, undefined)).toEqual({ table: 2, index: 0 });
    expect(transactionItemUnits('ConditionCheck', item(1_500), item(1_500))).toEqual({ table: 4, index: 0 });
  });

  it('adds one write per started KB of each index entry written, two when its key changes, none when nothing changed', () => {
    expect(transactionItemUnits('Put', undefined, item(100, 'a'))).toEqual({ table: 2, index: 1 });
    expect(transactionItemUnits('Put', item(100, 'a'), item(101, 'a'))).toEqual({ table: 2, index: 1 });
    expect(transactionItemUnits('Put', item(100, 'a'), item(100, 'a'))).toEqual({ table: 2, index: 0 });
    expect(transactionItemUnits('Update', item(4_800, 'a'), item(4_800, 'b'))).toEqual({
      table: 10,
      index: 10,
    });
    expect(transactionItemUnits('Delete', item(100, 'a'), undefined)).toEqual({ table: 2, index: 1 });
  });
});

describe('bench metering: the calls of a request (issue 15: one Query, one transaction per transition)', () => {
  it('counts reads, transactions and single writes apart, per consumer', () => {
    const meter = new CapacityMeter();
    const before = meter.snapshot();
    meter.record('http', 'QueryCommand', { TableName: 't', CapacityUnits: 1 });
    meter.recordWrite('http', 'TransactWriteItemsCommand', [
      { item: 'PROPOSAL', kind: 'Update', transactional: true, bytes: 400, table: 2, index: 0 },
      { item: 'EVENT', kind: 'Put', transactional: true, bytes: 300, table: 2, index: 1 },
    ]);
    meter.record('http', 'QueryCommand', { TableName: 't', CapacityUnits: 0 });
    meter.record('park', 'GetItemCommand', { TableName: 't', CapacityUnits: 0.5 });
    meter.recordWrite('http', 'UpdateItemCommand', [
      { item: 'ROUND', kind: 'Update', transactional: false, bytes: 900, table: 1, index: 0 },
    ]);
    expect(meter.since(before).get('http')).toEqual({
      read: 1,
      write: 6,
      calls: 4,
      readCalls: 2,
      proposalQueries: 0,
      writeCalls: 2,
      transactions: 1,
      failedCalls: 0,
    });
    expect(meter.units('park')).toMatchObject({ readCalls: 1, writeCalls: 0, transactions: 0 });
    expect(meter.items('http').map((i) => i.item)).toEqual(['PROPOSAL', 'EVENT', 'ROUND']);
  });

  it('tells the Query of a proposal’s partition from the other reads (section 3’s two read columns)', () => {
    const meter = new CapacityMeter();
    const ofProposal = {
      TableName: 't',
      KeyConditionExpression: 'pk = :pk AND sk >= :from',
      ExpressionAttributeValues: { ':pk': 'PROPOSAL#p-1', ':from': 'PROPOSAL' },
    };
    meter.record('http', 'QueryCommand', { TableName: 't', CapacityUnits: 1 }, ofProposal);
    // The meeting (another aggregate) and a proposal's Query as the low-level client marshals it.
    meter.record(
      'http',
      'QueryCommand',
      { TableName: 't', CapacityUnits: 0.5 },
      {
        ExpressionAttributeValues: { ':pk': { S: 'MEETING#m-1' } },
      },
    );
    expect(
      isProposalQuery('QueryCommand', { ExpressionAttributeValues: { ':pk': { S: 'PROPOSAL#p-1' } } }),
    ).toBe(true);
    // The proposals' list on the index is no read of one proposal, nor is a GetItem of its token.
    expect(
      isProposalQuery('QueryCommand', {
        IndexName: 'gsi1',
        ExpressionAttributeValues: { ':gpk': 'PROPOSALS' },
      }),
    ).toBe(false);
    expect(isProposalQuery('GetItemCommand', { Key: { pk: 'PROPOSAL#p-1', sk: 'TOKEN#1' } })).toBe(false);
    expect(meter.units('http')).toMatchObject({ readCalls: 2, proposalQueries: 1 });
  });
});

describe('bench metering: single writes and index projections (developer guide, GSI write units)', () => {
  const include: IndexShape = { name: 'gsi2', keys: ['gsi2pk', 'gsi2sk'], projection: ['title'] };
  const listed = (title: string, extra: string, key = 'a') => ({
    pk: { S: 'P' },
    sk: { S: 'S' },
    gsi2pk: { S: 'PROPOSALS' },
    gsi2sk: { S: key },
    title: { S: title },
    snapshot: { S: extra },
  });

  it("bills a single write 1 WRU per started KB, half a transaction's", () => {
    expect(writeUnits('Update', item(900), item(1_100), { transactional: false })).toEqual({
      table: 2,
      index: 0,
    });
    expect(writeUnits('Delete', item(100, 'a'), undefined, { transactional: false })).toEqual({
      table: 1,
      index: 1,
    });
  });

  it('projects only the keys and included attributes into an INCLUDE index', () => {
    expect(Object.keys(indexEntry(listed('t', 'x'.repeat(3_000)), include) ?? {}).sort()).toEqual([
      'gsi2pk',
      'gsi2sk',
      'pk',
      'sk',
      'title',
    ]);
    expect(indexEntry(item(10), include)).toBeUndefined();
  });

  it('writes no index entry when only attributes it does not project change, one when they do, two when its key moves', () => {
    const opts = { transactional: true, indexes: [include] };
    expect(writeUnits('Update', listed('t', 'old'), listed('t', 'x'.repeat(3_000)), opts)).toEqual({
      table: 6,
      index: 0,
    });
    expect(writeUnits('Update', listed('t', 'old'), listed('u', 'old'), opts).index).toBe(1);
    expect(writeUnits('Update', listed('t', 'old'), listed('t', 'old', 'b'), opts).index).toBe(2);
  });

  it("names an item by its sort key, and a meeting's by both keys", () => {
    expect(itemLabel({ pk: { S: 'PROPOSAL#p1' }, sk: { S: 'EVENT#0000000002' } })).toBe('EVENT');
    expect(itemLabel({ pk: { S: 'MEETING#m1' }, sk: { S: 'EVENT#2027#created' } })).toBe('MEETING EVENT');
    expect(itemLabel({ pk: { S: 'MEETING#m1' }, sk: { S: 'MEETING' } })).toBe('MEETING');
  });
});
