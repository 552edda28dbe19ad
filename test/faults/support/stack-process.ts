/**
 * The local stack (`infra/local/start.ts`, what `npm start` runs) as a child process that a test
 * can kill with SIGKILL and start again on the same DATA_DIR and database: a crashed Lambda and
 * engine host while DynamoDB stays up. DynamoDB Local runs outside it (DYNAMODB_ENDPOINT).
 *
 * The child is `node --import tsx infra/local/start.ts`, not the `tsx` CLI: the CLI runs the
 * program in a second process, so a SIGKILL to the CLI's PID would leave the stack running.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { guardChildProcess } from '#infra/local/child-process-guard.ts';
import type { StackInfo } from '#infra/local/stack-info.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ENTRY = 'infra/local/start.ts';
const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

export type { StackInfo };

export interface StackProcessOptions {
  /** For logs and messages: `reference`, `crash`, `race`. */
  readonly name: string;
  readonly dataDir: string;
  /** Fixed across restarts, so a client keeps one base URL, as with a real endpoint. */
  readonly port: number;
  readonly dynamoDbEndpoint: string;
  readonly tableName: string;
  /** The child's stdout and stderr are appended here, one header line per incarnation. */
  readonly logFile: string;
}

/** One start of the stack: its process and what it wrote to stack.json. */
interface Incarnation {
  readonly child: ChildProcess;
  readonly exited: Promise<unknown>;
  readonly release: () => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isAlive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

export class StackProcess {
  readonly options: StackProcessOptions;
  /** `http://127.0.0.1:<port>`: only loopback traffic, whatever name stack.json uses. */
  readonly baseUrl: string;
  /** SIGKILLs sent, including those during a start. */
  kills = 0;
  starts = 0;
  /** Milliseconds from spawn to stack.json of every start that got there. */
  readonly startDurations: number[] = [];
  #current: Incarnation | undefined;
  #info: StackInfo | undefined;
  #ready: Promise<void> = Promise.resolve();
  #restarting = false;

  constructor(options: StackProcessOptions) {
    this.options = options;
    this.baseUrl = `http://127.0.0.1:${options.port}`;
  }

  /** The running incarnation's stack.json. @throws when the stack is not up */
  get info(): StackInfo {
    if (this.#info === undefined) throw new Error(`stack ${this.options.name} is not running`);
    return this.#info;
  }

  /** PID of the running incarnation, if any. */
  get pid(): number | undefined {
    return this.#current?.child.pid;
  }

  /** Resolves when the current (or upcoming) incarnation answers. */
  whenReady(): Promise<void> {
    return this.#ready;
  }

  /** Starts the stack and waits until it answers. */
  async start(): Promise<void> {
    this.#ready = this.#startOnce();
    await this.#ready;
  }

  /**
   * SIGKILL to the stack's PID, then a new start on the same data. `crashWhileStarting` returns
   * a delay (ms) to kill the new incarnation again while it starts, or undefined to let it come up.
   * A crash asked for while one is under way is ignored (returns false).
   */
  crashAndRestart(crashWhileStarting: () => number | undefined = () => undefined): boolean {
    if (this.#restarting) return false;
    this.#restarting = true;
    this.#ready = (async () => {
      try {
        await this.#kill();
        for (let delay = crashWhileStarting(); delay !== undefined; delay = crashWhileStarting()) {
          const starting = this.#spawn();
          await Promise.race([sleep(delay), starting.exited]);
          await this.#kill();
        }
        await this.#startOnce();
      } finally {
        this.#restarting = false;
      }
    })();
    return true;
  }

  /** SIGKILL to the stack's PID, no restart (`start()` brings it back). */
  async crash(): Promise<void> {
    await this.#ready.catch(() => undefined);
    this.#ready = this.#kill();
    await this.#ready;
  }

  /** Graceful stop (SIGTERM to the PID), SIGKILL after a grace period. Idempotent. */
  async stop(): Promise<void> {
    await this.#ready.catch(() => undefined);
    const current = this.#current;
    this.#current = undefined;
    this.#info = undefined;
    if (current === undefined) return;
    if (isAlive(current.child) && current.child.pid !== undefined) {
      process.kill(current.child.pid, 'SIGTERM');
      const graceful = await Promise.race([current.exited.then(() => true), sleep(STOP_GRACE_MS)]);
      if (!graceful && isAlive(current.child)) {
        process.kill(current.child.pid, 'SIGKILL');
        await current.exited;
      }
    }
    current.release();
  }

  async #kill(): Promise<void> {
    const current = this.#current;
    this.#current = undefined;
    this.#info = undefined;
    if (current === undefined) return;
    if (isAlive(current.child) && current.child.pid !== undefined) {
      this.kills++;
      process.kill(current.child.pid, 'SIGKILL');
    }
    await current.exited;
    current.release();
  }

  #spawn(): Incarnation {
    const { options } = this;
    const log = openSync(options.logFile, 'a');
    writeSync(log, `\n=== ${new Date().toISOString()} start #${this.starts + 1} of ${options.name}\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(options.port),
        DATA_DIR: options.dataDir,
        DYNAMODB_ENDPOINT: options.dynamoDbEndpoint,
        TABLE_NAME: options.tableName,
        LOG_LEVEL: 'WARN',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    this.starts++;
    const exited = once(child, 'exit');
    // Should this test process die, the guard's watchdog stops the stack (SIGTERM by its PID).
    const release = guardChildProcess(child, ENTRY);
    const incarnation = { child, exited, release };
    this.#current = incarnation;
    return incarnation;
  }

  async #startOnce(): Promise<void> {
    const began = Date.now();
    const { child } = this.#spawn();
    const file = join(this.options.dataDir, 'stack.json');
    while (Date.now() - began < READY_TIMEOUT_MS) {
      if (!isAlive(child)) {
        throw new Error(
          `stack ${this.options.name} exited while starting (code ${child.exitCode}, signal ${child.signalCode}); see ${this.options.logFile}`,
        );
      }
      // A SIGKILLed incarnation leaves its stack.json behind: only the new PID counts.
      const info = existsSync(file) ? readStackFile(file) : undefined;
      if (info !== undefined && info.pid === child.pid) {
        if (!info.baseUrl.endsWith(`:${this.options.port}`)) {
          throw new Error(
            `stack ${this.options.name} listens at ${info.baseUrl}, not on port ${this.options.port}`,
          );
        }
        this.#info = info;
        this.startDurations.push(Date.now() - began);
        return;
      }
      await sleep(25);
    }
    throw new Error(`stack ${this.options.name} did not start within ${READY_TIMEOUT_MS} ms`);
  }
}

function readStackFile(file: string): StackInfo | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StackInfo;
  } catch {
    return undefined; // being written
  }
}
