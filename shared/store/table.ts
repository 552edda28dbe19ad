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

/** Items carrying this attribute (epoch seconds) expire (idempotency records). DynamoDB Local never expires them. */
export const TTL_ATTRIBUTE = 'expiresAt';

/** On-demand capacity: the load is a few requests a day with bursts around meetings. */
export const BILLING_MODE = 'PAY_PER_REQUEST';

/** The CreateTable request for the single table. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: BILLING_MODE,
    AttributeDefinitions: [PARTITION_KEY, SORT_KEY, GSI1.partitionKey, GSI1.sortKey].map((name) => ({
      AttributeName: name,
      AttributeType: 'S',
    })),
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
    ],
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

/**
 * Creates the table when it is missing (with TTL on {@link TTL_ATTRIBUTE}) and waits until it
 * and its index are ACTIVE. Meant for the local stack and tests; the cloud table comes from CDK.
 * Takes the low-level client because table management is not part of the document client.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  options: EnsureTableOptions = {},
): Promise<void> {
  if ((await describe(client, tableName)) === undefined) await create(client, tableName);
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
