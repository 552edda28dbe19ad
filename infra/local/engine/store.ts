// The engine's DynamoDB adapter, in the project's single table under `ENGINE#…` partitions of
// their own (README.md has the items and access patterns). JSON documents (inputs, positions)
// are stored as JSON text, DynamoDB maps cannot hold every JSON value as it is; events as their
// JSON text deflated (binary), which is a ninth of the bytes.
//
// A step is ONE atomic write conditional on the revision it started from, so two instances, or a
// retry after a crash, never both apply it: a single conditional PutItem of the execution item,
// whose position holds its timer and whose buffer holds its latest events. When the step arms a
// timer, or the buffer is full, it is a transaction that also writes the events into an
// `EVENTS#` item (DynamoDB Local runs a PutItem about four times faster than a transaction).
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { InvalidToken } from '@aws-sdk/client-sfn';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { queryGsi1, queryPartition } from '#shared/store/context.ts';
import { type Item, recordOf, withoutUndefined } from '#shared/store/items.ts';
import { pad } from '#shared/store/keys.ts';
import { GSI1 } from '#shared/store/table.ts';
import { cancellationReasons, type TransactItem, transactWrite } from '#shared/store/transactions.ts';
import { refusal } from './errors.ts';
import {
  type ExecutionRecord,
  type ExecutionStatus,
  type HistoryEvent,
  type Plan,
  timersOf,
} from './model.ts';
import { Limiter } from './timers.ts';

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
const definitionKey = (id: string) => ({ pk: `ENGINE#DEFINITION#${id}`, sk: 'DEFINITION' });

/** The execution item; `buffer` is its buffered events as JSON text, if it keeps any. */
function executionItem(record: ExecutionRecord, buffer: Uint8Array | undefined): Item {
  const { position, bufferedEvents: _, ...rest } = record;
  return withoutUndefined({
    ...executionKey(record.executionArn),
    gsi1pk: executionsPartition(record.stateMachineArn, record.status),
    gsi1sk: `${iso(record.startDate)}#${record.name}`,
    ...rest,
    position: position && JSON.stringify(position),
    bufferedEvents: buffer,
  });
}

function executionOf(item: Item): ExecutionRecord {
  const { position, bufferedEvents, ...rest } = recordOf<Item>(item);
  return {
    ...(rest as unknown as ExecutionRecord),
    ...(typeof position === 'string' ? { position: JSON.parse(position) } : {}),
    ...(bufferedEvents === undefined ? {} : { bufferedEvents: unpackEvents(bufferedEvents) }),
  };
}

/**
 * Events as stored: their JSON deflated (a fired deadline's dozen events repeat the state's input
 * and output, 16 KB of text that deflate to under 2 KB, which DynamoDB Local and the SDK then
 * carry instead). An item stored as JSON text by an older engine is read as it is.
 */
function packEvents(text: string): Uint8Array {
  return deflateRawSync(text, { level: 1 });
}

function unpackEvents(stored: unknown): HistoryEvent[] {
  const text = stored instanceof Uint8Array ? inflateRawSync(stored).toString('utf8') : String(stored);
  return JSON.parse(text) as HistoryEvent[];
}

/** A step's write was refused: the execution moved on meanwhile, or (a start) already exists. */
export class ExecutionConflictError extends Error {
  override readonly name = 'ExecutionConflictError';
}

/**
 * A page of results and the token of the next page, if there is one: the last sort key (a list)
 * or event id (a history) returned, as it is (the SDK passes tokens on without reading them).
 */
export interface Paged<T> {
  readonly items: readonly T[];
  readonly nextToken: string | undefined;
}

/** Reads and writes the engine's items. */
export class EngineStore {
  /** Every request goes through it: at most MAX_REQUESTS_IN_FLIGHT at once, the others in arrival order. */
  readonly #requests = new Limiter(MAX_REQUESTS_IN_FLIGHT);

  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  /**
   * Writes a step (see the top of this file); returns the execution as stored.
   * @throws ExecutionConflictError when the execution's condition failed; nothing was written then
   */
  async commit(plan: Plan): Promise<ExecutionRecord> {
    const { before, after } = plan;
    const events = [...(before?.bufferedEvents ?? []), ...plan.events];
    const { bufferedEvents: _, ...bare } = after;
    const text = JSON.stringify(events);
    // A step that arms a timer starts a wait (a park, most often a long one): its events are
    // flushed then, so that the step that ends the wait (a fired deadline) writes a small item.
    const buffered =
      timersOf(plan).armed === undefined &&
      events.length <= BUFFER_MAX_EVENTS &&
      text.length <= BUFFER_MAX_BYTES;
    const record: ExecutionRecord = buffered ? { ...bare, bufferedEvents: events } : bare;
    const packed = packEvents(text);
    const Item = executionItem(record, buffered && events.length > 0 ? packed : undefined);
    const execution = {
      TableName: this.tableName,
      Item,
      ...(before === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: '#revision = :revision',
            ExpressionAttributeNames: { '#revision': 'revision' },
            ExpressionAttributeValues: { ':revision': before.revision },
          }),
    };
    try {
      if (buffered) await this.#requests.run(() => this.client.send(new PutCommand(execution)));
      else {
        const firstId = events[0]?.id ?? 0;
        const key = { pk: executionPk(after.executionArn), sk: `EVENTS#${pad(firstId, 10)}` };
        const flush: TransactItem = {
          Put: { Item: { ...key, firstId, count: events.length, events: packed } },
        };
        await this.#requests.run(() =>
          transactWrite(this.client, this.tableName, [{ Put: execution }, flush]),
        );
      }
    } catch (error) {
      const refused =
        error instanceof ConditionalCheckFailedException ||
        cancellationReasons(error)?.some((reason) => reason.Code === 'ConditionalCheckFailed');
      if (refused) throw new ExecutionConflictError(`execution ${after.executionArn} changed meanwhile`);
      throw error;
    }
    return record;
  }

  async #get(key: Item): Promise<Item | undefined> {
    const got = await this.#requests.run(() =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true })),
    );
    return got.Item;
  }

  async getExecution(executionArn: string): Promise<ExecutionRecord | undefined> {
    const item = await this.#get(executionKey(executionArn));
    return item && executionOf(item);
  }

  /** Stores a definition text under its content hash (immutable, so a plain Put is idempotent). */
  async putDefinition(definitionId: string, text: string): Promise<void> {
    const Item = { ...definitionKey(definitionId), definitionId, text };
    await this.#requests.run(() => this.client.send(new PutCommand({ TableName: this.tableName, Item })));
  }

  async getDefinition(definitionId: string): Promise<string | undefined> {
    const item = await this.#get(definitionKey(definitionId));
    return item === undefined ? undefined : String(item.text);
  }

  /**
   * The RUNNING executions of a machine (at start, to resume what a stop or crash interrupted).
   * @throws Error for one stored before its timer moved into its position (a `.data` dir of
   * 2026-12-07 15:00 UTC or older): the local stack's data is then to be deleted
   */
  async runningExecutions(stateMachineArn: string): Promise<ExecutionRecord[]> {
    const partition = executionsPartition(stateMachineArn, 'RUNNING');
    const items = await this.#requests.run(() => queryGsi1(this, partition));
    const records = items.map(executionOf);
    const old = records.find((record) => typeof record.position?.timer === 'string');
    if (old !== undefined)
      throw new Error(
        `execution ${old.executionArn} was stored by an older local engine, which kept its timer apart: ` +
          'delete the local data (.data, or the DATA_DIR you gave npm start) and start again',
      );
    return records;
  }

  /**
   * One page of a machine's executions in `statuses`, newest first: a merge of one gsi1 Query per
   * status, each of the `limit` newest below the last sort key of the page before.
   */
  async listExecutions(
    stateMachineArn: string,
    statuses: readonly ExecutionStatus[],
    limit: number,
    before = '~', // the first page: every sort key (`<ISO start date>#<name>`) is below '~'
  ): Promise<Paged<ExecutionRecord>> {
    const query = (status: ExecutionStatus) =>
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI1.indexName,
        KeyConditionExpression: '#gpk = :gpk AND #gsk < :before',
        ExpressionAttributeNames: { '#gpk': GSI1.partitionKey, '#gsk': GSI1.sortKey },
        ExpressionAttributeValues: {
          ':gpk': executionsPartition(stateMachineArn, status),
          ':before': before,
        },
        ScanIndexForward: false,
        Limit: limit,
      });
    const pages = await Promise.all(
      statuses.map((status) => this.#requests.run(() => this.client.send(query(status)))),
    );
    const sortKey = (item: Item) => String(item[GSI1.sortKey]);
    const merged = pages
      .flatMap((page) => page.Items ?? [])
      .sort((a, b) => sortKey(b).localeCompare(sortKey(a)));
    const items = merged.slice(0, limit);
    const last = items.at(-1);
    const more = merged.length > limit || pages.some((page) => page.LastEvaluatedKey !== undefined);
    return { items: items.map(executionOf), nextToken: more && last ? sortKey(last) : undefined };
  }

  /**
   * One page of an execution's history, oldest first, cut from the whole history (read
   * consistently).
   */
  async history(execution: ExecutionRecord, limit: number, nextToken?: string): Promise<Paged<HistoryEvent>> {
    const after = Number(nextToken ?? 0);
    if (!Number.isInteger(after)) throw refusal(InvalidToken, `Invalid nextToken '${nextToken}'`);
    // The execution item read first (by the caller): a step that flushes its buffer meanwhile then
    // shows up in the events items too, and the ids merge the two; the other way round, it could be missed.
    const items = await this.#requests.run(() =>
      queryPartition(this, executionPk(execution.executionArn), { prefix: 'EVENTS#', consistent: true }),
    );
    const byId = new Map<number, HistoryEvent>();
    const stored = items.flatMap((item) => unpackEvents(item.events));
    for (const event of [...stored, ...(execution.bufferedEvents ?? [])]) byId.set(event.id, event);
    const later = [...byId.values()].filter((event) => event.id > after).sort((a, b) => a.id - b.id);
    const events = later.slice(0, limit);
    return { items: events, nextToken: later.length > limit ? String(events.at(-1)?.id) : undefined };
  }
}
