import 'aws-sdk-client-mock-vitest/extend';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { closeRound } from '#shared/ports/effects.ts';
import { TransactionConditionError, VersionConflictError } from '#shared/ports/store-errors.ts';
import { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { closeRoundCondition } from '#shared/store/transition-writes.ts';
import { at, cancelled, creation, newProposal, transition } from '#test/support/store-fixtures.ts';

const TABLE = 'decisions';
const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const ddb = mockClient(documentClient);
const store = new DynamoDbStore(documentClient, TABLE);

beforeEach(() => {
  ddb.reset();
});

describe('commitTransition', () => {
  it('creates a proposal with Puts that must not overwrite anything, without a signal', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const proposal = newProposal({ id: 'p1' });
    await store.createProposal(creation(proposal));

    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    // The proposal and its event only (issue 16): the proposal item is listed itself, in gsi2,
    // which projects only the listed fields; no list entry of its own is written any more.
    expect(items).toHaveLength(2);
    expect(items[0]?.Put).toMatchObject({
      TableName: TABLE,
      ConditionExpression: 'attribute_not_exists(pk)',
      Item: {
        pk: 'PROPOSAL#p1',
        sk: 'PROPOSAL',
        gsi2pk: 'PROPOSALS',
        gsi2sk: `submitted#${at(0)}#p1`,
        version: 1,
      },
    });
    // Not in gsi1, and its snapshot compressed (shared/store/snapshot-codec.ts).
    expect(items[0]?.Put?.Item).not.toHaveProperty('gsi1pk');
    expect(items[0]?.Put?.Item).not.toHaveProperty('snapshot');
    expect(items[0]?.Put?.Item?.snapshotZ1).toBeInstanceOf(Uint8Array);
    expect(items[1]?.Put).toMatchObject({
      TableName: TABLE,
      ConditionExpression: 'attribute_not_exists(pk)',
      Item: { pk: 'PROPOSAL#p1', sk: 'EVENT#0000000001', type: 'SUBMIT', version: 1 },
    });
  });

  it('updates the proposal only at the expected version, and appends the event with its signal and the extras', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const current = newProposal({ id: 'p1', version: 4 });
    const close = closeRound({
      proposalId: 'p1',
      round: 2,
      readRevision: 9,
      closedAt: at(5),
      tally: {},
    });
    await store.commitTransition(transition(current, { stateKey: 'decided', effects: [close] }));

    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    // The proposal (listed itself: no list entry), the event (carrying the signal: no outbox row)
    // and the round's close (issue 16).
    expect(items).toHaveLength(3);
    const update = items[0]?.Update;
    expect(update).toMatchObject({
      TableName: TABLE,
      Key: { pk: 'PROPOSAL#p1', sk: 'PROPOSAL' },
      ConditionExpression: '#version = :expectedVersion',
      ExpressionAttributeValues: {
        ':expectedVersion': 4,
        ':version': 5,
        ':phase': 'decided',
        ':stateKey': 'decided',
        ':updatedAt': at(5),
        // The list key follows the phase: gsi2 moves the entry to the new phase.
        ':gsi2sk': `decided#${at(0)}#p1`,
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    // Identity and keys never change; absent optional attributes are removed.
    expect(update?.UpdateExpression).not.toMatch(/#(id|createdAt|pk|sk) =/);
    // What an item of an older version carries goes too: its plain snapshot and its gsi1 keys.
    expect(update?.UpdateExpression).toMatch(
      / REMOVE #implementationDate, #meetingId, #executionArn, #snapshot, #gsi1pk, #gsi1sk$/,
    );
    expect(update?.ExpressionAttributeValues?.[':snapshotZ1']).toBeInstanceOf(Uint8Array);
    expect(items[1]?.Put).toMatchObject({
      Item: {
        pk: 'PROPOSAL#p1',
        sk: 'EVENT#0000000005',
        // The feed of events keeps its place in gsi1; the local relay loop's list is another index.
        gsi1pk: 'EVENTS',
        signalpk: 'SIGNALS',
        signalsk: `${at(5)}#p1#0000000004`,
        signal: { type: 'EVENT', target: 'decided', version: 5 },
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(items[2]?.Update).toMatchObject({ TableName: TABLE, ...closeRoundCondition(9) });
  });

  it('lists no signal in a store composed for the cloud, whose stream relays it (issue 16: no write beyond the event)', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const cloud = new DynamoDbStore(documentClient, TABLE, { listSignals: false });
    const current = newProposal({ id: 'p1', version: 4 });
    await cloud.commitTransition(transition(current, { stateKey: 'ready' }));
    // A store made for one request keeps the choice.
    await cloud
      .forRequest({})
      .commitTransition(transition({ ...current, version: 5 }, { stateKey: 'scheduled' }));

    for (const call of ddb.commandCalls(TransactWriteCommand)) {
      const items = call.args[0].input.TransactItems ?? [];
      expect(items).toHaveLength(2); // proposal (listed itself), event (carrying the signal)
      const event = items[1]?.Put?.Item;
      expect(event).toMatchObject({ sk: expect.stringMatching(/^EVENT#/), signal: { type: 'EVENT' } });
      expect(event).not.toHaveProperty('signalpk');
      expect(event).not.toHaveProperty('signalsk');
    }
  });

  it('refuses an input whose new version is not expectedVersion + 1, before sending anything', async () => {
    const input = transition(newProposal({ version: 4 }), { stateKey: 'decided' });
    await expect(store.commitTransition({ ...input, expectedVersion: 3 })).rejects.toBeInstanceOf(RangeError);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('maps a failed version condition to VersionConflictError, reading the raw old item', async () => {
    ddb
      .on(TransactWriteCommand)
      .rejects(
        cancelled(
          { Code: 'ConditionalCheckFailed', Item: { version: { N: '7' } } },
          'ConditionalCheckFailed',
          'None',
        ),
      );
    const error = await store
      .commitTransition(transition(newProposal({ id: 'p1', version: 4 }), { stateKey: 'x' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ proposalId: 'p1', expectedVersion: 4, actualVersion: 7 });
  });

  it('names the extra write whose condition failed', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('None', 'None', 'ConditionalCheckFailed'));
    const close = closeRound({
      proposalId: 'p1',
      round: 2,
      readRevision: 9,
      closedAt: at(5),
      tally: {},
    });
    const error = await store
      .commitTransition(transition(newProposal({ id: 'p1' }), { stateKey: 'x', effects: [close] }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionConditionError);
    expect(error).toMatchObject({ index: 2, operation: 'effects[0] Update PROPOSAL#p1 / ROUND#0002' });
  });

  it('retries a transaction cancelled only by a conflict with another transaction', async () => {
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('TransactionConflict', 'None', 'None'))
      .resolves({});
    await store.commitTransition(transition(newProposal(), { stateKey: 'x' }));
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
  });

  it('passes other errors through unchanged', async () => {
    const throttled = new Error('Rate exceeded');
    ddb.on(TransactWriteCommand).rejects(throttled);
    await expect(store.commitTransition(transition(newProposal(), { stateKey: 'x' }))).rejects.toThrow(
      'Rate exceeded',
    );
  });
});

describe('a cancelled transaction in the logs (issue 17, row 13)', () => {
  it('logs the reasons of a transaction it cannot map, never the items DynamoDB returned with them', async () => {
    // GIVEN DynamoDB cancels with a reason no mapping knows, returning an old item (ALL_OLD)
    const item = { pk: { S: 'PROPOSAL#p1' }, email: { S: 'vertegenwoordiger@actiz.example' } };
    ddb.on(TransactWriteCommand).rejects(cancelled('None', 'None', { Code: 'ValidationError', Item: item }));
    const input = transition(newProposal({ id: 'p1', version: 4 }), { stateKey: 'decided' });
    const error = await store.commitTransition(input).catch((e) => e);
    // WHEN the request fails and the handler logs the error as it does every unexpected one
    const lines: string[] = [];
    const capture = (chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    };
    const spies = [process.stdout, process.stderr].map((s) =>
      vi.spyOn(s, 'write').mockImplementation(capture),
    );
    try {
      new Logger({ serviceName: 'test', logLevel: 'ERROR' }).error('request failed', { error });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    // THEN the log says what happened, without the item
    const logged = lines.join('');
    expect(logged).toContain('Transaction cancelled');
    expect(logged).not.toContain('vertegenwoordiger@actiz.example');
    // and the code that maps cancellations still sees every reason
    expect(error.CancellationReasons?.[2]?.Item).toEqual(item);
  });
});
