import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  DynamoDbLocalStartError,
  JavaMissingError,
  startDynamoDbLocal,
} from '#infra/local/dynamodb-local.ts';
import { ensureTable } from '#shared/store/ensure-table.ts';
import { isProcessAlive, localClients } from '#test/support/dynamodb.ts';
import { DYNAMODB_ENDPOINT_KEY } from '#test/support/dynamodb-endpoint.ts';

const CHILD_SCRIPT = fileURLToPath(new URL('../../support/dynamodb-local-child.ts', import.meta.url));
const tempDirs: string[] = [];

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Whether a TCP connection to host:port is accepted within a second. */
function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1_000 });
    const done = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return !isProcessAlive(pid);
}

// The JVM starts dominate this file; they overlap when the tests run concurrently.
describe.concurrent('DynamoDB Local launcher', () => {
  it('keeps data on disk across a restart, and stop() ends exactly its own PID', async () => {
    const dbPath = await mkdtemp(join(tmpdir(), 'ddb-local-'));
    tempDirs.push(dbPath);
    const first = await startDynamoDbLocal({ dbPath });
    const { client, documentClient } = localClients(first.endpoint);
    await ensureTable(client, 'kept', { pollMs: 20 });
    await documentClient.send(
      new PutCommand({ TableName: 'kept', Item: { pk: 'a', sk: 'b', note: 'on disk' } }),
    );
    client.destroy();
    await first.stop();
    await first.stop(); // idempotent
    expect(isProcessAlive(first.pid)).toBe(false);

    const second = await startDynamoDbLocal({ dbPath });
    try {
      const again = localClients(second.endpoint);
      const { Item } = await again.documentClient.send(
        new GetCommand({ TableName: 'kept', Key: { pk: 'a', sk: 'b' } }),
      );
      again.client.destroy();
      expect(Item?.note).toBe('on disk');
    } finally {
      await second.stop();
    }
    expect(isProcessAlive(second.pid)).toBe(false);
    // Two JVM starts one after the other: on a loaded machine more than the default 30 s.
  }, 90_000);

  it('fails fast with java’s output when the port is taken', async () => {
    const blocker = createServer().listen(0);
    await once(blocker, 'listening');
    const { port } = blocker.address() as { port: number };
    try {
      const error = await startDynamoDbLocal({ port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DynamoDbLocalStartError);
      expect((error as DynamoDbLocalStartError).outputTail).toMatch(/Address already in use/);
    } finally {
      blocker.close();
    }
  });

  it('listens on loopback only: another address of this host gets no connection (issue 17, row 6)', async () => {
    const endpoint = inject(DYNAMODB_ENDPOINT_KEY) ?? (await startDynamoDbLocal({ inMemory: true })).endpoint;
    const port = Number(new URL(endpoint).port);
    expect(await connects('127.0.0.1', port)).toBe(true);
    // 127.0.0.2 reaches this host as another interface's address would (Linux routes 127/8 to lo),
    // but not a socket bound to 127.0.0.1.
    expect(await connects('127.0.0.2', port)).toBe(false);
  });

  it('does not outlive a parent process killed with SIGKILL', async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = (await once(parent.stdout, 'data')) as [Buffer];
    const javaPid = Number(line.toString().trim());
    expect(isProcessAlive(javaPid)).toBe(true);

    parent.kill('SIGKILL');
    await once(parent, 'exit');
    expect(await waitUntilGone(javaPid, 10_000)).toBe(true);
  });
});

// Not concurrent: it changes PATH for the whole process.
describe('DynamoDB Local launcher without java', () => {
  it('says how to install java when it is missing', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const error = await startDynamoDbLocal().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JavaMissingError);
      expect((error as Error).message).toContain('apt-get install -y openjdk-17-jre-headless');
    } finally {
      process.env.PATH = path;
    }
  });
});
