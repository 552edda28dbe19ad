// Webhook subscriptions and their dead letters, under the party's partition (`PARTY#<party>`);
// every subscription is also listed in gsi1 `SUBSCRIPTIONS` for the delivery worker.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DeadLetterRecord, RedeliveryRecord, SubscriptionRecord } from '#shared/ports/integrations.ts';
import { queryGsi1, queryPartition, type StoreContext } from './context.ts';
import { recordOf, withoutUndefined } from './items.ts';
import {
  deadLetterKey,
  GSI1_PARTITION,
  partyPk,
  redeliveryKey,
  SK,
  subscriptionGsi1,
  subscriptionKey,
} from './keys.ts';
import { transactForRequest, writeOne } from './request-writes.ts';
import { TTL_ATTRIBUTE } from './table.ts';
import { type TransactItem, transactWrite } from './transactions.ts';

export async function putSubscription(ctx: StoreContext, s: SubscriptionRecord): Promise<void> {
  const item = withoutUndefined({
    ...subscriptionKey(s.party, s.id),
    ...subscriptionGsi1(s.createdAt, s.id),
    ...s,
  });
  await writeOne(ctx, { Put: { Item: item, ConditionExpression: 'attribute_not_exists(pk)' } }, s.id);
}

export async function getSubscription(
  ctx: StoreContext,
  party: string,
  id: string,
): Promise<SubscriptionRecord | undefined> {
  const { Item } = await ctx.client.send(
    new GetCommand({ TableName: ctx.tableName, Key: subscriptionKey(party, id), ConsistentRead: true }),
  );
  return Item ? recordOf<SubscriptionRecord>(Item) : undefined;
}

export async function listSubscriptions(ctx: StoreContext, party: string): Promise<SubscriptionRecord[]> {
  const items = await queryPartition(ctx, partyPk(party), { prefix: SK.subscription, consistent: true });
  return items
    .map((item) => recordOf<SubscriptionRecord>(item))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function allSubscriptions(ctx: StoreContext): Promise<SubscriptionRecord[]> {
  return (await queryGsi1(ctx, GSI1_PARTITION.subscriptions)).map((item) =>
    recordOf<SubscriptionRecord>(item),
  );
}

/** Deletes a key if it exists; false when it did not. */
async function deleteExisting(ctx: StoreContext, key: Record<string, string>): Promise<boolean> {
  try {
    await ctx.client.send(
      new DeleteCommand({ TableName: ctx.tableName, Key: key, ConditionExpression: 'attribute_exists(pk)' }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function deleteSubscription(ctx: StoreContext, party: string, id: string): Promise<boolean> {
  const deleted = await deleteExisting(ctx, subscriptionKey(party, id));
  for (const letter of await listDeadLetters(ctx, party, id)) {
    await deleteDeadLetter(ctx, party, id, letter.position);
  }
  return deleted;
}

const FAILURE_FIELDS = ['failingSince', 'attempts', 'nextAttemptAt', 'lastError'] as const;

export async function updateDelivery(
  ctx: StoreContext,
  party: string,
  id: string,
  expectedCursor: string,
  next: Pick<SubscriptionRecord, 'cursor' | (typeof FAILURE_FIELDS)[number]>,
): Promise<boolean> {
  const set = FAILURE_FIELDS.filter((f) => next[f] !== undefined);
  const remove = FAILURE_FIELDS.filter((f) => next[f] === undefined);
  const names = Object.fromEntries([...FAILURE_FIELDS, 'cursor'].map((f) => [`#${f}`, f]));
  const values = Object.fromEntries([
    ...set.map((f) => [`:${f}`, next[f]]),
    [':cursor', next.cursor],
    [':expected', expectedCursor],
  ]);
  const update = `SET #cursor = :cursor${set.map((f) => `, #${f} = :${f}`).join('')}${remove.length ? ` REMOVE ${remove.map((f) => `#${f}`).join(', ')}` : ''}`;
  try {
    await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: subscriptionKey(party, id),
        UpdateExpression: update,
        ConditionExpression: 'attribute_exists(pk) AND #cursor = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function putDeadLetter(ctx: StoreContext, letter: DeadLetterRecord): Promise<void> {
  await ctx.client.send(
    new PutCommand({
      TableName: ctx.tableName,
      Item: { ...deadLetterKey(letter.party, letter.subscriptionId, letter.position), ...letter },
    }),
  );
}

/** Letters per transaction: 100 writes at most, less the redelivery record and the request's two writes. */
const LETTERS_PER_TRANSACTION = 97;
/** How long a redelivery request is kept: longer than an Idempotency-Key is remembered (a day). */
const REDELIVERY_KEPT_SECONDS = 2 * 24 * 60 * 60;

/**
 * The letters as `redeliver` and the request's record in one transaction, which also marks the
 * request's Idempotency-Key committed with the record's id: a retry after a crash finds the record
 * and answers from it instead of queueing again. Beyond one transaction's worth the first letters
 * go ahead on their own; a crash among those leaves no mark, so the retry runs whole again, which
 * queues those letters again at most (a redelivery is an at-least-once delivery anyway).
 */
export async function queueRedelivery(
  ctx: StoreContext,
  redelivery: RedeliveryRecord,
  letters: readonly DeadLetterRecord[],
): Promise<void> {
  const puts: TransactItem[] = letters.map((letter) => ({
    Put: { Item: { ...deadLetterKey(letter.party, letter.subscriptionId, letter.position), ...letter } },
  }));
  const last = puts.length - (puts.length % LETTERS_PER_TRANSACTION || LETTERS_PER_TRANSACTION);
  for (let from = 0; from < last; from += LETTERS_PER_TRANSACTION) {
    await transactWrite(ctx.client, ctx.tableName, puts.slice(from, from + LETTERS_PER_TRANSACTION));
  }
  const expiresAt = Math.floor(Date.parse(redelivery.at) / 1000) + REDELIVERY_KEPT_SECONDS;
  const record: TransactItem = {
    Put: {
      Item: {
        ...redeliveryKey(redelivery.party, redelivery.subscriptionId, redelivery.id),
        ...redelivery,
        [TTL_ATTRIBUTE]: expiresAt,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  await transactForRequest(ctx, [...puts.slice(Math.max(0, last)), record], { createdId: redelivery.id });
}

export async function getRedelivery(
  ctx: StoreContext,
  party: string,
  subscriptionId: string,
  id: string,
): Promise<RedeliveryRecord | undefined> {
  const { Item } = await ctx.client.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: redeliveryKey(party, subscriptionId, id),
      ConsistentRead: true,
    }),
  );
  if (!Item) return undefined;
  const { [TTL_ATTRIBUTE]: _expiresAt, ...record } = recordOf<RedeliveryRecord & { expiresAt?: number }>(
    Item,
  );
  return record;
}

export async function listDeadLetters(
  ctx: StoreContext,
  party: string,
  subscriptionId: string,
): Promise<DeadLetterRecord[]> {
  const prefix = `${SK.deadLetter}${subscriptionId}#`;
  return (await queryPartition(ctx, partyPk(party), { prefix, consistent: true })).map((item) =>
    recordOf<DeadLetterRecord>(item),
  );
}

export async function deleteDeadLetter(
  ctx: StoreContext,
  party: string,
  subscriptionId: string,
  position: string,
): Promise<void> {
  await ctx.client.send(
    new DeleteCommand({ TableName: ctx.tableName, Key: deadLetterKey(party, subscriptionId, position) }),
  );
}

export { deleteExisting };
