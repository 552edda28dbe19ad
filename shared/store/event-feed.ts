// The feed of every proposal's audit events (gsi1 `EVENTS`, in time order): what GET /events and
// the webhook deliveries read. One Query per page, from a position on.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { FeedPage, MeetingEvent } from '#shared/ports/integrations.ts';
import type { AuditEvent } from '#shared/ports/store.ts';
import type { StoreContext } from './context.ts';
import { recordOf } from './items.ts';
import { GSI1_PARTITION } from './keys.ts';
import { GSI1 } from './table.ts';

/** Entries after `after` up to `until` (inclusive), oldest first. */
export async function readFeed(
  ctx: StoreContext,
  options: { readonly after?: string; readonly until: string; readonly limit: number },
): Promise<FeedPage> {
  // A key condition takes no empty string: every position starts with a year, after '0'.
  const after = options.after ?? '0';
  if (after >= options.until) return { entries: [] };
  const result = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      IndexName: GSI1.indexName,
      KeyConditionExpression: '#gpk = :gpk AND #gsk > :after',
      ExpressionAttributeNames: { '#gpk': GSI1.partitionKey, '#gsk': GSI1.sortKey },
      ExpressionAttributeValues: { ':gpk': GSI1_PARTITION.events, ':after': after },
      Limit: options.limit,
    }),
  );
  // In position order: what lies beyond `until` (too young) is left for a later read.
  const entries = (result.Items ?? [])
    .map((item) => ({
      position: String(item[GSI1.sortKey]),
      event: recordOf<AuditEvent | MeetingEvent>(item),
    }))
    .filter((entry) => entry.position <= options.until);
  const last = entries.at(-1)?.position;
  return last === undefined ? { entries } : { entries, last };
}
