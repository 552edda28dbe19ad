// The engine's DynamoDB adapter, in the project's single table under `ENGINE#…` partitions of
// their own (README.md has the items and access patterns). JSON documents (inputs, positions,
// events) are stored as JSON text: DynamoDB maps cannot hold every JSON value as it is.
//
// A step is ONE atomic write conditional on the revision it started from, so two instances, or a
// retry after a crash, never both apply it: the execution item with the timers the step arms (and
// its events). When it arms nothing, that is a single conditional PutItem whose events go into the
// execution item's buffer, flushed into an `EVENTS#` item by the next step that needs a
// transaction anyway (DynamoDB Local runs a PutItem about four times faster than a transaction).
// Deleting the timers a step cancelled follows the commit, batched: the position is the arbiter,
// so a leftover timer fires into nothing and is deleted then.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { pad } from '#shared/store/keys.ts';
import { GSI1 } from '#shared/store/table.ts';
import { cancellationReasons, type TransactItem, transactWrite } from '#shared/store/transactions.ts';
import { StepFunctionsApiError } from './errors.ts';
import type { ExecutionRecord, ExecutionStatus, HistoryEvent, Plan, TimerRecord } from './model.ts';

type Item = Record<string, unknown>;

/** Below the SDK's default of 50 sockets, so requests wait here rather than in its pool. */
const MAX_REQUESTS_IN_FLIGHT = 40;
/** Events kept in the execution item at most, by count and by JSON size. */
const BUFFER_MAX_EVENTS = 50;
const BUFFER_MAX_BYTES = 64 * 1024;

const iso = (epochMs: number): string => new Date(epochMs).toISOString();
const executionPk = (arn: string) => `ENGINE#EXECUTION#${arn}`;
const executionKey = (arn: string) => ({ pk: executionPk(arn), sk: 'EXECUTION' });
const executionsPartition = (machineArn: string, status: ExecutionStatus) =>
  `ENGINE#EXECUTIONS#${machineArn}#${status}`;
const timerKey = (arn: string, id: string) => ({ pk: executionPk(arn), sk: `TIMER#${id}` });
const definitionKey = (id: string) => ({ pk: `ENGINE#DEFINITION#${id}`, sk: 'DEFINITION' });
const TIMERS = 'ENGINE#TIMERS';

/** The document client refuses `undefined` values: drop them. */
const defined = (item: Item): Item =>
  Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined));

function executionItem(record: ExecutionRecord): Item {
  const { position, bufferedEvents, ...rest } = record;
  return defined({
    ...executionKey(record.executionArn),
    gsi1pk: executionsPartition(record.stateMachineArn, record.status),
    gsi1sk: `${iso(record.startDate)}#${record.name}`,
    ...rest,
    position: position && JSON.stringify(position),
    bufferedEvents: bufferedEvents?.length ? JSON.stringify(bufferedEvents) : undefined,
  });
}

function executionOf(item: Item): ExecutionRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, position, bufferedEvents, ...rest } = item;
  return {
    ...(rest as unknown as ExecutionRecord),
    ...(typeof position === 'string' ? { position: JSON.parse(position) } : {}),
    ...(typeof bufferedEvents === 'string' ? { bufferedEvents: JSON.parse(bufferedEvents) } : {}),
  };
}

const timerItem = (t: TimerRecord): Item => ({
  ...timerKey(t.executionArn, t.id),
  gsi1pk: TIMERS,
  gsi1sk: `${iso(t.due)}#${t.id}`,
  ...t,
});
const timerOf = (item: Item): TimerRecord => ({
  id: String(item.id),
  executionArn: String(item.executionArn),
  due: Number(item.due),
  kind: item.kind as TimerRecord['kind'],
});

/** A step's write was refused: the execution moved on meanwhile, or (a start) already exists. */
export class ExecutionConflictError extends Error {
  override readonly name = 'ExecutionConflictError';
}

/** A Step Functions `nextToken`: the position after the last item returned, encoded. */
const encode = (value: string | number) => Buffer.from(JSON.stringify(value)).toString('base64url');
function decode(token: string | undefined, type: 'string' | 'number'): string | number | undefined {
  if (token === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof value === type) return value as string | number;
  } catch {
    // refused below
  }
  throw new StepFunctionsApiError('InvalidToken', `Invalid nextToken '${token}'`);
}

/** A page of results and the token of the next page, if there is one. */
export interface Paged<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

/** Reads and writes the engine's items. */
export class EngineStore {
  #running = 0;
  readonly #waiting: (() => void)[] = [];
  #cleanup: Item[] = [];
  #draining: Promise<void> | undefined;

  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  /** Runs at most MAX_REQUESTS_IN_FLIGHT requests at once, the others in arrival order. */
  async #send<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#running >= MAX_REQUESTS_IN_FLIGHT)
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#running++;
    try {
      return await fn();
    } finally {
      this.#running--;
      this.#waiting.shift()?.();
    }
  }

  /**
   * Writes a step (see the top of this file); returns the execution as stored.
   * @throws ExecutionConflictError when the execution's condition failed; nothing was written then
   */
  async commit(plan: Plan): Promise<ExecutionRecord> {
    const { before, after } = plan;
    const events = [...(before?.bufferedEvents ?? []), ...plan.events];
    const { bufferedEvents: _, ...bare } = after;
    const buffered =
      plan.timersArmed.length === 0 &&
      events.length <= BUFFER_MAX_EVENTS &&
      JSON.stringify(events).length <= BUFFER_MAX_BYTES;
    const record: ExecutionRecord = buffered ? { ...bare, bufferedEvents: events } : bare;
    const execution = {
      TableName: this.tableName,
      Item: executionItem(record),
      ...(before === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: '#revision = :revision',
            ExpressionAttributeNames: { '#revision': 'revision' },
            ExpressionAttributeValues: { ':revision': before.revision },
          }),
    };
    const more: TransactItem[] = plan.timersArmed.map((timer) => ({ Put: { Item: timerItem(timer) } }));
    if (!buffered && events.length > 0) {
      const firstId = events[0]?.id ?? 0;
      const key = { pk: executionPk(after.executionArn), sk: `EVENTS#${pad(firstId, 10)}` };
      more.push({ Put: { Item: { ...key, firstId, count: events.length, events: JSON.stringify(events) } } });
    }
    try {
      if (more.length === 0) await this.#send(() => this.client.send(new PutCommand(execution)));
      else await this.#send(() => transactWrite(this.client, this.tableName, [{ Put: execution }, ...more]));
    } catch (error) {
      const refused =
        error instanceof ConditionalCheckFailedException ||
        cancellationReasons(error)?.some((reason) => reason.Code === 'ConditionalCheckFailed');
      if (refused) throw new ExecutionConflictError(`execution ${after.executionArn} changed meanwhile`);
      throw error;
    }
    for (const id of plan.timersCancelled) this.#cleanup.push(timerKey(after.executionArn, id));
    if (this.#cleanup.length > 0 && this.#draining === undefined) this.#draining = this.#drain();
    return record;
  }

  /** Resolves when the cleanup queued so far is written (or given up on: it is only tidying). */
  async flush(): Promise<void> {
    await this.#draining;
  }

  /** Deletes cancelled timers in BatchWriteItem requests of 25 (idempotent, so simply retried). */
  async #drain(): Promise<void> {
    // Let the steps running now add theirs before the first batch goes out.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#cleanup.length > 0) {
      const batches = Array.from({ length: 4 }, () => this.#cleanup.splice(0, 25)).filter(
        (b) => b.length > 0,
      );
      await Promise.all(
        batches.map(async (keys) => {
          let pending: unknown[] = keys.map((Key) => ({ DeleteRequest: { Key } }));
          for (let attempt = 0; pending.length > 0 && attempt < 5; attempt++) {
            const request = { RequestItems: { [this.tableName]: pending } } as never;
            const { UnprocessedItems } = await this.#send(() =>
              this.client.send(new BatchWriteCommand(request)),
            );
            pending = UnprocessedItems?.[this.tableName] ?? [];
          }
        }),
      ).catch((error) => console.error('local engine: cleanup failed', error));
    }
    this.#draining = undefined;
  }

  async #query(input: Omit<QueryCommandInput, 'TableName'>): Promise<{ items: Item[]; lastKey?: Item }> {
    const page = await this.#send(() =>
      this.client.send(new QueryCommand({ ...input, TableName: this.tableName })),
    );
    return { items: page.Items ?? [], ...(page.LastEvaluatedKey && { lastKey: page.LastEvaluatedKey }) };
  }

  /** Every item of a Query, through all pages. */
  async #queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const page = await this.#query({ ...input, ...(start && { ExclusiveStartKey: start }) });
      items.push(...page.items);
      start = page.lastKey;
    } while (start !== undefined);
    return items;
  }

  /** A gsi1 Query of partition `gpk`, optionally with `gsi1sk < below`. */
  #byGsi1(gpk: string, below?: string): Omit<QueryCommandInput, 'TableName'> {
    return {
      IndexName: GSI1.indexName,
      KeyConditionExpression: `#gpk = :gpk${below === undefined ? '' : ' AND #gsk < :below'}`,
      ExpressionAttributeNames: {
        '#gpk': GSI1.partitionKey,
        ...(below !== undefined && { '#gsk': GSI1.sortKey }),
      },
      ExpressionAttributeValues: { ':gpk': gpk, ...(below !== undefined && { ':below': below }) },
    };
  }

  async #get(key: Item): Promise<Item | undefined> {
    const got = await this.#send(() =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true })),
    );
    return got.Item;
  }

  async getExecution(executionArn: string): Promise<ExecutionRecord | undefined> {
    const item = await this.#get(executionKey(executionArn));
    return item && executionOf(item);
  }

  /** Pending timers, soonest first (gsi1, eventually consistent): those due at or before `now`, or all. */
  async timers(now?: number): Promise<TimerRecord[]> {
    // `$` sorts right after `#`: every timer due at `now` (`<now>#<id>`) is below the bound.
    return (await this.#queryAll(this.#byGsi1(TIMERS, now === undefined ? undefined : `${iso(now)}$`))).map(
      timerOf,
    );
  }

  /** Removes a timer that no position refers to any more (left over after a crash). */
  async deleteStaleTimer(timer: TimerRecord): Promise<void> {
    await this.#send(() =>
      this.client.send(
        new DeleteCommand({ TableName: this.tableName, Key: timerKey(timer.executionArn, timer.id) }),
      ),
    );
  }

  /** Stores a definition text under its content hash (immutable, so a plain Put is idempotent). */
  async putDefinition(definitionId: string, text: string): Promise<void> {
    const Item = { ...definitionKey(definitionId), definitionId, text };
    await this.#send(() => this.client.send(new PutCommand({ TableName: this.tableName, Item })));
  }

  async getDefinition(definitionId: string): Promise<string | undefined> {
    const item = await this.#get(definitionKey(definitionId));
    return item === undefined ? undefined : String(item.text);
  }

  /** The RUNNING executions of a machine (at start, to resume what a stop or crash interrupted). */
  async runningExecutions(stateMachineArn: string): Promise<ExecutionRecord[]> {
    return (await this.#queryAll(this.#byGsi1(executionsPartition(stateMachineArn, 'RUNNING')))).map(
      executionOf,
    );
  }

  /** One page of a machine's executions in `statuses`, newest first (a merge of one Query per status). */
  async listExecutions(request: {
    stateMachineArn: string;
    statuses: readonly ExecutionStatus[];
    limit: number;
    nextToken?: string;
  }): Promise<Paged<ExecutionRecord>> {
    const before = decode(request.nextToken, 'string') as string | undefined;
    const pages = await Promise.all(
      request.statuses.map((status) =>
        this.#query({
          ...this.#byGsi1(executionsPartition(request.stateMachineArn, status), before),
          ScanIndexForward: false,
          Limit: request.limit,
        }),
      ),
    );
    const sortKey = (item: Item) => String(item[GSI1.sortKey]);
    const merged = pages.flatMap((page) => page.items).sort((a, b) => sortKey(b).localeCompare(sortKey(a)));
    const items = merged.slice(0, request.limit);
    const last = items.at(-1);
    const more = merged.length > request.limit || pages.some((page) => page.lastKey !== undefined);
    return { items: items.map(executionOf), ...(more && last && { nextToken: encode(sortKey(last)) }) };
  }

  /**
   * One page of an execution's history, oldest first unless `reverse`, cut from the whole history
   * (read consistently); the token is the id of the last event returned.
   */
  async history(request: {
    executionArn: string;
    reverse: boolean;
    limit: number;
    nextToken?: string;
  }): Promise<Paged<HistoryEvent>> {
    const after = decode(request.nextToken, 'number');
    // The execution item first: a step that flushes its buffer meanwhile then shows up in the
    // events items too, and the ids merge the two; read the other way round, it could be missed.
    const execution = await this.getExecution(request.executionArn);
    const items = await this.#queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': executionPk(request.executionArn), ':prefix': 'EVENTS#' },
      ConsistentRead: true,
    });
    const byId = new Map<number, HistoryEvent>();
    const stored = items.flatMap((item) => JSON.parse(String(item.events)) as HistoryEvent[]);
    for (const event of [...stored, ...(execution?.bufferedEvents ?? [])]) byId.set(event.id, event);
    const all = [...byId.values()].sort((a, b) => (request.reverse ? b.id - a.id : a.id - b.id));
    const start = after === undefined ? 0 : all.findIndex((event) => event.id === after) + 1;
    const events = all.slice(start, start + request.limit);
    const last = events.at(-1);
    return {
      items: events,
      ...(start + request.limit < all.length && last && { nextToken: encode(last.id) }),
    };
  }
}
