// The floor of the deadlines' own calls (bench/parked-floor.ts): section 5 of `npm run bench` divides
// the fire's time by it, so what it sends again must be the fire's calls, minus only their conditions.
import { describe, expect, it } from 'vitest';
import { itemKind, type RecordedCall, replayInput, withoutItems } from '../../../bench/parked-floor.ts';

const call = (name: string, input: Record<string, unknown>): RecordedCall => ({
  name,
  client: { send: async () => undefined },
  command: { input, constructor: class {} as unknown as RecordedCall['command']['constructor'] },
});

describe("bench parked-floor: the fire's calls sent again", () => {
  it('reads the table the fire read, unchanged', () => {
    const query = {
      TableName: 't',
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'P' },
    };
    expect(replayInput(call('stack Query', query), 'scratch')).toBe(query);
  });

  it('writes a transaction to the scratch table without its conditions, every write item kept', () => {
    const input = {
      TransactItems: [
        {
          Update: {
            TableName: 't',
            Key: { pk: 'P', sk: 'PROPOSAL' },
            UpdateExpression: 'SET #s = :s',
            ConditionExpression: '#v = :v',
            ExpressionAttributeNames: { '#s': 'snapshot', '#v': 'version' },
            ExpressionAttributeValues: { ':s': 'x', ':v': 3 },
          },
        },
        {
          Put: {
            TableName: 't',
            Item: { pk: 'P', sk: 'EVENT#4' },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { Delete: { TableName: 't', Key: { pk: 'P', sk: 'TOKEN#3' } } },
        {
          ConditionCheck: {
            TableName: 't',
            Key: { pk: 'M', sk: 'M' },
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
      ],
    };
    expect(replayInput(call('stack TransactWrite', input), 'scratch')).toEqual({
      TransactItems: [
        {
          Update: {
            TableName: 'scratch',
            Key: { pk: 'P', sk: 'PROPOSAL' },
            UpdateExpression: 'SET #s = :s',
            ExpressionAttributeNames: { '#s': 'snapshot' },
            ExpressionAttributeValues: { ':s': 'x' },
          },
        },
        { Put: { TableName: 'scratch', Item: { pk: 'P', sk: 'EVENT#4' } } },
        { Delete: { TableName: 'scratch', Key: { pk: 'P', sk: 'TOKEN#3' } } },
      ],
    });
  });

  it("writes the engine's own item to the scratch table, and leaves out what it does not replay", () => {
    const put = {
      TableName: 't',
      Item: { pk: 'ENGINE#E', sk: 'E' },
      ConditionExpression: 'attribute_exists(pk)',
    };
    expect(replayInput(call('engine Put', put), 'scratch')).toEqual({ TableName: 'scratch', Item: put.Item });
    expect(replayInput(call('stack SendTaskSuccess', { taskToken: 't' }), 'scratch')).toBeUndefined();
  });
  it('weighs one kind of item: the transactions again without its writes, calls of other kinds left out', () => {
    const transaction = call('stack TransactWrite', {
      TransactItems: [
        { Update: { TableName: 't', Key: { pk: 'P', sk: 'PROPOSAL' } } },
        { Put: { TableName: 't', Item: { pk: 'P', sk: 'EVENT#0000000006' } } },
        { Delete: { TableName: 't', Key: { pk: 'P', sk: 'TOKEN#0000000005' } } },
      ],
    });
    const items = transaction.command.input.TransactItems as Record<string, unknown>[];
    expect(items.map(itemKind)).toEqual(['Update PROPOSAL', 'Put EVENT#', 'Delete TOKEN#']);
    const without = withoutItems([transaction, call('engine Put', { Item: { pk: 'E' } })], 'Put EVENT#');
    expect(without).toHaveLength(1);
    const kept = (without[0]?.command.input.TransactItems ?? []) as Record<string, unknown>[];
    expect(kept.map(itemKind)).toEqual(['Update PROPOSAL', 'Delete TOKEN#']);
    expect(without[0]?.command.constructor).toBe(transaction.command.constructor);
  });
});
