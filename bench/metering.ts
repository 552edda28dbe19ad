/**
 * DynamoDB consumed capacity, asked for without changing the product: a middleware on each
 * consumer's DynamoDB client (injected into the local stack through its meter hooks) adds
 * `ReturnConsumedCapacity: 'TOTAL'` to every data-plane command and adds
 * the `ConsumedCapacity` of each answer to a per-consumer total (`http`, `park`, `deadline`, …).
 *
 * DynamoDB Local's units match AWS's for single-item calls, Queries and Gets (GSI writes included
 * with TOTAL), but not for TransactWriteItems: version 1.25.1 reports 4 WRU for a transaction of
 * one 100-byte Put (AWS bills 2), and 4 WRU for four such Puts (AWS bills 8); its index units
 * follow the same pattern (probe of 2026-12-07, bench/README.md section 3). So a transaction's
 * write units are computed here the way AWS bills them (the developer guide, "Capacity unit
 * consumption for write operations" and "transactions"): for each item, 2 WRU per started KB of the
 * larger of the item before and after (a Delete or ConditionCheck: the item before; at least 2),
 * plus one standard write per started KB in `gsi1` for each index entry written or deleted
 * (a changed index key is a delete and a put; an unchanged item none). The sizes come from
 * consistent GetItems of every key just before and after the transaction, sent on the same client
 * but not metered.
 */
import {
  type AttributeValue,
  type ConsumedCapacity,
  type DynamoDBClient,
  GetItemCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

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

  /** Adds a transaction's units computed by the bench (see the file comment), not reported by DynamoDB Local. */
  recordComputed(consumer: string, units: { read: number; write: number }): void {
    this.#add(consumer, { ...units, ...oneCall('TransactWriteItemsCommand'), failedCalls: 0 });
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
const INDEX_KEYS = ['gsi1pk', 'gsi1sk'] as const;
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

const kbOf = (bytes: number) => Math.max(1, Math.ceil(bytes / KB));
const indexKeyOf = (item: RawItem | undefined) =>
  item !== undefined && INDEX_KEYS.every((k) => item[k]?.S !== undefined)
    ? INDEX_KEYS.map((k) => item[k]?.S).join('\u0000')
    : undefined;
const same = (a: RawItem | undefined, b: RawItem | undefined) =>
  JSON.stringify(a, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v)) ===
  JSON.stringify(b, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v));

/** The WRU AWS bills for one item of a transaction, given the item before and after. */
export function transactionItemUnits(
  kind: 'Put' | 'Update' | 'Delete' | 'ConditionCheck',
  before: RawItem | undefined,
  after: RawItem | undefined,
): { table: number; index: number } {
  const table =
    kind === 'Delete' || kind === 'ConditionCheck'
      ? 2 * kbOf(itemSize(before))
      : 2 * kbOf(Math.max(itemSize(before), itemSize(after)));
  if (kind === 'ConditionCheck') return { table, index: 0 };
  const from = indexKeyOf(before);
  const to = indexKeyOf(after);
  let index = 0;
  if (from !== undefined && to !== undefined && from === to)
    index = same(before, after) ? 0 : kbOf(itemSize(after));
  else {
    if (from !== undefined) index += kbOf(itemSize(before));
    if (to !== undefined) index += kbOf(itemSize(after));
  }
  return { table, index };
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

interface TransactionTarget {
  readonly kind: 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
  readonly table: string;
  readonly key: RawItem;
}

function targetsOf(items: readonly TransactWriteItem[]): TransactionTarget[] {
  return items.flatMap((item): TransactionTarget[] => {
    for (const kind of ['Put', 'Update', 'Delete', 'ConditionCheck'] as const) {
      const op = item[kind] as {
        TableName?: string;
        Item?: Record<string, unknown>;
        Key?: Record<string, unknown>;
      };
      if (op === undefined) continue;
      const full = raw(kind === 'Put' ? op.Item : op.Key) ?? {};
      const key: RawItem = {};
      for (const name of ['pk', 'sk']) if (full[name] !== undefined) key[name] = full[name] as AttributeValue;
      return [{ kind, table: op.TableName ?? '', key }];
    }
    return [];
  });
}

async function readItems(client: DynamoDBClient, targets: readonly TransactionTarget[]) {
  return Promise.all(
    targets.map(async (t) => {
      const input = { TableName: t.table, Key: t.key, ConsistentRead: true };
      OWN_CALLS.add(input);
      return (await client.send(new GetItemCommand(input))).Item;
    }),
  );
}

/**
 * Makes every data-plane call of `client` add its consumed capacity to `consumer` (the document
 * client built on it shares its middleware stack, so its commands are metered too).
 */
export function meterClient(client: DynamoDBClient, meter: CapacityMeter, consumer: string): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      if (OWN_CALLS.has(args.input as object)) return next(args);
      if (CALL_LOG) logCall(consumer, command, args.input as Record<string, unknown>);
      const metered = READS.has(command) || WRITES.has(command);
      if (metered) (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      try {
        if (command === 'TransactWriteItemsCommand') {
          const targets = targetsOf(
            (args.input as { TransactItems?: TransactWriteItem[] }).TransactItems ?? [],
          );
          const before = await readItems(client, targets);
          const result = await next(args);
          const after = await readItems(client, targets);
          let write = 0;
          targets.forEach((t, i) => {
            const units = transactionItemUnits(t.kind, before[i], after[i]);
            if (CALL_LOG)
              process.stderr.write(
                `[units] ${t.kind} ${t.key.sk?.S} ${itemSize(before[i])}→${itemSize(after[i])} B: ${units.table}+${units.index}\n`,
              );
            write += units.table + units.index;
          });
          meter.recordComputed(consumer, { read: 0, write });
          return result;
        }
        const result = await next(args);
        if (metered) {
          const output = result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] };
          meter.record(consumer, command, output.ConsumedCapacity, args.input as Record<string, unknown>);
        }
        return result;
      } catch (error) {
        if (metered) meter.recordFailure(consumer);
        throw error;
      }
    },
    { step: 'initialize', name: 'benchConsumedCapacity' },
  );
}
