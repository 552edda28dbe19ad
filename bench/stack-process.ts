/**
 * The local stack in a child process (`stack-child.ts`: the product's own `startLocalStack`), so the
 * load generator and the stack do not share one event loop. Started and stopped by its own PID.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const STACK_CHILD = fileURLToPath(new URL('./stack-child.ts', import.meta.url));

export interface StackChild {
  readonly port: number;
  readonly process: ChildProcessWithoutNullStreams;
}

/** Starts the stack on `table` of the DynamoDB Local at `dynamoDbEndpoint`; resolves with its port. */
export async function startStackChild(
  dataDir: string,
  dynamoDbEndpoint: string,
  table: string,
): Promise<StackChild> {
  // BENCH_STACK_NODE_OPTIONS: node flags for the stack's process only (e.g. --cpu-prof), never the load's.
  const nodeFlags = (process.env.BENCH_STACK_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', STACK_CHILD], {
    env: {
      ...process.env,
      BENCH_DATA_DIR: dataDir,
      BENCH_DYNAMODB_ENDPOINT: dynamoDbEndpoint,
      BENCH_TABLE: table,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const lines = createInterface({ input: child.stdout });
  const started = new Promise<number>((resolve, reject) => {
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the stack child exited (${code}): ${stderr}`)));
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`the stack child did not start in 60 s: ${stderr}`)), 60_000).unref(),
  );
  try {
    return { port: await Promise.race([started, timeout]), process: child };
  } catch (error) {
    await stopStackChild(child);
    throw error;
  }
}

/** SIGTERM to the child's own PID, SIGKILL after 10 s. */
export async function stopStackChild(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
