// The single table's definition: one source of truth for its keys, indexes and TTL attribute.
// The CDK data stack imports these constants, the local stack and the tests call ensureTable().
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  ResourceInUseException,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { backfillLists } from './backfill.ts';
import { DECISION_FIELDS, LISTED_FIELDS } from './items.ts';

/** Partition key attribute of the table (string). */
export const PARTITION_KEY = 'pk';
/** Sort key attribute of the table (string). */
export const SORT_KEY = 'sk';

/** The general global secondary index: string keys, all attributes projected (its items are small). */
export const GSI1 = {
  indexName: 'gsi1',
  partitionKey: 'gsi1pk',
  sortKey: 'gsi1sk',
  projection: 'ALL',
} as const;

/**
 * The lists of issue 16: the proposals (`PROPOSALS`, the proposal items themselves) and the decision
 * register (`DECISIONS`, the register entries). It projects only the fields the lists show
 * ({@link LISTED_FIELDS}, {@link DECISION_FIELDS}), never the snapshot, the description or the
 * entry's deadline. So a list page reads small entries, a transition writes no list item of its
 * own (only the index entry: 1 WRU, 2 when the phase moves its key), and a change of the deadline
 * leaves the decision's entry as it is.
 */
export const GSI2 = {
  indexName: 'gsi2',
  partitionKey: 'gsi2pk',
  sortKey: 'gsi2sk',
  projection: 'INCLUDE',
  nonKeyAttributes: [...new Set([...LISTED_FIELDS, ...DECISION_FIELDS])],
} as const;

/**
 * The local stack's list of undelivered signals (DESIGN 3.2): sparse keys on the audit event that
 * carries a signal, written only by a store with `listSignals` (the local composition, whose
 * polling relay loop reads it) and removed when the signal is delivered. Only tables the local
 * stack and the tests create have it: the cloud's data stack does not define it, since the cloud's
 * relay reads the table's stream and nothing there writes these keys.
 */
export const SIGNALS_INDEX = {
  indexName: 'signals',
  partitionKey: 'signalpk',
  sortKey: 'signalsk',
  projection: 'ALL',
} as const;

/** Items carrying this attribute (epoch seconds) expire (idempotency records). DynamoDB Local never expires them. */
export const TTL_ATTRIBUTE = 'expiresAt';

/** On-demand capacity: the load is a few requests a day with bursts around meetings. */
export const BILLING_MODE = 'PAY_PER_REQUEST';

/** The table's global secondary indexes as the cloud's data stack defines them, as CreateTable (and UpdateTable) take them. */
const CLOUD_INDEXES: readonly GlobalSecondaryIndex[] = [
  {
    IndexName: GSI1.indexName,
    KeySchema: [
      { AttributeName: GSI1.partitionKey, KeyType: 'HASH' },
      { AttributeName: GSI1.sortKey, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: GSI1.projection },
  },
  {
    IndexName: GSI2.indexName,
    KeySchema: [
      { AttributeName: GSI2.partitionKey, KeyType: 'HASH' },
      { AttributeName: GSI2.sortKey, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: GSI2.projection, NonKeyAttributes: [...GSI2.nonKeyAttributes] },
  },
];

/** {@link SIGNALS_INDEX} as CreateTable takes it: the local stack's and the tests' tables only. */
const LOCAL_SIGNALS_INDEX: GlobalSecondaryIndex = {
  IndexName: SIGNALS_INDEX.indexName,
  KeySchema: [
    { AttributeName: SIGNALS_INDEX.partitionKey, KeyType: 'HASH' },
    { AttributeName: SIGNALS_INDEX.sortKey, KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: SIGNALS_INDEX.projection },
};

/** The indexes of a table with or without {@link SIGNALS_INDEX}. */
const indexesOf = (signalsIndex: boolean): readonly GlobalSecondaryIndex[] =>
  signalsIndex ? [...CLOUD_INDEXES, LOCAL_SIGNALS_INDEX] : CLOUD_INDEXES;

const keyNamesOf = (index: GlobalSecondaryIndex): string[] =>
  (index.KeySchema ?? []).map((key) => key.AttributeName ?? '');

const attributeDefinitions = (names: readonly string[]) =>
  names.map((name) => ({ AttributeName: name, AttributeType: 'S' as const }));

/**
 * The CreateTable request for the single table, as the local stack and the tests create it.
 * `signalsIndex: false` leaves out {@link SIGNALS_INDEX}: the table as the cloud's data stack
 * defines it (@default true).
 */
export function createTableInput(
  tableName: string,
  options: { readonly signalsIndex?: boolean } = {},
): CreateTableCommandInput {
  const indexes = indexesOf(options.signalsIndex !== false);
  return {
    TableName: tableName,
    BillingMode: BILLING_MODE,
    AttributeDefinitions: attributeDefinitions([PARTITION_KEY, SORT_KEY, ...indexes.flatMap(keyNamesOf)]),
    KeySchema: [
      { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
      { AttributeName: SORT_KEY, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: indexes.map((index) => ({
      ...index,
      KeySchema: index.KeySchema?.map((key) => ({ ...key })),
      Projection: {
        ...index.Projection,
        ...(index.Projection?.NonKeyAttributes
          ? { NonKeyAttributes: [...index.Projection.NonKeyAttributes] }
          : {}),
      },
    })),
  };
}

/** Options of {@link ensureTable}. */
export interface EnsureTableOptions {
  /** Give up waiting for ACTIVE after this long. @default 60_000 */
  readonly timeoutMs?: number;
  /** Pause between DescribeTable polls. @default 250 */
  readonly pollMs?: number;
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

function isActive(table: TableDescription | undefined): boolean {
  return (
    table?.TableStatus === 'ACTIVE' &&
    (table.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE')
  );
}

async function create(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    // Another process created it in the meantime: fine, we wait for it below.
    if (!(error instanceof ResourceInUseException)) throw error;
    return;
  }
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    }),
  );
}

/** Waits until the table and every index are ACTIVE. */
async function untilActive(
  client: DynamoDBClient,
  tableName: string,
  options: EnsureTableOptions,
): Promise<TableDescription> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const table = await describe(client, tableName);
    if (table !== undefined && isActive(table)) return table;
    if (Date.now() > deadline) {
      throw new Error(`table ${tableName} not ACTIVE after ${timeoutMs} ms (status ${table?.TableStatus})`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
  }
}

/**
 * Adds the indexes a table made by an older version lacks, one UpdateTable each (DynamoDB creates
 * one index per call), waiting for each to be ACTIVE. Returns whether it added any.
 */
async function addMissingIndexes(
  client: DynamoDBClient,
  tableName: string,
  existing: TableDescription,
  options: EnsureTableOptions,
): Promise<boolean> {
  const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missing = indexesOf(true).filter((index) => !present.has(index.IndexName));
  for (const index of missing) {
    await client
      .send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: attributeDefinitions(keyNamesOf(index)),
          GlobalSecondaryIndexUpdates: [{ Create: index }],
        }),
      )
      .catch(async (error: unknown) => {
        // Another process added it in the meantime: fine, we wait for it below.
        const now = await describe(client, tableName);
        if (!(now?.GlobalSecondaryIndexes ?? []).some((i) => i.IndexName === index.IndexName)) throw error;
      });
    await untilActive(client, tableName, options);
  }
  return missing.length > 0;
}

/**
 * Creates the table when it is missing (with TTL on {@link TTL_ATTRIBUTE}) and waits until it
 * and its indexes are ACTIVE. A table an older version made (the local stack's data on disk) gets
 * the indexes it lacks, and its proposals are listed in gsi2 (`backfillLists`: one empty
 * Query once they are). Meant for the local stack and tests; the cloud table comes from CDK.
 * Takes the low-level client because table management is not part of the document client.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  options: EnsureTableOptions = {},
): Promise<void> {
  const existing = await describe(client, tableName);
  if (existing === undefined) {
    await create(client, tableName);
    await untilActive(client, tableName, options);
    return;
  }
  await addMissingIndexes(client, tableName, await untilActive(client, tableName, options), options);
  await backfillLists(client, tableName);
}
