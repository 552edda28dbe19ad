/**
 * DynamoDB consumed capacity, asked for without changing the product: a middleware on each
 * consumer's DynamoDB client (injected into the local stack through its meter hooks) adds
 * `ReturnConsumedCapacity: 'TOTAL'` to every data-plane command and adds
 * the `ConsumedCapacity` of each answer to a per-consumer total (`http`, `park`, `deadline`, …).
 * DynamoDB Local answers with the units AWS would bill (GSI writes included with TOTAL).
 */
import type { ConsumedCapacity, DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Request units as on-demand DynamoDB bills them (RRU, WRU), and the calls that used them. */
export interface Units {
  readonly read: number;
  readonly write: number;
  readonly calls: number;
  /** Calls that failed (e.g. a condition): AWS bills their units too, but the error carries none. */
  readonly failedCalls: number;
}

export const NO_UNITS: Units = { read: 0, write: 0, calls: 0, failedCalls: 0 };

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

export const addUnits = (a: Units, b: Units): Units => ({
  read: a.read + b.read,
  write: a.write + b.write,
  calls: a.calls + b.calls,
  failedCalls: a.failedCalls + b.failedCalls,
});

export const subtractUnits = (a: Units, b: Units): Units => ({
  read: a.read - b.read,
  write: a.write - b.write,
  calls: a.calls - b.calls,
  failedCalls: a.failedCalls - b.failedCalls,
});

/** Running totals of consumed capacity, by consumer. */
export class CapacityMeter {
  readonly #totals = new Map<string, Units>();

  /** Adds one answer's ConsumedCapacity (one entry, or one per table for batches and transactions). */
  record(
    consumer: string,
    command: string,
    consumed: ConsumedCapacity | ConsumedCapacity[] | undefined,
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
    this.#add(consumer, { read, write, calls: 1, failedCalls: 0 });
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

/**
 * Makes every data-plane call of `client` add its consumed capacity to `consumer` (the document
 * client built on it shares its middleware stack, so its commands are metered too).
 */
export function meterClient(client: DynamoDBClient, meter: CapacityMeter, consumer: string): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      const metered = READS.has(command) || WRITES.has(command);
      if (metered) (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      try {
        const result = await next(args);
        if (metered) {
          const output = result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] };
          meter.record(consumer, command, output.ConsumedCapacity);
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
