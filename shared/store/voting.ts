// Ballots of a voting round. A vote is ONE conditional UpdateItem on the round item, so parties
// voting at the same moment never overwrite each other and no ballot lands after the close.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Accountability, RoundBallot, VotingRound } from '#shared/ports/store.ts';
import { VotingClosedError } from '#shared/ports/store-errors.ts';
import type { StoreContext } from './context.ts';
import { recordOf, withoutUndefined } from './items.ts';
import { roundKey } from './keys.ts';
import { isSingleWriteConflict, retryOnConflict } from './transactions.ts';

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

/** Sets `party`'s ballot in an open round and returns the round as it is now. */
export async function castVote(
  ctx: StoreContext,
  proposalId: string,
  round: number,
  party: string,
  ballot: RoundBallot,
): Promise<VotingRound> {
  try {
    const input = castVoteInput(ctx.tableName, proposalId, round, party, ballot);
    const { Attributes: item } = await retryOnConflict(
      () => ctx.client.send(new UpdateCommand(input)),
      isSingleWriteConflict,
    );
    return recordOf<VotingRound>(item ?? {});
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    throw new VotingClosedError(proposalId, round, error.Item !== undefined);
  }
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
