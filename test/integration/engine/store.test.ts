/**
 * The engine's store. It writes the steps that wait while others are being written together, in one
 * transaction, each with its own condition: a thousand deadlines fired by one advance write their
 * steps 25 to a request. A step whose execution moved on meanwhile is refused alone; the others of
 * its batch are written all the same, each exactly once.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { ExecutionRecord, Plan } from '#infra/local/engine/model.ts';
import { EngineStore, ExecutionConflictError } from '#infra/local/engine/store.ts';
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

/** A document client that counts the writes of each request it sends. */
function countingClient(client: DynamoDBDocumentClient, writesPerRequest: number[]): DynamoDBDocumentClient {
  const send = (command: { input: { TransactItems?: unknown[] } }) => {
    writesPerRequest.push(command.input.TransactItems?.length ?? 1);
    return client.send(command as never);
  };
  return { send } as unknown as DynamoDBDocumentClient;
}

describe('EngineStore', () => {
  it('writes steps committed at once together, and refuses only the one whose execution moved on', async () => {
    const tableName = await ddb.freshTable();
    const requests: number[] = [];
    const store = new EngineStore(countingClient(ddb.documentClient, requests), tableName);
    // GIVEN 30 executions started at once
    await Promise.all(Array.from({ length: 30 }, (_, i) => store.commit(plan(undefined, record(i, 1)))));
    expect(requests.length).toBeLessThan(30);
    // WHEN each takes a step at once, one of them from a revision it no longer has
    const STALE = 20;
    const steps = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        store.commit(plan(record(i, i === STALE ? 7 : 1), record(i, i === STALE ? 8 : 2))),
      ),
    );
    // THEN that one is refused as a conflict and every other step is written
    expect(steps.filter((s) => s.status === 'rejected')).toHaveLength(1);
    const refused = steps[STALE];
    expect(refused?.status === 'rejected' && refused.reason).toBeInstanceOf(ExecutionConflictError);
    const revisions = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const key = { pk: `ENGINE#EXECUTION#${record(i, 0).executionArn}`, sk: 'EXECUTION' };
        const got = await ddb.documentClient.send(new GetCommand({ TableName: tableName, Key: key }));
        return got.Item?.revision;
      }),
    );
    expect(revisions).toEqual(Array.from({ length: 30 }, (_, i) => (i === STALE ? 1 : 2)));
    expect(Math.max(...requests)).toBeGreaterThan(1);
  });
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
