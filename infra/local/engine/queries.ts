// The paged reads behind ListExecutions and GetExecutionHistory. A `nextToken` is the position
// after the last item returned, encoded; Step Functions calls a bad one `InvalidToken`.
import { GSI1 } from '#shared/store/table.ts';
import { StepFunctionsApiError } from './errors.ts';
import { ENGINE_SK, executionPk, executionsPartition } from './keys.ts';
import type { ExecutionRecord, ExecutionStatus, HistoryEvent } from './model.ts';
import type { EngineStore } from './store.ts';
import { eventsOf, executionOf, type Item } from './store-items.ts';

function encode(value: string | number): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decode<T extends string | number>(
  token: string | undefined,
  type: 'string' | 'number',
): T | undefined {
  if (token === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof value === type) return value as T;
  } catch {
    // falls through to the refusal below
  }
  throw new StepFunctionsApiError('InvalidToken', `Invalid nextToken '${token}'`);
}

/** A page of results and the token of the next page, if there is one. */
export interface Paged<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

/** One page of a machine's executions in `statuses`, newest first (a merge of one Query per status). */
export async function listExecutionsPage(
  store: EngineStore,
  request: {
    stateMachineArn: string;
    statuses: readonly ExecutionStatus[];
    limit: number;
    nextToken?: string;
  },
): Promise<Paged<ExecutionRecord>> {
  const before = decode<string>(request.nextToken, 'string');
  const pages = await Promise.all(
    request.statuses.map((status) =>
      store.query({
        IndexName: GSI1.indexName,
        KeyConditionExpression: `#gpk = :gpk${before === undefined ? '' : ' AND #gsk < :before'}`,
        ExpressionAttributeNames: {
          '#gpk': GSI1.partitionKey,
          ...(before === undefined ? {} : { '#gsk': GSI1.sortKey }),
        },
        ExpressionAttributeValues: {
          ':gpk': executionsPartition(request.stateMachineArn, status),
          ...(before === undefined ? {} : { ':before': before }),
        },
        ScanIndexForward: false,
        Limit: request.limit,
      }),
    ),
  );
  const merged = pages.flatMap((page) => page.items).sort((a, b) => sortKey(b).localeCompare(sortKey(a)));
  const items = merged.slice(0, request.limit);
  const more = merged.length > request.limit || pages.some((page) => page.lastKey !== undefined);
  const last = items.at(-1);
  return {
    items: items.map(executionOf),
    ...(more && last !== undefined ? { nextToken: encode(sortKey(last)) } : {}),
  };
}

const sortKey = (item: Item): string => String(item[GSI1.sortKey]);

/**
 * One page of an execution's history, oldest first unless `reverse`. The events are stored a step
 * per item, so the page is cut from the whole history (read consistently); the token is the id of
 * the last event returned.
 */
export async function historyPage(
  store: EngineStore,
  request: { executionArn: string; reverse: boolean; limit: number; nextToken?: string },
): Promise<Paged<HistoryEvent>> {
  const after = decode<number>(request.nextToken, 'number');
  // The execution item first: a step that flushes its buffer meanwhile then shows up in the
  // events items too, and the ids merge the two; read the other way round, it could be missed.
  const execution = await store.getExecution(request.executionArn);
  const items = await store.queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': executionPk(request.executionArn), ':prefix': ENGINE_SK.events },
    ConsistentRead: true,
  });
  const byId = new Map<number, HistoryEvent>();
  for (const event of [...items.flatMap(eventsOf), ...(execution?.bufferedEvents ?? [])])
    byId.set(event.id, event);
  const all = [...byId.values()].sort((a, b) => a.id - b.id);
  if (request.reverse) all.reverse();
  const start = after === undefined ? 0 : all.findIndex((event) => event.id === after) + 1;
  const events = all.slice(start, start + request.limit);
  const last = events.at(-1);
  return {
    items: events,
    ...(start + request.limit < all.length && last !== undefined ? { nextToken: encode(last.id) } : {}),
  };
}

/** The RUNNING executions of a machine (at start, to resume what a stop or crash interrupted). */
export async function runningExecutions(
  store: EngineStore,
  stateMachineArn: string,
): Promise<ExecutionRecord[]> {
  const items = await store.queryAll({
    IndexName: GSI1.indexName,
    KeyConditionExpression: '#gpk = :gpk',
    ExpressionAttributeNames: { '#gpk': GSI1.partitionKey },
    ExpressionAttributeValues: { ':gpk': executionsPartition(stateMachineArn, 'RUNNING') },
  });
  return items.map(executionOf);
}
