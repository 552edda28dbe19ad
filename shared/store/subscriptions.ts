// Webhook subscriptions and their dead letters, under the party's partition (`PARTY#<party>`);
// every subscription is also listed in gsi1 `SUBSCRIPTIONS` for the delivery worker.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DeadLetterRecord, SubscriptionRecord } from '#shared/ports/integrations.ts';
import { queryGsi1, queryPartition, type StoreContext } from './context.ts';
import { recordOf, withoutUndefined } from './items.ts';
import { deadLetterKey, GSI1_PARTITION, partyPk, SK, subscriptionGsi1, subscriptionKey } from './keys.ts';
import { writeOne } from './request-writes.ts';

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
