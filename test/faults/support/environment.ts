/**
 * The fixtures of a fault suite: one DynamoDB Local that outlives every stack, stacks as child
 * processes on tables of their own, a temp dir for their data; all stopped by PID and removed in
 * `close()`, which also runs when a test failed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localClients } from '#infra/local/clients.ts';
import { type DynamoDbLocal, findFreePort, startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';
import { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { ensureTable } from '#shared/store/ensure-table.ts';
import { isProcessAlive } from '#test/support/dynamodb.ts';
import { ApiClient } from './api-client.ts';
import { StackProcess } from './stack-process.ts';

/** A stack with its client and a store on its table (for reading what the API does not show). */
export interface Side {
  readonly name: string;
  readonly stack: StackProcess;
  readonly client: ApiClient;
  readonly store: DynamoDbStore;
}

export class FaultEnvironment {
  readonly dir = mkdtempSync(join(tmpdir(), 'faults-'));
  readonly sides: Side[] = [];
  #ddb: DynamoDbLocal | undefined;
  #clients: ReturnType<typeof localClients> | undefined;

  /** Starts DynamoDB Local (in memory: it is this process's child and survives every stack). */
  async open(): Promise<void> {
    this.#ddb = await startDynamoDbLocal({ inMemory: true });
    this.#clients = localClients(this.#ddb.endpoint);
  }

  get dynamoDbPid(): number | undefined {
    return this.#ddb?.pid;
  }

  /** A stack named `name` on table `faults-<name>`, with a data dir and a port of its own. */
  async side(name: string): Promise<Side> {
    if (this.#ddb === undefined || this.#clients === undefined) throw new Error('open() first');
    const tableName = `faults-${name}`;
    await ensureTable(this.#clients.client, tableName);
    const stack = new StackProcess({
      name,
      dataDir: join(this.dir, name),
      port: await findFreePort(),
      dynamoDbEndpoint: this.#ddb.endpoint,
      tableName,
      logFile: join(this.dir, `${name}.log`),
    });
    const side = {
      name,
      stack,
      client: new ApiClient(stack),
      store: new DynamoDbStore(this.#clients.documentClient, tableName),
    };
    this.sides.push(side);
    return side;
  }

  /** Stops every stack and DynamoDB Local by PID, checks they are gone, removes the temp dir. */
  async close(): Promise<string[]> {
    const survivors: string[] = [];
    for (const { stack } of this.sides) {
      const pid = stack.pid;
      await stack.stop();
      if (pid !== undefined && isProcessAlive(pid))
        survivors.push(`stack ${stack.options.name} (PID ${pid})`);
    }
    this.#clients?.client.destroy();
    const ddb = this.#ddb;
    if (ddb !== undefined) {
      await ddb.stop();
      if (isProcessAlive(ddb.pid)) survivors.push(`DynamoDB Local (PID ${ddb.pid})`);
    }
    if (process.env.FAULTS_KEEP_DIR === undefined) rmSync(this.dir, { recursive: true, force: true });
    return survivors;
  }
}

/** Progress on the terminal while a suite runs (vitest shows console output only per test). */
export function progress(line: string): void {
  process.stdout.write(`${line}\n`);
}
