// Idempotency records for the `Idempotency-Key` header: one item per (calling party, key), which
// expires through the table's TTL. The first request claims the key with a conditional Put;
// a retry finds the claim and gets "in progress", the stored response, "mismatch", or — when the
// first request's change committed (its mark, written in that change's transaction by
// request-writes.ts) but its response was never stored — "committed" with the id it created.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyBegin, JsonObject } from '#shared/ports/store.ts';
import { IdempotencyConflictError } from '#shared/ports/store-errors.ts';
import type { StoreContext } from './context.ts';
import { withoutUndefined } from './items.ts';
import { idempotencyKey } from './keys.ts';
import { TTL_ATTRIBUTE } from './table.ts';

/** The stored item. `expiresAt` is epoch seconds (the TTL attribute). */
interface IdempotencyItem {
  readonly requestHash: string;
  readonly status: 'in-progress' | 'completed';
  readonly response?: JsonObject;
  readonly expiresAt: number;
  /**
   * When the claim's hold ends (epoch seconds): until then its request may still be running. The
   * committed mark moves `expiresAt` a day ahead, so this keeps the claim's own end. Records
   * claimed before it was written lack it; their `expiresAt` is the claim's end.
   */
  readonly claimedUntil?: number;
  /** Set in the transaction of the change the request made (committedMark in request-writes.ts). */
  readonly committed?: boolean;
  /** The id of what that change created, written with the mark. */
  readonly createdId?: string;
}

/** Claims the key unless an unexpired record holds it. TTL deletes late, hence the explicit expiry check. */
async function claim(
  ctx: StoreContext,
  party: string,
  key: string,
  hash: string,
  now: number,
  ttl: number,
): Promise<boolean> {
  try {
    await ctx.client.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: {
          ...idempotencyKey(party, key),
          requestHash: hash,
          status: 'in-progress',
          claimedUntil: now + ttl,
          [TTL_ATTRIBUTE]: now + ttl,
        },
        // An expired claim may be taken over, unless its request committed a change and died
        // before storing the response: that record answers retries as `committed`.
        // (AND binds tighter than OR: expired and uncommitted, or expired and completed.)
        ConditionExpression:
          'attribute_not_exists(pk) OR #expiresAt < :now AND attribute_not_exists(#committed) OR #expiresAt < :now AND #status = :completed',
        ExpressionAttributeNames: {
          '#expiresAt': TTL_ATTRIBUTE,
          '#committed': 'committed',
          '#status': 'status',
        },
        ExpressionAttributeValues: { ':now': now, ':completed': 'completed' },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

async function read(ctx: StoreContext, party: string, key: string): Promise<IdempotencyItem | undefined> {
  const { Item: item } = await ctx.client.send(
    new GetCommand({ TableName: ctx.tableName, Key: idempotencyKey(party, key), ConsistentRead: true }),
  );
  return item as IdempotencyItem | undefined;
}

/** What an existing record means for a request with `hash`. */
function classify(record: IdempotencyItem, hash: string, nowSeconds: number): IdempotencyBegin {
  if (record.requestHash !== hash) return { status: 'mismatch' };
  if (record.status === 'completed') return { status: 'completed', response: record.response ?? {} };
  const claimEnds = record.claimedUntil ?? record.expiresAt;
  if (record.committed && claimEnds < nowSeconds) {
    return record.createdId === undefined
      ? { status: 'committed' }
      : { status: 'committed', createdId: record.createdId };
  }
  return { status: 'in-progress', retryAfterSeconds: Math.max(1, claimEnds - nowSeconds + 1) };
}

/**
 * Begins an idempotent request (see the file comment). When the claim fails, the record is read
 * consistently; if it vanished in between (abandoned), the claim is tried once more.
 */
export async function beginIdempotent(
  ctx: StoreContext,
  party: string,
  key: string,
  requestHash: string,
  now: Date,
  ttlSeconds: number,
): Promise<IdempotencyBegin> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await claim(ctx, party, key, requestHash, nowSeconds, ttlSeconds)) return { status: 'new' };
    const record = await read(ctx, party, key);
    // A committed claim stays meaningful after it expires: it answers retries (see classify).
    const live = record !== undefined && (record.expiresAt >= nowSeconds || record.committed === true);
    if (record !== undefined && live) return classify(record, requestHash, nowSeconds);
  }
  // Claimed and released again by others twice in a row: report it as running, the client retries.
  return { status: 'in-progress' };
}

/** Stores the response, if this request (same hash, still in progress) holds the record. */
export async function completeIdempotent(
  ctx: StoreContext,
  party: string,
  key: string,
  requestHash: string,
  response: JsonObject,
  keepUntil?: Date,
): Promise<void> {
  const until: Record<string, string> = keepUntil ? { '#expiresAt': TTL_ATTRIBUTE } : {};
  try {
    await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: idempotencyKey(party, key),
        UpdateExpression: `SET #status = :completed, #response = :response${keepUntil ? ', #expiresAt = :until' : ''}`,
        ConditionExpression: 'attribute_exists(pk) AND #requestHash = :hash AND #status = :inProgress',
        ExpressionAttributeNames: {
          '#status': 'status',
          '#response': 'response',
          '#requestHash': 'requestHash',
          ...until,
        },
        ExpressionAttributeValues: {
          ':completed': 'completed',
          ':response': withoutUndefined(response),
          ':hash': requestHash,
          ':inProgress': 'in-progress',
          ...(keepUntil ? { ':until': Math.floor(keepUntil.getTime() / 1000) } : {}),
        },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new IdempotencyConflictError(party, key);
    throw error;
  }
}

/**
 * Deletes the record if this request still holds it in progress and committed nothing, so the
 * client can retry. A committed record stays: a retry resumes what its change began.
 */
export async function abandonIdempotent(
  ctx: StoreContext,
  party: string,
  key: string,
  requestHash: string,
): Promise<void> {
  try {
    await ctx.client.send(
      new DeleteCommand({
        TableName: ctx.tableName,
        Key: idempotencyKey(party, key),
        ConditionExpression:
          '#requestHash = :hash AND #status = :inProgress AND attribute_not_exists(#committed)',
        ExpressionAttributeNames: {
          '#requestHash': 'requestHash',
          '#status': 'status',
          '#committed': 'committed',
        },
        ExpressionAttributeValues: { ':hash': requestHash, ':inProgress': 'in-progress' },
      }),
    );
  } catch (error) {
    // Not ours (another body, completed, or gone): there is nothing to release.
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
