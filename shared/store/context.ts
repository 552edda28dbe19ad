// What every store operation needs: the injected document client and the table's name,
// plus the Query helpers they share.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { RequestConditions } from '#shared/ports/store.ts';
import type { Item } from './items.ts';
import { writeOne } from './request-writes.ts';
import { GSI1 } from './table.ts';

/** The injected client and the table it works on; for one request, what its writes must carry. */
export interface StoreContext {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** The request's conditions (the idempotency mark, If-Match's version): see request-writes.ts. */
  readonly request?: RequestConditions;
  /** `false`: signals are not listed for a relay loop (see DynamoDbStoreOptions.listSignals). @default true */
  readonly listSignals?: boolean;
}

/**
 * Puts `item` unless an item with its key exists: one conditional PutItem, so that of two writers
 * at the same moment exactly one succeeds. Returns the item that was there (then nothing changed).
 */
export async function putIfAbsent(
  ctx: StoreContext,
  item: Item,
  createdId?: string,
): Promise<Item | undefined> {
  try {
    await writeOne(
      ctx,
      {
        Put: {
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      createdId,
    );
    return undefined;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException) || error.Item === undefined) throw error;
    // lib-dynamodb leaves the item of a failed condition marshalled (STACK-NOTES).
    return unmarshall(error.Item);
  }
}

/** Every item a Query matches, following LastEvaluatedKey through the pages. */
export async function queryAll(
  ctx: StoreContext,
  input: Omit<QueryCommandInput, 'TableName'>,
): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ctx.client.send(
      new QueryCommand({ ...input, TableName: ctx.tableName, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

/** Every item of one `gsi1` partition, in `gsi1sk` order, optionally only those whose `gsi1sk` starts with `prefix`. */
export function queryGsi1(ctx: StoreContext, partition: string, prefix?: string): Promise<Item[]> {
  return queryAll(ctx, {
    IndexName: GSI1.indexName,
    KeyConditionExpression:
      prefix === undefined ? '#gpk = :gpk' : '#gpk = :gpk AND begins_with(#gsk, :prefix)',
    ExpressionAttributeNames: {
      '#gpk': GSI1.partitionKey,
      ...(prefix === undefined ? {} : { '#gsk': GSI1.sortKey }),
    },
    ExpressionAttributeValues: { ':gpk': partition, ...(prefix === undefined ? {} : { ':prefix': prefix }) },
  });
}

/** Every item of one table partition whose `sk` starts with `prefix` (all of them without one). */
export function queryPartition(
  ctx: StoreContext,
  pk: string,
  options: { readonly prefix?: string; readonly consistent?: boolean } = {},
): Promise<Item[]> {
  const { prefix } = options;
  return queryAll(ctx, {
    KeyConditionExpression: prefix === undefined ? 'pk = :pk' : 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ...(prefix === undefined ? {} : { ':prefix': prefix }) },
    ConsistentRead: options.consistent ?? false,
  });
}
