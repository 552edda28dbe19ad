/**
 * Closing a meeting: the refusal while a vote is open is part of the close's own transaction
 * (art. 7.2), and its cancellation reasons (per item, in order) name the proposals still voting.
 */
import 'aws-sdk-client-mock-vitest/extend';
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  AgendaTooLargeError,
  MeetingClosedError,
  MeetingNotFoundError,
  VoteStillOpenError,
} from '#shared/ports/store-errors.ts';
import { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { meetingItem } from '#shared/store/items.ts';
import { at, cancelled, newMeeting } from '#test/support/store-fixtures.ts';

const TABLE = 'decisions';
const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const ddb = mockClient(documentClient);
const store = new DynamoDbStore(documentClient, TABLE);
const meeting = newMeeting({ id: 'm-1' });
const phases = ['voting', 'reconsideration-voting'];
const agenda = ['p1', 'p2', 'p3'];

beforeEach(() => {
  ddb.reset();
  ddb.on(QueryCommand).resolves({ Items: [meetingItem(meeting)] });
});

describe('closeMeeting', () => {
  it('GIVEN an agenda WHEN the meeting closes THEN one transaction checks each proposal is not voting in it', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const closed = await store.closeMeeting('m-1', at(5), { proposalIds: agenda, phases });

    expect(closed).toMatchObject({ status: 'closed', closedAt: at(5) });
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items).toHaveLength(2 + agenda.length);
    expect(items[0]?.Update?.Key).toEqual({ pk: 'MEETING#m-1', sk: 'MEETING' });
    expect(items.slice(2).map((item) => item.ConditionCheck?.Key)).toEqual(
      agenda.map((id) => ({ pk: `PROPOSAL#${id}`, sk: 'PROPOSAL' })),
    );
    expect(items[2]?.ConditionCheck).toMatchObject({
      TableName: TABLE,
      ConditionExpression:
        'attribute_not_exists(pk) OR attribute_not_exists(#meetingId) OR #meetingId <> :meetingId OR #phase <> :phase0 AND #phase <> :phase1',
      ExpressionAttributeNames: { '#phase': 'phase', '#meetingId': 'meetingId' },
      ExpressionAttributeValues: {
        ':meetingId': 'm-1',
        ':phase0': 'voting',
        ':phase1': 'reconsideration-voting',
      },
    });
  });

  it('GIVEN two proposals failing their check WHEN the close is cancelled THEN VoteStillOpenError names exactly those', async () => {
    ddb
      .on(TransactWriteCommand)
      .rejects(cancelled('None', 'None', 'ConditionalCheckFailed', 'None', 'ConditionalCheckFailed'));
    const error = await store
      .closeMeeting('m-1', at(5), { proposalIds: agenda, phases })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(VoteStillOpenError);
    expect(error).toMatchObject({ meetingId: 'm-1', proposalIds: ['p1', 'p3'] });
  });

  it('GIVEN a closed meeting WHEN its update is refused THEN MeetingClosedError, whatever the checks say', async () => {
    ddb
      .on(TransactWriteCommand)
      .rejects(
        cancelled(
          { Code: 'ConditionalCheckFailed', Item: { status: { S: 'closed' } } },
          'None',
          'ConditionalCheckFailed',
        ),
      );
    await expect(store.closeMeeting('m-1', at(5), { proposalIds: agenda, phases })).rejects.toBeInstanceOf(
      MeetingClosedError,
    );
  });

  it('GIVEN a meeting deleted after its read WHEN its update is refused without an old item THEN MeetingNotFoundError', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None', 'None'));
    await expect(store.closeMeeting('m-1', at(5), { proposalIds: agenda, phases })).rejects.toBeInstanceOf(
      MeetingNotFoundError,
    );
  });

  it('GIVEN a cancellation by conflicts alone (retries spent) THEN it is thrown as DynamoDB gave it', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('TransactionConflict', 'None', 'None'));
    await expect(store.closeMeeting('m-1', at(5), { proposalIds: ['p1'], phases })).rejects.toBeInstanceOf(
      TransactionCanceledException,
    );
  });

  it('GIVEN an agenda too large for one transaction THEN it is refused before anything is sent', async () => {
    const proposalIds = Array.from({ length: 97 }, (_, i) => `p${i}`);
    await expect(store.closeMeeting('m-1', at(5), { proposalIds, phases })).rejects.toBeInstanceOf(
      AgendaTooLargeError,
    );
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
  });
});
