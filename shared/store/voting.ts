// Ballots of a voting round. A vote is ONE conditional update of the round item, so parties
// voting at the same moment never overwrite each other and no ballot lands after the close; the
// same transaction puts the ballot in the event feed (GET /events, webhooks).
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Accountability, RoundBallot, VotingRound } from '#shared/ports/store.ts';
import { VotingClosedError } from '#shared/ports/store-errors.ts';
import type { StoreContext } from './context.ts';
import { ballotEventPut } from './event-feed.ts';
import { recordOf, withoutUndefined } from './items.ts';
import { roundKey } from './keys.ts';
import { cancellationReasons, conditionFailedAt, transactWrite } from './transactions.ts';

/** The castVote write: replace the party's ballot and count the write, only while the round is open. */
export function castVoteInput(
  tableName: string,
  proposalId: string,
  round: number,
  party: string,
  ballot: RoundBallot,
) {
  return {
    TableName: tableName,
    Key: roundKey(proposalId, round),
    // `revision` lets the close check that no ballot arrived after the tally was computed; `log`
    // keeps every ballot given, so a changed (or chair-recorded) ballot never erases the earlier one.
    UpdateExpression:
      'SET #ballots.#party = :ballot, #revision = #revision + :one, #log = list_append(if_not_exists(#log, :none), :entry)',
    ConditionExpression: '#status = :open',
    ExpressionAttributeNames: {
      '#ballots': 'ballots',
      '#party': party,
      '#revision': 'revision',
      '#status': 'status',
      '#log': 'log',
    },
    ExpressionAttributeValues: {
      ':ballot': withoutUndefined(ballot),
      ':one': 1,
      ':open': 'open',
      ':none': [],
      ':entry': [withoutUndefined({ party, ...ballot, request: undefined })],
    },
    ReturnValues: 'ALL_NEW' as const,
    // The old item tells a closed round from a missing one without a second read.
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  };
}

/**
 * Sets `party`'s ballot in an open round, with its event in the feed, and returns the round as it
 * is now (read again: a transaction returns no item).
 */
export async function castVote(
  ctx: StoreContext,
  proposalId: string,
  round: number,
  party: string,
  ballot: RoundBallot,
): Promise<VotingRound> {
  const {
    TableName: _table,
    ReturnValues: _values,
    ...update
  } = castVoteInput(ctx.tableName, proposalId, round, party, ballot);
  try {
    await transactWrite(ctx.client, ctx.tableName, [
      { Update: update },
      ballotEventPut(proposalId, round, party, ballot),
    ]);
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (!reasons || !conditionFailedAt(reasons, 0)) throw error;
    // The old item (ALL_OLD) tells a closed round from a missing one without a second read.
    throw new VotingClosedError(proposalId, round, reasons[0]?.Item !== undefined);
  }
  return (await getRound(ctx, proposalId, round, true)) ?? recordOf<VotingRound>({});
}

/** A voting round, or undefined. */
export async function getRound(
  ctx: StoreContext,
  proposalId: string,
  round: number,
  consistent = false,
): Promise<VotingRound | undefined> {
  const { Item: item } = await ctx.client.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: roundKey(proposalId, round),
      ConsistentRead: consistent,
    }),
  );
  return item === undefined ? undefined : recordOf<VotingRound>(item);
}

/** Sets the accountability of `party`'s ballot (footnote 13); the ballot must exist. */
export async function setAccountability(
  ctx: StoreContext,
  proposalId: string,
  round: number,
  party: string,
  accountability: Accountability,
): Promise<VotingRound> {
  const { Attributes: item } = await ctx.client.send(
    new UpdateCommand({
      TableName: ctx.tableName,
      Key: roundKey(proposalId, round),
      UpdateExpression: 'SET #ballots.#party.#accountability = :accountability',
      ConditionExpression: 'attribute_exists(#ballots.#party)',
      ExpressionAttributeNames: {
        '#ballots': 'ballots',
        '#party': party,
        '#accountability': 'accountability',
      },
      ExpressionAttributeValues: { ':accountability': withoutUndefined(accountability) },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return recordOf<VotingRound>(item ?? {});
}
