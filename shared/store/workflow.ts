// Parked task tokens and the signal outbox (DESIGN 3.2): the store's half of the race between a
// park task storing its token and a transition moving the proposal on.
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DeleteCommand,
  GetCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  ParkedTaskToken,
  ProposalRecord,
  SignalPage,
  SignalRecord,
  StoreTaskTokenResult,
  VotingRound,
  WorkflowRows,
} from '#shared/ports/store.ts';
import { ProposalNotFoundError } from '#shared/ports/store-errors.ts';
import { queryAll, queryPartition, type StoreContext } from './context.ts';
import { type Item, proposalRecordOf, recordOf, tokenItem } from './items.ts';
import { GSI1_PARTITION, proposalKey, proposalPk, SK, signalKey, tokenKey } from './keys.ts';
import { GSI1 } from './table.ts';
import { cancellationReasons, conditionFailedAt, transactWrite } from './transactions.ts';

/** The proposal item alone, by key. */
async function getItemOnly(ctx: StoreContext, proposalId: string, consistent: boolean) {
  const { Item: item } = await ctx.client.send(
    new GetCommand({ TableName: ctx.tableName, Key: proposalKey(proposalId), ConsistentRead: consistent }),
  );
  return item === undefined ? undefined : proposalRecordOf(item);
}

/**
 * The proposal item by key. A consistent read is ONE Query from the proposal item to the end of
 * the partition (`sk >= 'PROPOSAL'`: the item, its voting rounds, signal rows and parked tokens;
 * the growing audit trail sorts before it and is not read), so that the token parked for the
 * proposal's version comes with it (`parked`) and the relay of the next transition needs no read.
 */
export async function getProposalItem(
  ctx: StoreContext,
  proposalId: string,
  consistent = false,
): Promise<ProposalRecord | undefined> {
  if (!consistent) return getItemOnly(ctx, proposalId, false);
  const items = await queryAll(ctx, {
    KeyConditionExpression: 'pk = :pk AND sk >= :from',
    ExpressionAttributeValues: { ':pk': proposalPk(proposalId), ':from': SK.proposal },
    ConsistentRead: true,
  });
  const item = items.find((i) => i.sk === SK.proposal);
  if (item === undefined) return undefined;
  const proposal = proposalRecordOf(item);
  const parkedSk = tokenKey(proposalId, proposal.version).sk;
  const parked = items.find((i) => i.sk === parkedSk);
  // Sort keys are zero-padded: the last round item is the latest round.
  const latestRound = items.findLast((i) => String(i.sk).startsWith(SK.round));
  return {
    ...proposal,
    ...(parked === undefined ? {} : { parked: recordOf<ParkedTaskToken>(parked) }),
    ...(latestRound === undefined ? {} : { latestRound: recordOf<VotingRound>(latestRound) }),
  };
}

/**
 * Stores the token in ONE transaction with a ConditionCheck that the proposal is still at
 * `token.version`. DynamoDB serialises it with commitTransition(), so either this write lands
 * first (and the relay of the transition finds the token) or the proposal has moved on (and the
 * park task answers its own token with the proposal read here, consistently).
 */
export async function storeTaskToken(
  ctx: StoreContext,
  token: ParkedTaskToken,
): Promise<StoreTaskTokenResult> {
  try {
    await transactWrite(ctx.client, ctx.tableName, [
      {
        ConditionCheck: {
          Key: proposalKey(token.proposalId),
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':version': token.version },
        },
      },
      { Put: { Item: tokenItem(token) } },
    ]);
    return { stored: true };
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (reasons === undefined || !conditionFailedAt(reasons, 0)) throw error;
  }
  const proposal = await getItemOnly(ctx, token.proposalId, true);
  if (proposal === undefined) throw new ProposalNotFoundError(token.proposalId);
  return { stored: false, proposal };
}

/** The token parked at `version`, read consistently so a token stored a moment ago is seen. */
export async function getTaskToken(
  ctx: StoreContext,
  proposalId: string,
  version: number,
): Promise<ParkedTaskToken | undefined> {
  const { Item: item } = await ctx.client.send(
    new GetCommand({ TableName: ctx.tableName, Key: tokenKey(proposalId, version), ConsistentRead: true }),
  );
  return item === undefined ? undefined : recordOf<ParkedTaskToken>(item);
}

/**
 * A proposal's signal rows and parked tokens, oldest first, in ONE consistent Query: their sort keys
 * (`SIGNAL#…`, `TOKEN#…`) come last in the partition, so `sk >= 'SIGNAL#'` reads both (an item of
 * any later kind would only be read and skipped).
 */
export async function getWorkflowRows(ctx: StoreContext, proposalId: string): Promise<WorkflowRows> {
  const items = await queryAll(ctx, {
    KeyConditionExpression: 'pk = :pk AND sk >= :from',
    ExpressionAttributeValues: { ':pk': proposalPk(proposalId), ':from': SK.signal },
    ConsistentRead: true,
  });
  const of = (prefix: string) => items.filter((item) => String(item.sk).startsWith(prefix));
  return {
    signals: of(SK.signal).map((item) => recordOf<SignalRecord>(item)),
    tokens: of(SK.token).map((item) => recordOf<ParkedTaskToken>(item)),
  };
}

/** Removes a token (answered, or its execution ended). */
export async function deleteTaskToken(ctx: StoreContext, proposalId: string, version: number): Promise<void> {
  await ctx.client.send(new DeleteCommand({ TableName: ctx.tableName, Key: tokenKey(proposalId, version) }));
}

/**
 * A page of undelivered signals of all proposals, oldest first (gsi1 `SIGNALS`, eventually
 * consistent), from the start or `after` the page that gave that cursor. `after` in the answer is
 * the cursor of the next page, absent after the last.
 */
export async function listPendingSignals(
  ctx: StoreContext,
  limit: number,
  after?: string,
): Promise<SignalPage> {
  const page = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      IndexName: GSI1.indexName,
      KeyConditionExpression: '#gpk = :gpk',
      ExpressionAttributeNames: { '#gpk': GSI1.partitionKey },
      ExpressionAttributeValues: { ':gpk': GSI1_PARTITION.signals },
      Limit: limit,
      ...(after === undefined
        ? {}
        : { ExclusiveStartKey: JSON.parse(Buffer.from(after, 'base64url').toString()) }),
    }),
  );
  const records = (page.Items ?? []).map((item: Item) => recordOf<SignalRecord>(item));
  const next = page.LastEvaluatedKey;
  return next === undefined
    ? { records }
    : { records, after: Buffer.from(JSON.stringify(next)).toString('base64url') };
}

/** One proposal's undelivered signals, oldest first (consistent). */
export async function getSignals(ctx: StoreContext, proposalId: string): Promise<SignalRecord[]> {
  const items = await queryPartition(ctx, proposalPk(proposalId), { prefix: SK.signal, consistent: true });
  return items.map((item) => recordOf<SignalRecord>(item));
}

/** Removes a delivered signal. */
export async function deleteSignal(
  ctx: StoreContext,
  proposalId: string,
  fromVersion: number,
): Promise<void> {
  await ctx.client.send(
    new DeleteCommand({ TableName: ctx.tableName, Key: signalKey(proposalId, fromVersion) }),
  );
}

/** Removes a delivered signal and the token it answered, in one call (a BatchWriteItem of two deletes). */
export async function deleteSignalAndToken(
  ctx: StoreContext,
  proposalId: string,
  version: number,
): Promise<void> {
  // One BatchWriteItem, not a transaction: two deletes need no atomicity (each is harmless
  // repeated), and a batch bills each as a standard write, half a transaction's (issue 16).
  let requests: BatchWriteCommandInput['RequestItems'] = {
    [ctx.tableName]: [
      { DeleteRequest: { Key: signalKey(proposalId, version) } },
      { DeleteRequest: { Key: tokenKey(proposalId, version) } },
    ],
  };
  for (let attempt = 0; requests !== undefined && Object.keys(requests).length > 0; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
    if (attempt === UNPROCESSED_ATTEMPTS)
      throw new Error(`deleteSignalAndToken: ${proposalId} at ${version} still unprocessed`);
    ({ UnprocessedItems: requests } = await ctx.client.send(
      new BatchWriteCommand({ RequestItems: requests }),
    ));
  }
}

/** Rounds of a batch's unprocessed items (throttling) before giving up; the caller's retry resumes. */
const UNPROCESSED_ATTEMPTS = 5;
