/**
 * `<DATA_DIR>/stack.json`: where a running local stack can be reached. `npm start` writes it once
 * the stack answers and removes it when it stops; `npm run executions` and tests read it.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalStack } from './stack.ts';

export interface StackInfo {
  readonly pid: number;
  readonly baseUrl: string;
  readonly sfnEndpoint: string;
  readonly stateMachineArn: string;
  readonly dynamoDbEndpoint: string;
  readonly tableName: string;
}

/** The file's path under `dataDir`. */
export const stackInfoFile = (dataDir: string) => join(resolve(dataDir), 'stack.json');

/** Writes the stack's stack.json (the process is `pid`). @returns the file's path */
export function writeStackInfo(stack: LocalStack, pid: number): string {
  const info: StackInfo = {
    pid,
    baseUrl: stack.baseUrl,
    sfnEndpoint: stack.sfnEndpoint,
    stateMachineArn: stack.stateMachineArn,
    dynamoDbEndpoint: stack.dynamoDbEndpoint,
    tableName: stack.tableName,
  };
  const file = stackInfoFile(stack.dataDir);
  writeFileSync(file, JSON.stringify(info, null, 2), { mode: 0o600 });
  return file;
}

/** The running stack's stack.json. @throws naming the file and what to do when there is none */
export function readStackInfo(dataDir: string): StackInfo {
  const file = stackInfoFile(dataDir);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StackInfo;
  } catch {
    throw new Error(
      `no running local stack found (${file} is missing): start it with npm start, or pass --cloud`,
    );
  }
}

/** Where `npm start` says which data folder it runs with, for the commands beside it. */
export const RUNNING_FILE = fileURLToPath(new URL('../../.cache/running-stack.json', import.meta.url));

/** Records that this process (`npm start`) runs a stack with `dataDir`. @returns the file's path */
export function writeRunningStack(dataDir: string, pid: number, file = RUNNING_FILE): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ dataDir: resolve(dataDir), pid }), { mode: 0o600 });
  return file;
}

/** Forgets the running stack, if it is still this process's (another `npm start` may have taken over). */
export function removeRunningStack(pid: number, file = RUNNING_FILE): void {
  try {
    const running = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown };
    if (running.pid === pid) rmSync(file, { force: true });
  } catch {
    // Nothing recorded: nothing to forget.
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The data folder of the local stack the commands (`npm run token`, `npm run executions`) talk to:
 * DATA_DIR when set; else the one `npm start` runs with now; else `.data/`, npm start's default.
 */
export function localDataDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
  file = RUNNING_FILE,
): string {
  if (env.DATA_DIR) return resolve(env.DATA_DIR);
  try {
    const running = JSON.parse(readFileSync(file, 'utf8')) as { dataDir?: unknown; pid?: unknown };
    if (typeof running.dataDir === 'string' && typeof running.pid === 'number' && isAlive(running.pid)) {
      return running.dataDir;
    }
  } catch {
    // No stack started with npm start runs now.
  }
  return resolve('.data');
}
