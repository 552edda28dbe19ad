import 'aws-sdk-client-mock-vitest/extend';
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { VotingClosedError } from '#shared/ports/store-errors.ts';
import { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { at, newProposal } from '#test/support/store-fixtures.ts';

const TABLE = 'decisions';
const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const ddb = mockClient(documentClient);
const store = new DynamoDbStore(documentClient, TABLE);

beforeEach(() => {
  ddb.reset();
});

describe('castVote', () => {
  it('sets the party’s ballot and counts the write in one UpdateItem, only while the round is open', async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: { pk: 'PROPOSAL#p1', sk: 'ROUND#0001', round: 1 } });
    const round = await store.castVote('p1', 1, 'VNG', {
      choice: 'for',
      justification: undefined,
      at: at(1),
    });

    expect(round).toEqual({ round: 1 });
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      TableName: TABLE,
      Key: { pk: 'PROPOSAL#p1', sk: 'ROUND#0001' },
      // DESIGN 2.2.5: every ballot given is also appended to the round's log, so a changed ballot (or
      // one the chair recorded in the room) never erases the earlier one from the minutes.
      UpdateExpression:
        'SET #ballots.#party = :ballot, #revision = #revision + :one, #log = list_append(if_not_exists(#log, :none), :entry)',
      ConditionExpression: '#status = :open',
      ExpressionAttributeNames: {
        '#ballots': 'ballots',
        '#party': 'VNG',
        '#revision': 'revision',
        '#status': 'status',
        '#log': 'log',
      },
      // An undefined justification is dropped: the injected client need not remove undefined values.
      ExpressionAttributeValues: {
        ':ballot': { choice: 'for', at: at(1) },
        ':one': 1,
        ':open': 'open',
        ':none': [],
        ':entry': [{ party: 'VNG', choice: 'for', at: at(1) }],
      },
    });
  });

  it('DESIGN 2.2.5: logs a ballot the chair recorded in the room with who recorded it, without the request reference', async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: { round: 1 } });
    await store.castVote('p1', 1, 'CAK', {
      choice: 'against',
      at: at(2),
      recordedBy: 'ZIN',
      request: 'req-7',
    });
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      ExpressionAttributeValues: expect.objectContaining({
        ':ballot': { choice: 'against', at: at(2), recordedBy: 'ZIN', request: 'req-7' },
        ':entry': [{ party: 'CAK', choice: 'against', at: at(2), recordedBy: 'ZIN' }],
      }),
    });
  });

  it('tries again when a transaction on the round (its close) was in progress', async () => {
    ddb
      .on(UpdateCommand)
      .rejectsOnce(new TransactionConflictException({ message: 'ongoing transaction', $metadata: {} }))
      .resolves({ Attributes: { round: 1 } });
    await store.castVote('p1', 1, 'VNG', { choice: 'for', at: at(1) });
    expect(ddb).toHaveReceivedCommandTimes(UpdateCommand, 2);
  });

  it.each([
    { oldItem: { status: { S: 'closed' } }, roundExists: true },
    { oldItem: undefined, roundExists: false },
  ])(
    'refuses a ballot with VotingClosedError (round exists: $roundExists)',
    async ({ oldItem, roundExists }) => {
      ddb.on(UpdateCommand).rejects(
        new ConditionalCheckFailedException({
          message: 'The conditional request failed',
          $metadata: {},
          Item: oldItem,
        }),
      );
      const error = await store
        .castVote('p1', 1, 'VNG', { choice: 'for', at: at(1) })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VotingClosedError);
      expect(error).toMatchObject({ proposalId: 'p1', round: 1, roundExists });
    },
  );
});

describe('storeTaskToken', () => {
  const token = {
    proposalId: 'p1',
    version: 3,
    taskToken: 't',
    state: 'voting',
    executionArn: 'arn',
    parkedAt: at(3),
  };

  it('checks the proposal version and puts the token in one transaction', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    expect(await store.storeTaskToken(token)).toEqual({ stored: true });
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items).toEqual([
      {
        ConditionCheck: {
          TableName: TABLE,
          Key: { pk: 'PROPOSAL#p1', sk: 'PROPOSAL' },
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':version': 3 },
        },
      },
      { Put: { TableName: TABLE, Item: { pk: 'PROPOSAL#p1', sk: 'TOKEN#0000000003', ...token } } },
    ]);
  });

  it('reads the proposal consistently after the check failed, and stores nothing', async () => {
    const moved = newProposal({ id: 'p1', version: 4 });
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );
    ddb
      .on(GetCommand)
      .resolves({ Item: { pk: 'PROPOSAL#p1', sk: 'PROPOSAL', gsi1pk: 'PROPOSALS', ...moved } });

    expect(await store.storeTaskToken(token)).toEqual({ stored: false, proposal: moved });
    expect(ddb).toHaveReceivedCommandWith(GetCommand, {
      ConsistentRead: true,
      Key: { pk: 'PROPOSAL#p1', sk: 'PROPOSAL' },
    });
  });
});
