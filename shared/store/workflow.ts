// Parked task tokens and the signals (DESIGN 3.2): the store's half of the race between a park task
// storing its token and a transition moving the proposal on. A transition's signal rides in its
// audit event (commit-transition.ts); older versions wrote an outbox row (`SIGNAL#`), still read.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  ParkedTaskToken,
  ProposalRecord,
  SignalPage,
  SignalRecord,
  SignalToSettle,
  StoreTaskTokenResult,
  VotingRound,
  WorkflowRows,
} from '#shared/ports/store.ts';
import { ProposalNotFoundError } from '#shared/ports/store-errors.ts';
import { queryAll, type StoreContext } from './context.ts';
import { type Item, proposalRecordOf, recordOf, signalRecordOf, tokenItem } from './items.ts';
import { eventKey, GSI1_PARTITION, proposalKey, proposalPk, SK, signalKey, tokenKey } from './keys.ts';
import { GSI1, SIGNALS_INDEX } from './table.ts';
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
 * the partition (`sk >= 'PROPOSAL'`: the item, its voting rounds, older outbox rows and parked tokens;
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
 * A proposal's parked tokens and older outbox rows, oldest first, in ONE consistent Query: their
 * sort keys (`SIGNAL#…`, `TOKEN#…`) come last in the partition, so `sk >= 'SIGNAL#'` reads both (an
 * item of any later kind would only be read and skipped).
 */
export async function getWorkflowRows(ctx: StoreContext, proposalId: string): Promise<WorkflowRows> {
  const items = await queryAll(ctx, {
    KeyConditionExpression: 'pk = :pk AND sk >= :from',
    ExpressionAttributeValues: { ':pk': proposalPk(proposalId), ':from': SK.signal },
    ConsistentRead: true,
  });
  const of = (prefix: string) => items.filter((item) => String(item.sk).startsWith(prefix));
  return {
    signals: of(SK.signal).flatMap((item) => signalRecordOf(item) ?? []),
    tokens: of(SK.token).map((item) => recordOf<ParkedTaskToken>(item)),
  };
}

/** Removes a token (answered, or its execution ended). */
export async function deleteTaskToken(ctx: StoreContext, proposalId: string, version: number): Promise<void> {
  await ctx.client.send(new DeleteCommand({ TableName: ctx.tableName, Key: tokenKey(proposalId, version) }));
}

/** Where a page of the pending signals ends: the list it is in, and its key there. */
interface SignalCursor {
  /** `listed`: the audit events in the local list; `rows`: older outbox rows in gsi1 `SIGNALS`. */
  readonly list: 'listed' | 'rows';
  readonly key?: Record<string, unknown>;
}

/**
 * A page of undelivered signals of all proposals, oldest first (eventually consistent), from the
 * start or `after` the page that gave that cursor. The audit events a listing store put in the
 * local list (table.ts `SIGNALS_INDEX`) come first, then the outbox rows an older version listed
 * in gsi1 `SIGNALS` (the same page goes on into them). `after` in the answer is the cursor of the
 * next page, absent after the last.
 */
export async function listPendingSignals(
  ctx: StoreContext,
  limit: number,
  after?: string,
): Promise<SignalPage> {
  let at: SignalCursor =
    after === undefined ? { list: 'listed' } : JSON.parse(Buffer.from(after, 'base64url').toString());
  const records: SignalRecord[] = [];
  for (;;) {
    const index = at.list === 'listed' ? SIGNALS_INDEX : GSI1;
    const page = await ctx.client.send(
      new QueryCommand({
        TableName: ctx.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#gpk = :gpk',
        ExpressionAttributeNames: { '#gpk': index.partitionKey },
        ExpressionAttributeValues: { ':gpk': GSI1_PARTITION.signals },
        Limit: limit - records.length,
        ...(at.key === undefined ? {} : { ExclusiveStartKey: at.key }),
      }),
    );
    records.push(...(page.Items ?? []).flatMap((item: Item) => signalRecordOf(item) ?? []));
    if (page.LastEvaluatedKey !== undefined) {
      const next: SignalCursor = { list: at.list, key: page.LastEvaluatedKey };
      return { records, after: Buffer.from(JSON.stringify(next)).toString('base64url') };
    }
    // The end of the listed events: the older rows follow in the same page, then the round ends.
    if (at.list === 'rows' || records.length >= limit) return { records };
    at = { list: 'rows' };
  }
}

/**
 * The signal of the transition that left `fromVersion`, read consistently: the one its audit event
 * carries (also a deadline task's own), else the outbox row an older version wrote for it.
 */
export async function getTransitionSignal(
  ctx: StoreContext,
  proposalId: string,
  fromVersion: number,
): Promise<SignalRecord | undefined> {
  const read = async (key: { pk: string; sk: string }) =>
    (await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: key, ConsistentRead: true })))
      .Item;
  const event = await read(eventKey(proposalId, fromVersion + 1));
  // No transition left `fromVersion` yet: an older version wrote its row in the same transaction.
  if (event === undefined) return undefined;
  const carried = signalRecordOf(event, { taken: true });
  if (carried) return carried;
  const row = await read(signalKey(proposalId, fromVersion));
  return row && signalRecordOf(row);
}

/**
 * A signal that needs no relay any more. Its audit event stays as it is — no write — unless this
 * store lists signals (the local stack): then the event leaves the list (a REMOVE of its sparse
 * keys, only while it is listed). An older version's outbox row is deleted.
 */
export async function settleSignal(ctx: StoreContext, record: SignalToSettle): Promise<void> {
  const { proposalId, fromVersion } = record;
  if (record.stored === 'row') {
    await ctx.client.send(
      new DeleteCommand({ TableName: ctx.tableName, Key: signalKey(proposalId, fromVersion) }),
    );
    return;
  }
  if (ctx.listSignals === false) return;
  try {
    await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: eventKey(proposalId, fromVersion + 1),
        UpdateExpression: 'REMOVE #lpk, #lsk',
        ConditionExpression: 'attribute_exists(#lpk)',
        ExpressionAttributeNames: { '#lpk': SIGNALS_INDEX.partitionKey, '#lsk': SIGNALS_INDEX.sortKey },
      }),
    );
  } catch (error) {
    // Not listed (any more): settled before, or written by a store that does not list.
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
