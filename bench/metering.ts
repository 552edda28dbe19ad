/**
 * DynamoDB consumed capacity, asked for without changing the product: a middleware on each
 * consumer's DynamoDB client (injected into the local stack through its meter hooks) adds
 * `ReturnConsumedCapacity` to every data-plane command and adds its units to a per-consumer total
 * (`http`, `park`, `deadline`, …).
 *
 * Reads keep DynamoDB Local's figures, which follow AWS's rule. Writes are billed here, item by
 * item, as AWS bills them ({@link writeUnits}: table and each index, from the item before and
 * after the call and the index's projection), because DynamoDB Local 1.25.1 does not follow AWS's
 * rule for TransactWriteItems (probe of 2026-12-07, bench/README.md section 3: one Put of 100 bytes
 * → 4 WRU where AWS bills 2, four such Puts → 4 where AWS bills 8). The sizes come from consistent
 * GetItems of every key just before and after the write, sent on the same client but not metered.
 * Each item written is kept ({@link ItemWrite}), so the report can say where a route's units go.
 */
import {
  type AttributeValue,
  type ConsumedCapacity,
  type DynamoDBClient,
  GetItemCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { createTableInput, PARTITION_KEY, SORT_KEY } from '#shared/store/table.ts';

/** Request units as on-demand DynamoDB bills them (RRU, WRU), and the calls that used them. */
export interface Units {
  readonly read: number;
  readonly write: number;
  readonly calls: number;
  /** Of `calls`: the reads (GetItem, Query, Scan, BatchGetItem, TransactGetItems). */
  readonly readCalls: number;
  /**
   * Of `readCalls`: the Queries of a proposal's partition (`pk = PROPOSAL#<id>`), issue 15's "one
   * Query per request"; every other read (the meeting, the release calendar, a token) is the rest.
   */
  readonly proposalQueries: number;
  /** Of `calls`: the writes (single-item writes, batches and transactions). */
  readonly writeCalls: number;
  /** Of `writeCalls`: the TransactWriteItems. */
  readonly transactions: number;
  /** Calls that failed (e.g. a condition): AWS bills their units too, but the error carries none. */
  readonly failedCalls: number;
}

export const NO_UNITS: Units = {
  read: 0,
  write: 0,
  calls: 0,
  readCalls: 0,
  proposalQueries: 0,
  writeCalls: 0,
  transactions: 0,
  failedCalls: 0,
};

const READS = new Set([
  'GetItemCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetItemCommand',
  'TransactGetItemsCommand',
]);
const WRITES = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);

const combine = (a: Units, b: Units, sign: 1 | -1): Units => ({
  read: a.read + sign * b.read,
  write: a.write + sign * b.write,
  calls: a.calls + sign * b.calls,
  readCalls: a.readCalls + sign * b.readCalls,
  proposalQueries: a.proposalQueries + sign * b.proposalQueries,
  writeCalls: a.writeCalls + sign * b.writeCalls,
  transactions: a.transactions + sign * b.transactions,
  failedCalls: a.failedCalls + sign * b.failedCalls,
});

export const addUnits = (a: Units, b: Units): Units => combine(a, b, 1);

export const subtractUnits = (a: Units, b: Units): Units => combine(a, b, -1);

/** A proposal's partition key, marshalled (`{S: …}`, the low-level client) or not (the document client). */
const isProposalPk = (value: unknown): boolean => {
  const text = typeof value === 'object' && value !== null ? (value as { S?: unknown }).S : value;
  return typeof text === 'string' && text.startsWith('PROPOSAL#');
};

/** Whether a call is a Query of one proposal's partition on the table (not an index). */
export function isProposalQuery(command: string, input: Record<string, unknown> | undefined): boolean {
  if (command !== 'QueryCommand' || input === undefined || input.IndexName !== undefined) return false;
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  return Object.values(values).some(isProposalPk);
}

/** One successful call of `command`, counted by its kind. */
const oneCall = (command: string, input?: Record<string, unknown>) => ({
  calls: 1,
  readCalls: READS.has(command) ? 1 : 0,
  proposalQueries: isProposalQuery(command, input) ? 1 : 0,
  writeCalls: WRITES.has(command) ? 1 : 0,
  transactions: command === 'TransactWriteItemsCommand' ? 1 : 0,
});

/** Running totals of consumed capacity, by consumer. */
export class CapacityMeter {
  readonly #totals = new Map<string, Units>();
  readonly #items = new Map<string, ItemWrite[]>();

  /** Adds one answer's ConsumedCapacity (one entry, or one per table for batches and transactions). */
  record(
    consumer: string,
    command: string,
    consumed: ConsumedCapacity | ConsumedCapacity[] | undefined,
    /** The call's input, to tell a proposal's Query from other reads. */
    input?: Record<string, unknown>,
  ): void {
    let read = 0;
    let write = 0;
    for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
      if (entry.ReadCapacityUnits !== undefined || entry.WriteCapacityUnits !== undefined) {
        read += entry.ReadCapacityUnits ?? 0;
        write += entry.WriteCapacityUnits ?? 0;
      } else if (WRITES.has(command)) {
        write += entry.CapacityUnits ?? 0;
      } else {
        read += entry.CapacityUnits ?? 0;
      }
    }
    this.#add(consumer, { read, write, ...oneCall(command, input), failedCalls: 0 });
  }

  /** Adds a write call billed item by item by the bench (see {@link writeUnits}); its items are kept too. */
  recordWrite(consumer: string, command: string, items: readonly ItemWrite[]): void {
    const write = items.reduce((sum, i) => sum + i.table + i.index, 0);
    this.#add(consumer, { read: 0, write, ...oneCall(command), failedCalls: 0 });
    this.#items.set(consumer, [...this.items(consumer), ...items]);
  }

  /** Every item written by `consumer` so far, in order (slice it to see one request's). */
  items(consumer: string): readonly ItemWrite[] {
    return this.#items.get(consumer) ?? [];
  }

  recordFailure(consumer: string): void {
    this.#add(consumer, { ...NO_UNITS, failedCalls: 1 });
  }

  /** The total of one consumer so far. */
  units(consumer: string): Units {
    return this.#totals.get(consumer) ?? NO_UNITS;
  }

  /** Every consumer's total so far (a copy). */
  snapshot(): Map<string, Units> {
    return new Map(this.#totals);
  }

  /** What each consumer used since `before` (a {@link snapshot}). */
  since(before: ReadonlyMap<string, Units>): Map<string, Units> {
    const delta = new Map<string, Units>();
    for (const [consumer, total] of this.#totals) {
      const used = subtractUnits(total, before.get(consumer) ?? NO_UNITS);
      if (used.calls > 0 || used.failedCalls > 0) delta.set(consumer, used);
    }
    return delta;
  }

  #add(consumer: string, units: Units): void {
    this.#totals.set(consumer, addUnits(this.units(consumer), units));
  }
}

/** A KB as DynamoDB bills it. */
const KB = 1024;
type RawItem = Record<string, AttributeValue>;

/** The size of an attribute value as DynamoDB counts it (developer guide, "Item sizes"). */
function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S, 'utf8');
  if (value.N !== undefined) return Math.ceil(value.N.replace(/^[-+]|[.eE].*$/g, '').length / 2) + 1;
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.L !== undefined) return 3 + value.L.reduce((sum, v) => sum + 1 + valueSize(v), 0);
  if (value.M !== undefined) return 3 + itemSize(value.M) + Object.keys(value.M).length;
  if (value.SS !== undefined) return value.SS.reduce((sum, v) => sum + Buffer.byteLength(v, 'utf8'), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, v) => sum + v.length, 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, v) => sum + v.byteLength, 0);
  return 0;
}

/** The size of an item: its attribute names and values. */
export function itemSize(item: RawItem | undefined): number {
  if (item === undefined) return 0;
  return Object.entries(item).reduce(
    (sum, [name, v]) => sum + Buffer.byteLength(name, 'utf8') + valueSize(v),
    0,
  );
}

/** A global secondary index as the bench needs it: its key attributes and what it projects. */
export interface IndexShape {
  readonly name: string;
  readonly keys: readonly string[];
  /** `ALL`, `KEYS_ONLY`, or the non-key attributes of an `INCLUDE` projection. */
  readonly projection: 'ALL' | 'KEYS_ONLY' | readonly string[];
}

/** The table's indexes, read from the very CreateTable request the stacks use (shared/store/table.ts). */
export const TABLE_INDEXES: readonly IndexShape[] = (
  createTableInput('bench').GlobalSecondaryIndexes ?? []
).map((index) => ({
  name: index.IndexName ?? '',
  keys: (index.KeySchema ?? []).map((k) => k.AttributeName ?? ''),
  projection:
    index.Projection?.ProjectionType === 'INCLUDE'
      ? (index.Projection.NonKeyAttributes ?? [])
      : index.Projection?.ProjectionType === 'KEYS_ONLY'
        ? 'KEYS_ONLY'
        : 'ALL',
}));

const TABLE_KEYS = [PARTITION_KEY, SORT_KEY];

/** The entry `item` has in `index`: its table and index keys and the projected attributes; none when a key is missing (sparse). */
export function indexEntry(item: RawItem | undefined, index: IndexShape): RawItem | undefined {
  if (item === undefined || index.keys.some((k) => item[k] === undefined)) return undefined;
  if (index.projection === 'ALL') return item;
  const names = new Set([
    ...TABLE_KEYS,
    ...index.keys,
    ...(index.projection === 'KEYS_ONLY' ? [] : index.projection),
  ]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => names.has(name)));
}

const kbOf = (bytes: number) => Math.max(1, Math.ceil(bytes / KB));
const keyOf = (entry: RawItem, index: IndexShape) =>
  index.keys.map((k) => entry[k]?.S ?? entry[k]?.N).join('\u0000');
const canonical = (item: RawItem) =>
  JSON.stringify(
    Object.keys(item)
      .sort()
      .map((k) => [k, item[k]]),
    (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v),
  );

/** Write units of one index for one item write (see {@link writeUnits}). */
function indexUnits(before: RawItem | undefined, after: RawItem | undefined, index: IndexShape): number {
  const from = indexEntry(before, index);
  const to = indexEntry(after, index);
  if (from === undefined && to === undefined) return 0;
  if (from !== undefined && to !== undefined && keyOf(from, index) === keyOf(to, index))
    return canonical(from) === canonical(to) ? 0 : kbOf(itemSize(to));
  return (from === undefined ? 0 : kbOf(itemSize(from))) + (to === undefined ? 0 : kbOf(itemSize(to)));
}

export type WriteKind = 'Put' | 'Update' | 'Delete' | 'ConditionCheck';

/**
 * The WRU AWS bills for writing one item, given the item before and after (developer guide,
 * "Capacity unit consumption for write operations", "Capacity management for transactions" and
 * "Provisioned throughput considerations for global secondary indexes"; applied as follows):
 *
 * - table: 1 WRU per started KB of the larger of the item before and after (a Delete or a
 *   ConditionCheck: the item before; at least 1), twice that inside TransactWriteItems (prepare
 *   and commit). An UpdateItem is billed on the whole item, not on the attributes it changes. A
 *   ConditionCheck in a transaction is billed as a transactional write of the item it reads (as
 *   measured against DynamoDB in github.com/paritysuite/dynamodb-conformance, pull request 67).
 *   DynamoDB Local agrees with these rules for single writes and batches (`BENCH_CALL_LOG=1` prints
 *   its own table/gsi1 split beside ours: 281 of 282 writes of a walk agreed, the one apart a
 *   delete that raced the relay loop), not for transactions (see the file comment).
 * - each global secondary index, 1 WRU per started KB of the index entry (the projected
 *   attributes with the keys): a new entry 1 write; a changed index key a delete and a put (2
 *   writes); an entry whose key stays and whose projected attributes change 1 write; an entry
 *   whose projected attributes do not change (or an item in no index before and after) none; an
 *   entry removed (its key deleted, or the item) 1 write. Index writes are propagated after the
 *   commit and counted once, also for a transaction (the guide states no doubling for them).
 */
export function writeUnits(
  kind: WriteKind,
  before: RawItem | undefined,
  after: RawItem | undefined,
  options: { readonly transactional: boolean; readonly indexes?: readonly IndexShape[] },
): { table: number; index: number } {
  const size =
    kind === 'Delete' || kind === 'ConditionCheck'
      ? itemSize(before)
      : Math.max(itemSize(before), itemSize(after));
  const table = (options.transactional ? 2 : 1) * kbOf(size);
  if (kind === 'ConditionCheck') return { table, index: 0 };
  const index = (options.indexes ?? TABLE_INDEXES).reduce((sum, i) => sum + indexUnits(before, after, i), 0);
  return { table, index };
}

/** The WRU AWS bills for one item of a transaction, given the item before and after (see {@link writeUnits}). */
export function transactionItemUnits(
  kind: WriteKind,
  before: RawItem | undefined,
  after: RawItem | undefined,
): { table: number; index: number } {
  return writeUnits(kind, before, after, { transactional: true });
}

/** One item written by a call, as billed: which item, how big, its units in the table and the indexes. */
export interface ItemWrite {
  /** The item's kind: the first segment of its sort key, after its partition's kind when that is not a proposal's (e.g. `EVENT`, `MEETING EVENT`). */
  readonly item: string;
  readonly kind: WriteKind;
  readonly transactional: boolean;
  readonly bytes: number;
  readonly table: number;
  readonly index: number;
}

/** `PROPOSAL#p1` / `EVENT#0000000002` → `EVENT`; `MEETING#m1` / `EVENT#…` → `MEETING EVENT`. */
export function itemLabel(key: RawItem): string {
  const pk = String(key.pk?.S ?? '').split('#')[0] ?? '';
  const sk = String(key.sk?.S ?? '').split('#')[0] ?? '';
  return pk === 'PROPOSAL' || pk === sk ? sk : `${pk} ${sk}`;
}

/** `BENCH_CALL_LOG=1`: every metered call on stderr (consumer, command, keys), to find where a read or write comes from. */
const CALL_LOG = process.env.BENCH_CALL_LOG === '1';

function logCall(consumer: string, command: string, input: Record<string, unknown>): void {
  const keys = (value: unknown): string => {
    if (value === null || typeof value !== 'object') return '';
    const v = value as Record<string, unknown>;
    if (v.pk !== undefined) return `${JSON.stringify(v.pk)} ${JSON.stringify(v.sk)}`;
    return Object.entries(v)
      .filter(([k]) => ['Key', 'Item', 'Put', 'Update', 'Delete', 'ConditionCheck', 'Get'].includes(k))
      .map(([k, inner]) => `${k}(${keys(inner)})`)
      .join(' ');
  };
  const detail =
    (input.TransactItems as unknown[] | undefined)?.map(keys).join(' | ') ??
    (input.KeyConditionExpression ? JSON.stringify(input.ExpressionAttributeValues) : keys(input));
  process.stderr.write(`[call] ${consumer} ${command} ${detail}\n`);
}

/** Inputs the meter sends itself (its GetItems around a transaction): never metered. */
const OWN_CALLS = new WeakSet<object>();

/** The input as the low-level client sees it (the document client has marshalled it by then, or not yet). */
const raw = (value: Record<string, unknown> | undefined): RawItem | undefined => {
  if (value === undefined) return undefined;
  const looksMarshalled = Object.values(value).every(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1,
  );
  return looksMarshalled ? (value as RawItem) : marshall(value, { removeUndefinedValues: true });
};

interface WriteTarget {
  readonly kind: WriteKind;
  readonly table: string;
  readonly key: RawItem;
}

const keyOnly = (full: RawItem): RawItem => {
  const key: RawItem = {};
  for (const name of TABLE_KEYS) if (full[name] !== undefined) key[name] = full[name] as AttributeValue;
  return key;
};

function transactionTargets(items: readonly TransactWriteItem[]): WriteTarget[] {
  return items.flatMap((item): WriteTarget[] => {
    for (const kind of ['Put', 'Update', 'Delete', 'ConditionCheck'] as const) {
      const op = item[kind] as {
        TableName?: string;
        Item?: Record<string, unknown>;
        Key?: Record<string, unknown>;
      };
      if (op === undefined) continue;
      return [
        { kind, table: op.TableName ?? '', key: keyOnly(raw(kind === 'Put' ? op.Item : op.Key) ?? {}) },
      ];
    }
    return [];
  });
}

/** The items of a BatchWriteItem: each a standard (not transactional) Put or Delete. */
function batchTargets(input: Record<string, unknown>): WriteTarget[] {
  const tables = (input.RequestItems ?? {}) as Record<
    string,
    { PutRequest?: { Item?: Record<string, unknown> }; DeleteRequest?: { Key?: Record<string, unknown> } }[]
  >;
  return Object.entries(tables).flatMap(([table, requests]) =>
    requests.map((r): WriteTarget => {
      const kind = r.PutRequest ? 'Put' : 'Delete';
      return { kind, table, key: keyOnly(raw(r.PutRequest?.Item ?? r.DeleteRequest?.Key) ?? {}) };
    }),
  );
}

/** The one item a PutItem, UpdateItem or DeleteItem writes. */
function singleTarget(command: string, input: Record<string, unknown>): WriteTarget | undefined {
  const kind = ({ PutItemCommand: 'Put', UpdateItemCommand: 'Update', DeleteItemCommand: 'Delete' } as const)[
    command as 'PutItemCommand'
  ];
  if (kind === undefined) return undefined;
  const source = (kind === 'Put' ? input.Item : input.Key) as Record<string, unknown> | undefined;
  return { kind, table: String(input.TableName ?? ''), key: keyOnly(raw(source) ?? {}) };
}

async function readItems(client: DynamoDBClient, targets: readonly WriteTarget[]) {
  return Promise.all(
    targets.map(async (t) => {
      const input = { TableName: t.table, Key: t.key, ConsistentRead: true };
      OWN_CALLS.add(input);
      return (await client.send(new GetItemCommand(input))).Item;
    }),
  );
}

/** The items of one write call as billed (see {@link writeUnits}), from the items before and after it. */
function billedItems(
  targets: readonly WriteTarget[],
  before: readonly (RawItem | undefined)[],
  after: readonly (RawItem | undefined)[],
  transactional: boolean,
): ItemWrite[] {
  return targets.map((t, i) => {
    const units = writeUnits(t.kind, before[i], after[i], { transactional });
    const bytes =
      t.kind === 'Delete' || t.kind === 'ConditionCheck'
        ? itemSize(before[i])
        : Math.max(itemSize(before[i]), itemSize(after[i]));
    if (CALL_LOG)
      process.stderr.write(
        `[units] ${t.kind} ${t.key.sk?.S} ${itemSize(before[i])}→${itemSize(after[i])} B: ${units.table}+${units.index}\n`,
      );
    return { item: itemLabel(t.key), kind: t.kind, transactional, bytes, ...units };
  });
}

/**
 * Makes every data-plane call of `client` add its consumed capacity to `consumer` (the document
 * client built on it shares its middleware stack, so its commands are metered too). Reads keep
 * DynamoDB Local's figures; every write (a transaction, a single PutItem/UpdateItem/DeleteItem) is
 * billed by {@link writeUnits} from the items before and after it, and itemised.
 */
export function meterClient(client: DynamoDBClient, meter: CapacityMeter, consumer: string): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      if (OWN_CALLS.has(args.input as object)) return next(args);
      const input = args.input as Record<string, unknown>;
      if (CALL_LOG) logCall(consumer, command, input);
      const metered = READS.has(command) || WRITES.has(command);
      const transactional = command === 'TransactWriteItemsCommand';
      const single = singleTarget(command, input);
      // INDEXES on a single write shows DynamoDB Local's own split (table, gsi1) beside ours in the call log.
      if (metered) input.ReturnConsumedCapacity = single === undefined ? 'TOTAL' : 'INDEXES';
      const targets = transactional
        ? transactionTargets((input as { TransactItems?: TransactWriteItem[] }).TransactItems ?? [])
        : command === 'BatchWriteItemCommand'
          ? batchTargets(input)
          : single === undefined
            ? undefined
            : [single];
      try {
        const before = targets === undefined ? [] : await readItems(client, targets);
        const result = await next(args);
        const output = result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] };
        if (targets === undefined) {
          if (metered)
            meter.record(consumer, command, output.ConsumedCapacity, input as Record<string, unknown>);
          return result;
        }
        const after = await readItems(client, targets);
        const items = billedItems(targets, before, after, transactional);
        if (CALL_LOG && !transactional)
          process.stderr.write(`[local] ${command} reported ${JSON.stringify(output.ConsumedCapacity)}\n`);
        meter.recordWrite(consumer, command, items);
        return result;
      } catch (error) {
        if (metered) meter.recordFailure(consumer);
        throw error;
      }
    },
    { step: 'initialize', name: 'benchConsumedCapacity' },
  );
}
