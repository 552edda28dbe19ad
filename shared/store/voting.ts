// Ballots of a voting round. The round item holds each party's CURRENT ballot and a revision, so
// its size is bounded by the number of voting parties however often they change their minds
// (DESIGN 2.2.5 sets no limit on changes). A ballot a change replaces is copied first into a small
// item of its own, in a partition apart from the proposal's (keys.ts, supersededBallotKey), from
// which the minutes list it.
//
// - A party's first ballot is ONE conditional UpdateItem: the round is open and holds no ballot of
//   the party yet.
// - A change is a Put of the ballot it replaces (its copy) and then ONE conditional UpdateItem: the
//   round is open and the party's ballot is still the one copied (its `ballotNumber`). The copy is
//   written first, so that no crash can lose a replaced ballot; a copy whose change did not happen
//   (refused, or a crash in between) is a copy of the ballot still current, and the minutes count
//   each ballot once (by party and number). The copy is no change of the request's, so it carries
//   none of the request's conditions (request-writes.ts): writing it twice writes the same item.
// - A refused condition returns the round as it is (ALL_OLD): no read is needed to learn it. A
//   closed round ends the vote. A ballot of the party written while this request ran (the party
//   voting on two connections at once) makes this one a ballot given and replaced at once (see
//   givenConcurrently): kept for the minutes, with no retry.
//
// Rounds written by earlier code kept every ballot in a `log` list inside the round; such a round
// keeps that form until it closes, and the minutes read its log.
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Accountability, RoundBallot, SupersededBallot, VotingRound } from '#shared/ports/store.ts';
import { VotingClosedError } from '#shared/ports/store-errors.ts';
import { queryPartition, type StoreContext } from './context.ts';
import { recordOf, withoutUndefined } from './items.ts';
import { roundKey, supersededBallotKey, supersededBallotsPk } from './keys.ts';
import { writeOne } from './request-writes.ts';
import { isSingleWriteConflict, retryOnConflict, type TransactItem } from './transactions.ts';

/** What the store needs to know of a round to write a party's ballot into it. */
type RoundState = Pick<VotingRound, 'status' | 'ballots' | 'log'>;

/** An UpdateItem as writeOne takes it (ReturnValues is dropped when it joins the request's transaction). */
type UpdateWrite = NonNullable<TransactItem['Update']> & { readonly ReturnValues: 'ALL_NEW' };

/**
 * Sets the party's ballot in the round and counts the write (`revision` lets the close check that
 * no ballot arrived after the tally was computed), on the round being open and `condition`. The
 * round as it is comes back either way: written, or with the refusal (it tells a closed round from
 * a missing one, and a ballot cast meanwhile).
 */
function ballotUpdate(
  proposalId: string,
  round: number,
  party: string,
  ballot: Record<string, unknown>,
  more: {
    readonly set?: string;
    readonly condition?: string;
    readonly names?: Record<string, string>;
    readonly values?: Record<string, unknown>;
  } = {},
): UpdateWrite {
  return {
    Key: roundKey(proposalId, round),
    UpdateExpression: `SET #ballots.#party = :ballot, #revision = #revision + :one${more.set ? `, ${more.set}` : ''}`,
    ConditionExpression: `#status = :open${more.condition ? ` AND ${more.condition}` : ''}`,
    ExpressionAttributeNames: {
      '#ballots': 'ballots',
      '#party': party,
      '#revision': 'revision',
      '#status': 'status',
      ...more.names,
    },
    ExpressionAttributeValues: {
      ':ballot': withoutUndefined(ballot),
      ':one': 1,
      ':open': 'open',
      ...more.values,
    },
    ReturnValues: 'ALL_NEW',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  };
}

/** The party's first ballot in the round: only while it is open and holds none of the party's. */
export function firstBallotUpdate(
  proposalId: string,
  round: number,
  party: string,
  ballot: RoundBallot,
): UpdateWrite {
  return ballotUpdate(
    proposalId,
    round,
    party,
    { ...ballot, ballotNumber: 1 },
    {
      condition: 'attribute_not_exists(#ballots.#party) AND attribute_not_exists(#log)',
      names: { '#log': 'log' },
    },
  );
}

/** A change: replaces ballot number `replaced` of the party, only while it is current and the round open. */
export function changedBallotUpdate(
  proposalId: string,
  round: number,
  party: string,
  ballot: RoundBallot,
  replaced: number,
): UpdateWrite {
  return ballotUpdate(
    proposalId,
    round,
    party,
    { ...ballot, ballotNumber: replaced + 1 },
    {
      condition: '#ballots.#party.#number = :replaced',
      names: { '#number': 'ballotNumber' },
      values: { ':replaced': replaced },
    },
  );
}

/** A ballot in a round written by earlier code: replaced in place and appended to the round's log. */
export function loggedBallotUpdate(
  proposalId: string,
  round: number,
  party: string,
  ballot: RoundBallot,
): UpdateWrite {
  return ballotUpdate(
    proposalId,
    round,
    party,
    { ...ballot },
    {
      set: '#log = list_append(if_not_exists(#log, :none), :entry)',
      names: { '#log': 'log' },
      values: { ':none': [], ':entry': [withoutUndefined({ party, ...ballot })] },
    },
  );
}

/**
 * The item that keeps a replaced ballot for the minutes. `concurrentId` marks a ballot given while
 * another of the party's was written, and replaced by it at once (see givenConcurrently): its
 * `ballotNumber` is that of the ballot it followed.
 */
export function supersededBallotItem(
  proposalId: string,
  round: number,
  party: string,
  ballot: RoundBallot & { readonly ballotNumber: number },
  concurrentId?: string,
): Record<string, unknown> {
  const concurrent = concurrentId === undefined ? undefined : { at: ballot.at, id: concurrentId };
  return withoutUndefined({
    ...supersededBallotKey(proposalId, round, party, ballot.ballotNumber, concurrent),
    ...(concurrent === undefined ? {} : { concurrent: true }),
    ...ballot,
    proposalId,
    round,
    party,
  });
}

/**
 * Sets `party`'s ballot in an open round and returns the round as it is now. `seen` is the round
 * as the caller read it during this request (the vote's use case reads it with the proposal): with
 * it a change needs no refused first attempt to learn the ballot it replaces.
 */
export async function castVote(
  ctx: StoreContext,
  proposalId: string,
  round: number,
  party: string,
  ballot: RoundBallot,
  seen?: VotingRound,
): Promise<VotingRound> {
  // `read`: the state was read during this request (not assumed), so a ballot of the party written
  // since was written while this request ran.
  let state: RoundState | undefined = seen?.round === round ? seen : undefined;
  let read = state !== undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeBallot(ctx, proposalId, round, party, ballot, state);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (error.Item === undefined) throw new VotingClosedError(proposalId, round, false);
      // lib-dynamodb leaves the item of a failed condition marshalled (STACK-NOTES).
      const now = unmarshall(error.Item) as VotingRound & Record<string, unknown>;
      if (now.status !== 'open') throw new VotingClosedError(proposalId, round, true);
      const moved = numberOf(now, party) !== numberOf(state, party);
      if (read && moved && now.log === undefined) {
        return await givenConcurrently(ctx, proposalId, round, party, ballot, numberOf(state, party), now);
      }
      // Only an assumed state can be this wrong, and one attempt with the state read puts it right.
      if (attempt >= 3) throw error;
      state = now;
      read = true;
    }
  }
}

/** The number of the party's current ballot in the round (0: none yet). */
const numberOf = (state: RoundState | undefined, party: string): number =>
  state?.ballots?.[party]?.ballotNumber ?? (state?.ballots?.[party] ? -1 : 0);

/**
 * The party's ballot moved while this request ran: another connection of the party (or the chair
 * for it) wrote one since this request read the round. Concurrent requests have no order of their
 * own, and this one read the round before that ballot was written, so it is ordered just before
 * it: given, and replaced at once. It is kept for the minutes like any replaced ballot (its own
 * item, carrying the request's conditions: it is the request's write), the round is left as the
 * other ballot made it, and no write is retried: many changes of one party at once cost each one
 * write more, not a race that grows with their number.
 */
async function givenConcurrently(
  ctx: StoreContext,
  proposalId: string,
  round: number,
  party: string,
  ballot: RoundBallot,
  after: number,
  now: VotingRound & Record<string, unknown>,
): Promise<VotingRound> {
  const item = supersededBallotItem(
    proposalId,
    round,
    party,
    { ...ballot, ballotNumber: after },
    randomUUID(),
  );
  await writeOne(ctx, { Put: { Item: item } });
  return recordOf<VotingRound>(now);
}

/** One attempt: the write the round's state (as last seen, or assumed empty) calls for. */
async function writeBallot(
  ctx: StoreContext,
  proposalId: string,
  round: number,
  party: string,
  ballot: RoundBallot,
  state: RoundState | undefined,
): Promise<VotingRound> {
  const current = state?.ballots?.[party];
  let update: UpdateWrite;
  if (state?.log !== undefined || (current !== undefined && current.ballotNumber === undefined)) {
    update = loggedBallotUpdate(proposalId, round, party, ballot);
  } else if (current?.ballotNumber === undefined) {
    update = firstBallotUpdate(proposalId, round, party, ballot);
  } else {
    const replaced = current.ballotNumber;
    await ctx.client.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: supersededBallotItem(proposalId, round, party, { ...current, ballotNumber: replaced }),
      }),
    );
    update = changedBallotUpdate(proposalId, round, party, ballot, replaced);
  }
  const item = await retryOnConflict(() => writeOne(ctx, { Update: update }), isSingleWriteConflict);
  // Written in the request's transaction, which returns no attributes: read the round as it is now.
  return item ? recordOf<VotingRound>(item) : await roundAsWritten(ctx, proposalId, round);
}

/** Every ballot a change replaced, in every round of the proposal, by round, party and number. */
export async function listSupersededBallots(
  ctx: StoreContext,
  proposalId: string,
): Promise<SupersededBallot[]> {
  const items = await queryPartition(ctx, supersededBallotsPk(proposalId), { consistent: true });
  return items.map((item) => recordOf<SupersededBallot>(item));
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
  const item = await writeOne(ctx, {
    Update: {
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
    } as NonNullable<TransactItem['Update']>,
  });
  return item ? recordOf<VotingRound>(item) : await roundAsWritten(ctx, proposalId, round);
}

/** The round as a write of this request left it (consistent read). */
async function roundAsWritten(ctx: StoreContext, proposalId: string, round: number): Promise<VotingRound> {
  const found = await getRound(ctx, proposalId, round, true);
  if (found === undefined) throw new VotingClosedError(proposalId, round, false);
  return found;
}
