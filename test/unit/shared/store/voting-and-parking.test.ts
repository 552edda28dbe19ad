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
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { VotingRound } from '#shared/ports/store.ts';
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

/** The round as a failed condition returns it (ALL_OLD): raw AttributeValues. */
const roundAsStored = (ballots: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  marshall({ pk: 'PROPOSAL#p1', sk: 'ROUND#0001', status: 'open', revision: 3, ballots, ...extra });

const refused = (item: Record<string, unknown> | undefined) =>
  new ConditionalCheckFailedException({
    message: 'The conditional request failed',
    $metadata: {},
    Item: item as never,
  });

const openRound = (ballots: VotingRound['ballots']): VotingRound => ({
  proposalId: 'p1',
  round: 1,
  meetingId: 'm1',
  status: 'open',
  ballots,
  revision: 3,
  openedAt: at(0),
});

describe('castVote', () => {
  it('writes a party’s first ballot as one UpdateItem, only while the round is open and holds none of the party’s', async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: { pk: 'PROPOSAL#p1', sk: 'ROUND#0001', round: 1 } });
    const round = await store.castVote('p1', 1, 'VNG', {
      choice: 'for',
      justification: undefined,
      at: at(1),
    });

    expect(round).toEqual({ round: 1 });
    expect(ddb).toHaveReceivedCommandTimes(UpdateCommand, 1);
    expect(ddb).not.toHaveReceivedCommand(PutCommand);
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      TableName: TABLE,
      Key: { pk: 'PROPOSAL#p1', sk: 'ROUND#0001' },
      // Issue 16: the round holds the current ballot per party and a revision, nothing that grows
      // per change (it used to append every ballot to a `log` list in the item, which reached
      // DynamoDB's 400 KB limit after ~5,000 changes). Earlier ballots are kept apart (next tests).
      UpdateExpression: 'SET #ballots.#party = :ballot, #revision = #revision + :one',
      ConditionExpression:
        '#status = :open AND attribute_not_exists(#ballots.#party) AND attribute_not_exists(#log)',
      ExpressionAttributeNames: {
        '#ballots': 'ballots',
        '#party': 'VNG',
        '#revision': 'revision',
        '#status': 'status',
        '#log': 'log',
      },
      // An undefined justification is dropped: the injected client need not remove undefined values.
      ExpressionAttributeValues: {
        ':ballot': { choice: 'for', at: at(1), ballotNumber: 1 },
        ':one': 1,
        ':open': 'open',
      },
      ReturnValues: 'ALL_NEW',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  });

  it('DESIGN 2.2.5: keeps who recorded a ballot the chair recorded in the room', async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: { round: 1 } });
    await store.castVote('p1', 1, 'CAK', {
      choice: 'against',
      at: at(2),
      recordedBy: 'ZIN',
    });
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      ExpressionAttributeValues: expect.objectContaining({
        ':ballot': { choice: 'against', at: at(2), recordedBy: 'ZIN', ballotNumber: 1 },
      }),
    });
  });

  it('DESIGN 2.2.5: keeps the ballot a change replaces in an item of its own, then replaces it only if it is still current', async () => {
    ddb.on(PutCommand).resolves({});
    ddb.on(UpdateCommand).resolves({ Attributes: { round: 1 } });
    const seen = openRound({
      VNG: { choice: 'against', justification: 'too early', at: at(1), ballotNumber: 2 },
    });
    await store.castVote('p1', 1, 'VNG', { choice: 'for', at: at(5) }, seen);

    // The copy first: a crash before the change leaves a copy of the ballot still current, which
    // the minutes count once; a crash after a change without its copy could lose a ballot.
    expect(ddb.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Item: {
        pk: 'PROPOSAL#p1#BALLOTS',
        sk: 'ROUND#0001#VNG#0000000002',
        proposalId: 'p1',
        round: 1,
        party: 'VNG',
        choice: 'against',
        justification: 'too early',
        at: at(1),
        ballotNumber: 2,
      },
    });
    expect(ddb).toHaveReceivedCommandTimes(UpdateCommand, 1);
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      UpdateExpression: 'SET #ballots.#party = :ballot, #revision = #revision + :one',
      ConditionExpression: '#status = :open AND #ballots.#party.#number = :replaced',
      ExpressionAttributeNames: expect.objectContaining({ '#number': 'ballotNumber', '#party': 'VNG' }),
      ExpressionAttributeValues: expect.objectContaining({
        ':ballot': { choice: 'for', at: at(5), ballotNumber: 3 },
        ':replaced': 2,
      }),
    });
  });

  it('learns of a ballot it did not see from the refused write (no read) and changes it', async () => {
    ddb.on(PutCommand).resolves({});
    ddb
      .on(UpdateCommand)
      .rejectsOnce(refused(roundAsStored({ VNG: { choice: 'against', at: at(1), ballotNumber: 1 } })))
      .resolves({ Attributes: { round: 1 } });
    await store.castVote('p1', 1, 'VNG', { choice: 'for', at: at(5) });

    expect(ddb).not.toHaveReceivedCommand(GetCommand);
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      Item: expect.objectContaining({ sk: 'ROUND#0001#VNG#0000000001', choice: 'against' }),
    });
    expect(ddb).toHaveReceivedNthCommandWith(UpdateCommand, 2, {
      ExpressionAttributeValues: expect.objectContaining({ ':replaced': 1 }),
    });
  });

  it('keeps a ballot given while another connection of the party changed it as given and replaced at once, writing the round no more', async () => {
    ddb.on(PutCommand).resolves({});
    const now = roundAsStored({ VNG: { choice: 'abstain', at: at(4), ballotNumber: 3 } });
    ddb.on(UpdateCommand).rejects(refused(now));
    const seen = openRound({ VNG: { choice: 'against', at: at(1), ballotNumber: 2 } });
    const round = await store.castVote('p1', 1, 'VNG', { choice: 'for', at: at(5) }, seen);

    // The request read #2; #3 was written while it ran. Concurrent requests have no order of their
    // own: this ballot follows #2 and is replaced by #3 at once. Both replaced ballots are kept.
    const puts = ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item);
    expect(puts.map((item) => item?.sk)).toEqual([
      'ROUND#0001#VNG#0000000002',
      expect.stringMatching(/^ROUND#0001#VNG#0000000002#2025-01-06T09:00:05.000Z#[0-9a-f-]{36}$/),
    ]);
    expect(puts[1]).toMatchObject({ choice: 'for', at: at(5), ballotNumber: 2, concurrent: true });
    expect(ddb).toHaveReceivedCommandTimes(UpdateCommand, 1);
    // The answer is the round as the refused write returned it: the party's ballot is #3.
    expect(round.ballots.VNG).toEqual({ choice: 'abstain', at: at(4), ballotNumber: 3 });
  });

  it('keeps appending to the log of a round written by earlier code, which the minutes read', async () => {
    ddb
      .on(UpdateCommand)
      .rejectsOnce(refused(roundAsStored({}, { log: [{ party: 'CAK', choice: 'for', at: at(1) }] })))
      .resolves({ Attributes: { round: 1 } });
    await store.castVote('p1', 1, 'VNG', { choice: 'for', at: at(5) });
    expect(ddb).toHaveReceivedNthCommandWith(UpdateCommand, 2, {
      UpdateExpression:
        'SET #ballots.#party = :ballot, #revision = #revision + :one, #log = list_append(if_not_exists(#log, :none), :entry)',
      ConditionExpression: '#status = :open',
      ExpressionAttributeValues: expect.objectContaining({
        ':entry': [{ party: 'VNG', choice: 'for', at: at(5) }],
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
    { oldItem: roundAsStored({}, { status: 'closed' }), roundExists: true },
    { oldItem: undefined, roundExists: false },
  ])(
    'refuses a ballot with VotingClosedError (round exists: $roundExists)',
    async ({ oldItem, roundExists }) => {
      ddb.on(UpdateCommand).rejects(refused(oldItem));
      const error = await store
        .castVote('p1', 1, 'VNG', { choice: 'for', at: at(1) })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VotingClosedError);
      expect(error).toMatchObject({ proposalId: 'p1', round: 1, roundExists });
      expect(ddb).toHaveReceivedCommandTimes(UpdateCommand, 1);
    },
  );
});

describe('listSupersededBallots', () => {
  it('reads the replaced ballots of every round from their own partition, consistently', async () => {
    ddb.on(QueryCommand).resolves({
      Items: [
        {
          pk: 'PROPOSAL#p1#BALLOTS',
          sk: 'ROUND#0001#VNG#0000000001',
          proposalId: 'p1',
          round: 1,
          party: 'VNG',
          choice: 'against',
          at: at(1),
          ballotNumber: 1,
        },
      ],
    });
    expect(await store.listSupersededBallots('p1')).toEqual([
      { proposalId: 'p1', round: 1, party: 'VNG', choice: 'against', at: at(1), ballotNumber: 1 },
    ]);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'PROPOSAL#p1#BALLOTS' },
      ConsistentRead: true,
    });
  });
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
