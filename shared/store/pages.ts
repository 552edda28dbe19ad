// Lists read page by page (issue 17, row 5): one Query with `Limit` per request, continued from an
// opaque cursor, so no list request reads more than one page whatever the table holds.
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '#shared/ports/store.ts';
import { InvalidCursorError } from '#shared/ports/store-errors.ts';
import type { StoreContext } from './context.ts';
import type { Item } from './items.ts';
import { GSI1, GSI2, PARTITION_KEY, SORT_KEY } from './table.ts';

/** Where a list lives: a partition of the table or of an index, optionally only sort keys with a prefix. */
export interface ListLocation {
  readonly index: 'table' | 'gsi1' | 'gsi2';
  readonly partition: string;
  readonly prefix?: string | undefined;
  /** Strongly consistent (the table only; an index is always eventually consistent). @default false */
  readonly consistent?: boolean;
}

const MAX_KEY_PART = 1_024;

const INDEXES = { gsi1: GSI1, gsi2: GSI2 } as const;

/** The partition and sort key attributes of a list's table or index. */
function listKeys(index: ListLocation['index']): readonly [string, string] {
  if (index === 'table') return [PARTITION_KEY, SORT_KEY];
  return [INDEXES[index].partitionKey, INDEXES[index].sortKey];
}

/** The attributes of a LastEvaluatedKey: the table's keys, and the index's when the list is on one. */
const keyNames = (index: ListLocation['index']) =>
  index === 'table' ? [PARTITION_KEY, SORT_KEY] : [PARTITION_KEY, SORT_KEY, ...listKeys(index)];

/** The cursor of the page after the one that ended at `key` (DynamoDB's LastEvaluatedKey). */
export function encodeCursor(key: Readonly<Record<string, unknown>>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * The start key a cursor stands for, only if it is a key of this very list: the key's attributes
 * exactly, strings, in the list's partition and under its prefix. A cursor edited to point into
 * another partition (or garbled) is refused before DynamoDB sees it.
 * @throws InvalidCursorError
 */
export function decodeCursor(cursor: string, where: ListLocation): Record<string, string> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const names = keyNames(where.index);
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw new InvalidCursorError();
  const entries = Object.entries(key);
  const valid =
    entries.length === names.length &&
    entries.every(
      ([name, value]) => names.includes(name) && typeof value === 'string' && value.length <= MAX_KEY_PART,
    );
  if (!valid) throw new InvalidCursorError();
  const start = key as Record<string, string>;
  const [partitionName, sortName] = listKeys(where.index);
  if (start[partitionName] !== where.partition || !start[sortName]?.startsWith(where.prefix ?? '')) {
    throw new InvalidCursorError();
  }
  return start;
}

/** The key condition of a list's Query. */
export function keyCondition(where: ListLocation): Omit<QueryCommandInput, 'TableName'> {
  const [partitionName, sortName] = listKeys(where.index);
  const prefixed = where.prefix !== undefined;
  return {
    ...(where.index === 'table' ? {} : { IndexName: INDEXES[where.index].indexName }),
    KeyConditionExpression: prefixed ? '#lpk = :lpk AND begins_with(#lsk, :lprefix)' : '#lpk = :lpk',
    ExpressionAttributeNames: { '#lpk': partitionName, ...(prefixed ? { '#lsk': sortName } : {}) },
    ExpressionAttributeValues: { ':lpk': where.partition, ...(prefixed ? { ':lprefix': where.prefix } : {}) },
  };
}

/** A filter applied to each page (DynamoDB filters after `Limit`: a page may hold fewer items). */
export interface ListFilter {
  readonly FilterExpression: string;
  readonly ExpressionAttributeNames: Readonly<Record<string, string>>;
  readonly ExpressionAttributeValues: Readonly<Record<string, unknown>>;
}

/** One page of a list: at most `page.limit` items, and the cursor of the next page if there is one. */
export async function queryPage(
  ctx: StoreContext,
  where: ListLocation,
  page: PageRequest,
  filter?: ListFilter,
): Promise<Page<Item>> {
  const condition = keyCondition(where);
  const result = await ctx.client.send(
    new QueryCommand({
      ...condition,
      ...(filter
        ? {
            FilterExpression: filter.FilterExpression,
            ExpressionAttributeNames: {
              ...condition.ExpressionAttributeNames,
              ...filter.ExpressionAttributeNames,
            },
            ExpressionAttributeValues: {
              ...condition.ExpressionAttributeValues,
              ...filter.ExpressionAttributeValues,
            },
          }
        : {}),
      TableName: ctx.tableName,
      ...(where.consistent && where.index === 'table' ? { ConsistentRead: true } : {}),
      Limit: page.limit,
      ...(page.cursor === undefined ? {} : { ExclusiveStartKey: decodeCursor(page.cursor, where) }),
    }),
  );
  const next = result.LastEvaluatedKey;
  return { items: result.Items ?? [], ...(next === undefined ? {} : { next: encodeCursor(next) }) };
}
