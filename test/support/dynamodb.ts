// DynamoDB Local for integration tests: one instance per test file (started in beforeAll, stopped
// by PID in afterAll), or the one a globalSetup shares (test/support/dynamodb-global-setup.ts).
// Every test takes a fresh table with a unique name, so tests never see each other's items.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { type DynamoDbLocal, startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';
import { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { ensureTable } from '#shared/store/ensure-table.ts';
import { DYNAMODB_ENDPOINT_KEY } from './dynamodb-endpoint.ts';

/** A store on a table of its own. */
export interface FreshStore {
  readonly store: DynamoDbStore;
  readonly tableName: string;
}

/** What {@link useDynamoDbLocal} gives a test file (usable from beforeAll on). */
export interface DynamoDbTestContext {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** Low-level client (tables, raw commands). */
  readonly client: DynamoDBClient;
  /** Document client as the composition roots build it (no marshalling options). */
  readonly documentClient: DynamoDBDocumentClient;
  /** PID of the java process this file started; undefined when the instance is shared. */
  readonly pid: number | undefined;
  /** Creates a table with a unique name (the project's schema) and returns its name. */
  freshTable(): Promise<string>;
  /** A {@link DynamoDbStore} on a fresh table. */
  freshStore(): Promise<FreshStore>;
}

/**
 * True while a process with this PID runs. A zombie (exited, not yet reaped: e.g. an orphan
 * waiting for init) counts as gone; EPERM means it exists but is not ours to signal.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // Linux: the state letter follows the parenthesised command name.
    return !/\)\s+Z\s/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (macOS): signal 0 succeeded, so it exists
  }
}

/** Clients talking to a DynamoDB Local at `endpoint` (any credentials do). */
export function localClients(endpoint: string): {
  client: DynamoDBClient;
  documentClient: DynamoDBDocumentClient;
} {
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return { client, documentClient: DynamoDBDocumentClient.from(client) };
}

interface Started {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  readonly documentClient: DynamoDBDocumentClient;
  readonly instance: DynamoDbLocal | undefined;
}

async function stopOwned(started: Started | undefined): Promise<void> {
  started?.client.destroy();
  const instance = started?.instance;
  if (instance === undefined) return;
  await instance.stop();
  if (isProcessAlive(instance.pid)) throw new Error(`DynamoDB Local (PID ${instance.pid}) is still running`);
}

/** The test-facing view of a started (or shared) instance; `get` throws before beforeAll ran. */
function contextFor(get: () => Started): DynamoDbTestContext {
  const context: DynamoDbTestContext = {
    get endpoint() {
      return get().endpoint;
    },
    get client() {
      return get().client;
    },
    get documentClient() {
      return get().documentClient;
    },
    get pid() {
      return get().instance?.pid;
    },
    async freshTable() {
      const tableName = `test-${randomUUID()}`;
      await ensureTable(get().client, tableName, { pollMs: 20 });
      return tableName;
    },
    async freshStore() {
      const tableName = await context.freshTable();
      return { store: new DynamoDbStore(get().documentClient, tableName), tableName };
    },
  };
  return context;
}

/**
 * Registers beforeAll/afterAll hooks that provide DynamoDB Local to this test file: the shared
 * instance when a globalSetup provides one, else one started in memory for this file and
 * stopped (and checked gone) afterwards. Call it at the top level of the file.
 */
export function useDynamoDbLocal(): DynamoDbTestContext {
  let started: Started | undefined;
  beforeAll(async () => {
    const shared = inject(DYNAMODB_ENDPOINT_KEY);
    const instance = shared === undefined ? await startDynamoDbLocal({ inMemory: true }) : undefined;
    const endpoint = shared ?? instance?.endpoint ?? '';
    started = { endpoint, instance, ...localClients(endpoint) };
  });
  afterAll(() => stopOwned(started));
  return contextFor(() => {
    if (started === undefined) throw new Error('useDynamoDbLocal: use the context in or after beforeAll');
    return started;
  });
}

/**
 * A store on a fresh table (or `table`) whose client records the sort keys of every
 * TransactWriteItems it sends, as `Put PROPOSAL`, `Update DECISION`, … in the order sent.
 */
export async function recordingStore(
  db: Pick<DynamoDbTestContext, 'endpoint' | 'freshTable'>,
  options: { readonly table?: string; readonly endpoint?: string } = {},
) {
  const tableName = options.table ?? (await db.freshTable());
  const { client } = localClients(options.endpoint ?? db.endpoint);
  const transactions: string[][] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand') {
        const items = (args.input as { TransactItems: TransactWriteItem[] }).TransactItems;
        transactions.push(
          items.map((item) => {
            const [kind, op] = Object.entries(item)[0] as [string, { Item?: unknown; Key?: unknown }];
            const key = (op.Item ?? op.Key) as Record<string, { S?: string } | string>;
            const sk = key.sk;
            return `${kind} ${typeof sk === 'string' ? sk : sk?.S}`;
          }),
        );
      }
      return next(args);
    },
    { step: 'initialize', name: 'recordTransactions' },
  );
  const documentClient = DynamoDBDocumentClient.from(client);
  return { store: new DynamoDbStore(documentClient, tableName), tableName, documentClient, transactions };
}
