// Creating the single table where the project runs it itself (the local stack, the tests, the
// bench) and upgrading one an older version made; the cloud's table comes from CDK (table.ts).
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { backfillLists } from './backfill.ts';
import { attributeDefinitions, createTableInput, indexesOf, keyNamesOf, TTL_ATTRIBUTE } from './table.ts';

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
