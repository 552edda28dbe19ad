// What a request demands of every write it makes, added to that write's own transaction
// (RequestConditions in the port): the Idempotency-Key record's committed mark, with the id of
// what the write created, and the proposal version the request's If-Match named. A store made for
// a request (DynamoDbStore.forRequest) carries them in its context; every write of the adapter goes
// through writeOne or transactForRequest, so none can commit without them.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ExpectedVersionError, IdempotencyConflictError } from '#shared/ports/store-errors.ts';
import type { StoreContext } from './context.ts';
import { idempotencyKey, proposalKey } from './keys.ts';
import { TTL_ATTRIBUTE } from './table.ts';
import {
  cancellationReasons,
  conditionFailedAt,
  rawNumber,
  type TransactItem,
  transactWrite,
} from './transactions.ts';

/**
 * The request's idempotency record becomes `committed` in the transaction of its change: a retry
 * after a crash between this commit and the stored response finds the mark (and `createdId`)
 * instead of running again. The condition keeps a mark off a record another request now holds.
 */
export function committedMark(ctx: StoreContext, createdId?: string): TransactItem | undefined {
  const claim = ctx.request?.idempotency;
  if (claim === undefined) return undefined;
  return {
    Update: {
      Key: idempotencyKey(claim.party, claim.key),
      // The claim expired a few seconds after it was made; a committed record is kept as long as an answer.
      UpdateExpression: `SET #committed = :true, #expiresAt = :keptUntil${createdId === undefined ? '' : ', #createdId = :createdId'}`,
      ConditionExpression: '#requestHash = :hash',
      ExpressionAttributeNames: {
        '#committed': 'committed',
        '#expiresAt': TTL_ATTRIBUTE,
        '#requestHash': 'requestHash',
        ...(createdId === undefined ? {} : { '#createdId': 'createdId' }),
      },
      ExpressionAttributeValues: {
        ':true': true,
        ':keptUntil': claim.keptUntil,
        ':hash': claim.hash,
        ...(createdId === undefined ? {} : { ':createdId': createdId }),
      },
    },
  };
}

/** If-Match on a proposal, for a write that does not itself update that proposal: a ConditionCheck. */
function proposalVersionCheck(ctx: StoreContext): TransactItem | undefined {
  const at = ctx.request?.proposalAt;
  if (at === undefined) return undefined;
  return {
    ConditionCheck: {
      Key: proposalKey(at.id),
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': at.version },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** The writes a request adds to one of its transactions, after the transaction's own. */
export function requestWrites(
  ctx: StoreContext,
  options: { readonly createdId?: string | undefined; readonly updatesProposal?: string | undefined } = {},
): TransactItem[] {
  const mark = committedMark(ctx, options.createdId);
  const pinned = ctx.request?.proposalAt;
  const check = pinned && pinned.id !== options.updatesProposal ? proposalVersionCheck(ctx) : undefined;
  return [...(check ? [check] : []), ...(mark ? [mark] : [])];
}

/**
 * Turns a failed request write into its error, when one was refused: the version check into
 * ExpectedVersionError, the mark into IdempotencyConflictError. Undefined when neither failed.
 */
export function requestWriteError(
  ctx: StoreContext,
  error: unknown,
  extras: readonly TransactItem[],
  from: number,
) {
  const reasons = cancellationReasons(error);
  if (reasons === undefined) return undefined;
  for (const [offset, extra] of extras.entries()) {
    if (!conditionFailedAt(reasons, from + offset)) continue;
    const at = ctx.request?.proposalAt;
    if (extra.ConditionCheck && at) {
      const actual = rawNumber(reasons[from + offset]?.Item, 'version') ?? -1;
      return new ExpectedVersionError(at.id, at.version, actual);
    }
    const claim = ctx.request?.idempotency;
    if (extra.Update && claim) return new IdempotencyConflictError(claim.party, claim.key);
  }
  return undefined;
}

/**
 * Sends `items` as one transaction with the request's writes after them. A refused request write
 * throws its own error; any other failure is thrown as DynamoDB reported it (indexes unchanged).
 */
export async function transactForRequest(
  ctx: StoreContext,
  items: readonly TransactItem[],
  options: { readonly createdId?: string | undefined } = {},
): Promise<void> {
  const extras = requestWrites(ctx, options);
  try {
    await transactWrite(ctx.client, ctx.tableName, [...items, ...extras]);
  } catch (error) {
    throw requestWriteError(ctx, error, extras, items.length) ?? error;
  }
}

/**
 * One conditional write. Alone it is a single PutItem / UpdateItem / DeleteItem (returning the
 * attributes UpdateItem returns); with the request's writes it becomes their transaction, and a
 * refusal of its own condition is thrown as the single write would throw it
 * (ConditionalCheckFailedException with the old item), so callers handle both alike. In a
 * transaction nothing is returned: the caller reads what it needs.
 */
export async function writeOne(
  ctx: StoreContext,
  item: TransactItem,
  createdId?: string,
): Promise<Record<string, unknown> | undefined> {
  const extras = requestWrites(ctx, { createdId });
  if (extras.length === 0) return sendAlone(ctx, item);
  const { ReturnValues: _none, ...update } = (item.Update ?? {}) as NonNullable<TransactItem['Update']> & {
    ReturnValues?: string;
  };
  const write = item.Update ? { Update: update } : item;
  try {
    await transactWrite(ctx.client, ctx.tableName, [write, ...extras]);
    return undefined;
  } catch (error) {
    const own = requestWriteError(ctx, error, extras, 1);
    if (own) throw own;
    const reasons = cancellationReasons(error);
    if (reasons && conditionFailedAt(reasons, 0)) {
      throw new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
        Item: reasons[0]?.Item,
      });
    }
    throw error;
  }
}

async function sendAlone(
  ctx: StoreContext,
  item: TransactItem,
): Promise<Record<string, unknown> | undefined> {
  const TableName = ctx.tableName;
  if (item.Put) await ctx.client.send(new PutCommand({ ...item.Put, TableName }));
  else if (item.Delete) await ctx.client.send(new DeleteCommand({ ...item.Delete, TableName }));
  else if (item.Update) {
    const { Attributes } = await ctx.client.send(new UpdateCommand({ ...item.Update, TableName }));
    return Attributes;
  } else throw new TypeError('writeOne takes a Put, an Update or a Delete');
  return undefined;
}
