/**
 * `<DATA_DIR>/stack.json`: where a running local stack can be reached. `npm start` writes it once
 * the stack answers and removes it when it stops; `npm run executions` and tests read it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
