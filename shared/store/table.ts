// The single table's definition: one source of truth for its keys, index and TTL attribute.
// The CDK data stack imports these constants, the local stack and the tests call ensureTable().
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';

/** Partition key attribute of the table (string). */
export const PARTITION_KEY = 'pk';
/** Sort key attribute of the table (string). */
export const SORT_KEY = 'sk';

/** The one global secondary index: string keys, all attributes projected. */
export const GSI1 = {
  indexName: 'gsi1',
  partitionKey: 'gsi1pk',
  sortKey: 'gsi1sk',
  projection: 'ALL',
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

/**
 * The CreateTable request for the single table, as the local stack and the tests create it.
 * `signalsIndex: false` leaves out {@link SIGNALS_INDEX}: the table as the cloud's data stack
 * defines it (@default true).
 */
export function createTableInput(
  tableName: string,
  options: { readonly signalsIndex?: boolean } = {},
): CreateTableCommandInput {
  const signals = options.signalsIndex !== false;
  return {
    TableName: tableName,
    BillingMode: BILLING_MODE,
    AttributeDefinitions: [
      PARTITION_KEY,
      SORT_KEY,
      GSI1.partitionKey,
      GSI1.sortKey,
      ...(signals ? [SIGNALS_INDEX.partitionKey, SIGNALS_INDEX.sortKey] : []),
    ].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
      { AttributeName: SORT_KEY, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: GSI1.indexName,
        KeySchema: [
          { AttributeName: GSI1.partitionKey, KeyType: 'HASH' },
          { AttributeName: GSI1.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: GSI1.projection },
      },
      ...(signals ? [signalsIndex()] : []),
    ],
  };
}

function signalsIndex() {
  return {
    IndexName: SIGNALS_INDEX.indexName,
    KeySchema: [
      { AttributeName: SIGNALS_INDEX.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: SIGNALS_INDEX.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: SIGNALS_INDEX.projection },
  };
}

/** A table created before {@link SIGNALS_INDEX} existed (a local stack's data on disk) gets it. */
async function addSignalsIndex(client: DynamoDBClient, table: TableDescription): Promise<void> {
  const has = (table.GlobalSecondaryIndexes ?? []).some((i) => i.IndexName === SIGNALS_INDEX.indexName);
  if (has) return;
  const update = client.send(
    new UpdateTableCommand({
      TableName: table.TableName,
      AttributeDefinitions: [SIGNALS_INDEX.partitionKey, SIGNALS_INDEX.sortKey].map((name) => ({
        AttributeName: name,
        AttributeType: 'S',
      })),
      GlobalSecondaryIndexUpdates: [{ Create: signalsIndex() }],
    }),
  );
  await update.catch(async (error: unknown) => {
    // Another process added it in the meantime: fine, ensureTable waits for it.
    const now = await describe(client, String(table.TableName));
    if (!(now?.GlobalSecondaryIndexes ?? []).some((i) => i.IndexName === SIGNALS_INDEX.indexName))
      throw error;
  });
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

/**
 * Creates the table when it is missing (with TTL on {@link TTL_ATTRIBUTE}), adds
 * {@link SIGNALS_INDEX} to a table made before it, and waits until the table and its indexes are ACTIVE. Meant for the local stack and tests; the cloud table comes from CDK.
 * Takes the low-level client because table management is not part of the document client.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  options: EnsureTableOptions = {},
): Promise<void> {
  const existing = await describe(client, tableName);
  if (existing === undefined) await create(client, tableName);
  else if (existing.TableStatus === 'ACTIVE') await addSignalsIndex(client, existing);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const table = await describe(client, tableName);
    if (isActive(table)) return;
    if (Date.now() > deadline) {
      throw new Error(`table ${tableName} not ACTIVE after ${timeoutMs} ms (status ${table?.TableStatus})`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
  }
}
