/**
 * The engine's store keeps a step's history events deflated; an execution whose events an older
 * engine stored as JSON text (a `.data` folder from before 2026-12-07 21:30) still reads whole.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { ExecutionRecord, Plan } from '#infra/local/engine/model.ts';
import { EngineStore } from '#infra/local/engine/store.ts';
import { useDynamoDbLocal } from '#test/support/dynamodb.ts';

const ddb = useDynamoDbLocal();

const record = (i: number, revision: number): ExecutionRecord => ({
  executionArn: `arn:aws:states:eu-west-1:000000000000:execution:m:e-${i}`,
  stateMachineArn: 'arn:aws:states:eu-west-1:000000000000:stateMachine:m',
  name: `e-${i}`,
  definitionId: 'd',
  status: 'RUNNING',
  input: '{}',
  startDate: 0,
  revision,
  eventCount: revision,
});

const plan = (before: ExecutionRecord | undefined, after: ExecutionRecord): Plan => ({
  before,
  after,
  events: [{ id: after.revision, previousEventId: 0, timestamp: 0, type: 'TaskSucceeded', details: {} }],
  invocations: [],
});

describe('EngineStore', () => {
  it('reads the history an older engine stored as JSON text, beside the events it stores itself', async () => {
    const tableName = await ddb.freshTable();
    const store = new EngineStore(ddb.documentClient, tableName);
    const old = record(1, 2);
    const pk = `ENGINE#EXECUTION#${old.executionArn}`;
    const event = (id: number) => ({
      id,
      previousEventId: id - 1,
      timestamp: 0,
      type: 'TaskStarted',
      details: {},
    });
    // GIVEN an execution stored as JSON text: its first step in an events item, its second buffered
    await ddb.documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: { pk, sk: 'EVENTS#0000000001', firstId: 1, count: 1, events: JSON.stringify([event(1)]) },
      }),
    );
    const { bufferedEvents: _, ...bare } = old;
    await ddb.documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: { pk, sk: 'EXECUTION', ...bare, bufferedEvents: JSON.stringify([event(2)]) },
      }),
    );
    // WHEN this engine takes a step on it
    const stored = await store.getExecution(old.executionArn);
    expect(stored?.bufferedEvents?.map((e) => e.id)).toEqual([2]);
    await store.commit(plan(stored, record(1, 3)));
    // THEN its whole history reads in order, the old events and the new
    const now = await store.getExecution(old.executionArn);
    const history = now && (await store.history(now, 100));
    expect(history?.items.map((e) => e.id)).toEqual([1, 2, 3]);
  });
});
