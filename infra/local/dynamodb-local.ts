// Starts and stops AWS's DynamoDB Local (a Java process) for the local stack and the tests.
//
// DynamoDB Local 1.25.1 has no option to choose the listening address: its own main() binds every
// interface. We start it through LoopbackDynamoDbLocal.java, which binds it to 127.0.0.1 only,
// compiled once into the cache with the jdk.compiler module (Debian's JRE and every JDK carry it).
// Without that module it falls back to the jar's main() and says so.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { access, mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { guardChildProcess } from './child-process-guard.ts';
import { type DynamoDbLocalInstallation, ensureDynamoDbLocal } from './dynamodb-local-install.ts';

const run = promisify(execFile);

export {
  DEFAULT_DYNAMODB_LOCAL_CACHE,
  DYNAMODB_LOCAL_PACKAGE,
  type DynamoDbLocalInstallation,
  ensureDynamoDbLocal,
} from './dynamodb-local-install.ts';

/** Options of {@link startDynamoDbLocal}. */
export interface StartDynamoDbLocalOptions {
  /** Keep the data in memory only. @default true when no `dbPath` is given */
  readonly inMemory?: boolean;
  /** Keep the data in this folder (created if missing); excludes `inMemory`. */
  readonly dbPath?: string;
  /** Port to listen on. @default a free port picked on 127.0.0.1 */
  readonly port?: number;
  /** Where the jar is cached. @default `<repo>/.cache/dynamodb-local` */
  readonly cacheDir?: string;
  /** How long to wait for the first answer to ListTables. @default 30_000 */
  readonly startTimeoutMs?: number;
  /** Options for the JVM, before `-jar`. @default {@link DEFAULT_JVM_ARGS} */
  readonly jvmArgs?: readonly string[];
}

/**
 * Quick start over peak speed: only the C1 compiler and the serial collector. DynamoDB Local
 * then starts with ~40% less CPU (measured: ~2 s instead of ~3.5 s), which is what tests and the
 * local stack (a handful of requests) feel; they never run long enough to profit from C2.
 */
export const DEFAULT_JVM_ARGS: readonly string[] = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

/** A running DynamoDB Local. */
export interface DynamoDbLocal {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly port: number;
  /** The PID of the java process this call started (and the only one `stop()` signals). */
  readonly pid: number;
  /** Whether it listens on 127.0.0.1 only (false: on every interface, see {@link startDynamoDbLocal}). */
  readonly loopbackOnly: boolean;
  /** SIGTERM to `pid`, SIGKILL after a grace period; resolves once the process is gone. Idempotent. */
  stop(): Promise<void>;
}

/** Text identifying our java processes on their command line (checked before signalling). */
const PROCESS_MARKER = 'DynamoDBLocal.jar';
const STOP_GRACE_MS = 5_000;
const OUTPUT_TAIL_CHARS = 4_000;

/** Thrown when no `java` is on PATH. */
export class JavaMissingError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs a Java runtime (17 or newer), but `java` was not found on PATH. ' +
        'Install one, e.g. `apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu) or ' +
        '`brew install openjdk@17` (macOS), then retry.',
    );
    this.name = 'JavaMissingError';
  }
}

/** Thrown when DynamoDB Local exits or stays silent while starting; carries its output's tail. */
export class DynamoDbLocalStartError extends Error {
  constructor(
    message: string,
    readonly outputTail: string,
  ) {
    super(`${message}\n--- DynamoDB Local output (tail) ---\n${outputTail || '(none)'}`);
    this.name = 'DynamoDbLocalStartError';
  }
}

/** Asks the kernel for a free loopback port. Another process could take it before java binds it. */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('could not determine a free port');
  return address.port;
}

function storageArgs(options: StartDynamoDbLocalOptions): string[] {
  if (options.dbPath !== undefined && options.inMemory === true) {
    throw new RangeError('startDynamoDbLocal: give either inMemory or dbPath, not both');
  }
  if (options.dbPath === undefined && options.inMemory === false) {
    throw new RangeError('startDynamoDbLocal: inMemory: false needs a dbPath to keep the data in');
  }
  return options.dbPath === undefined ? ['-inMemory'] : ['-dbPath', resolve(options.dbPath)];
}

/** Keeps the last characters of the child's stdout and stderr for error messages. */
function captureOutput(child: ChildProcess): () => string {
  let tail = '';
  const append = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', append);
    // Reading must go on (a full pipe would block java) without keeping this process alive.
    (stream as Socket | null)?.unref();
  }
  return () => tail;
}

/** The launcher that binds DynamoDB Local to 127.0.0.1 (its source; compiled once into the cache). */
const LOOPBACK_LAUNCHER = fileURLToPath(new URL('./LoopbackDynamoDbLocal.java', import.meta.url));
const LAUNCHER_CLASS = 'LoopbackDynamoDbLocal';

let launcher: Promise<string | undefined> | undefined;

/**
 * The folder holding the compiled launcher, next to the jar in the cache and named after the
 * source's hash (an edited launcher compiles anew); compiled on first use with javac run through
 * `java -m jdk.compiler/…` (no JDK binaries needed beyond the jdk.compiler module). Undefined when
 * this Java runtime cannot compile it. Once per process.
 */
function compiledLauncher(installation: DynamoDbLocalInstallation): Promise<string | undefined> {
  launcher ??= (async () => {
    const source = await readFile(LOOPBACK_LAUNCHER);
    const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
    const dir = join(dirname(installation.emulatorDir), `loopback-launcher-${hash}`);
    if (await exists(join(dir, `${LAUNCHER_CLASS}.class`))) return dir;
    const temp = await mkdtemp(`${dir}.tmp-`);
    try {
      await run(
        'java',
        [
          '-m',
          'jdk.compiler/com.sun.tools.javac.Main',
          '-d',
          temp,
          '-cp',
          installation.jarPath,
          LOOPBACK_LAUNCHER,
        ],
        {
          timeout: 60_000,
        },
      );
      await rename(temp, dir).catch(async (error: NodeJS.ErrnoException) => {
        // Another process compiled it at the same moment: theirs is the same class.
        if (!(await exists(join(dir, `${LAUNCHER_CLASS}.class`)))) throw error;
      });
      return dir;
    } catch {
      return undefined;
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  })();
  return launcher;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** The main class to run: the loopback launcher, or the jar's own main() when it cannot be compiled. */
async function mainArgs(
  installation: DynamoDbLocalInstallation,
): Promise<{ args: string[]; loopbackOnly: boolean }> {
  const dir = await compiledLauncher(installation);
  if (dir !== undefined) {
    return { args: ['-cp', `${installation.jarPath}${delimiter}${dir}`, LAUNCHER_CLASS], loopbackOnly: true };
  }
  process.emitWarning(
    'DynamoDB Local listens on every interface: this Java runtime lacks the jdk.compiler module that ' +
      'binds it to 127.0.0.1. Install a JDK (e.g. openjdk-17-jdk-headless) or firewall its port.',
  );
  return { args: ['-jar', installation.jarPath], loopbackOnly: false };
}

async function spawnJava(
  installation: DynamoDbLocalInstallation,
  jvmArgs: readonly string[],
  main: readonly string[],
  args: readonly string[],
): Promise<ChildProcess> {
  const child = spawn(
    'java',
    [...jvmArgs, `-Djava.library.path=${installation.libraryPath}`, ...main, ...args],
    { cwd: installation.emulatorDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    await once(child, 'spawn');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new JavaMissingError();
    throw error;
  }
  // The guard's exit handlers stop it; a forgotten stop() must not keep the parent alive.
  child.unref();
  return child;
}

/** One ListTables call, abandoned after 2 s: something else on the port may accept and never answer. */
function answers(client: DynamoDBClient): Promise<boolean> {
  return client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  );
}

/**
 * Java's main thread failing (e.g. the port is taken) does not end the JVM: other threads keep it
 * running, silent. Its output is the only sign.
 */
const FATAL_OUTPUT = /Exception in thread "main"/;

/** Polls ListTables until it answers, the process exits or fails, or the timeout passes. */
async function waitUntilAnswering(
  child: ChildProcess,
  endpoint: string,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
  });
  const deadline = Date.now() + timeoutMs;
  try {
    while (child.exitCode === null && child.signalCode === null) {
      if (await answers(client)) return;
      if (FATAL_OUTPUT.test(output())) throw new Error('java failed while starting');
      if (Date.now() > deadline) throw new Error(`no answer from ${endpoint} within ${timeoutMs} ms`);
      await sleep(100);
    }
    throw new Error(`java exited while starting (code ${child.exitCode}, signal ${child.signalCode})`);
  } finally {
    client.destroy();
  }
}

/** Sends SIGTERM to exactly this child, then SIGKILL if it lingers; resolves when it has exited. */
async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  // While stopping, the child must hold the event loop open: otherwise Node can exit before it
  // has, and whatever the caller does after stop() never runs.
  child.ref();
  child.kill('SIGTERM');
  // Unref'd: a pending grace timer must not hold the process open after the child is gone.
  const timer = sleep(STOP_GRACE_MS, 'timeout' as const, { ref: false });
  if ((await Promise.race([exited, timer])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

async function startOnce(
  installation: DynamoDbLocalInstallation,
  options: StartDynamoDbLocalOptions,
  port: number,
): Promise<DynamoDbLocal> {
  const args = [...storageArgs(options), '-sharedDb', '-disableTelemetry', '-port', String(port)];
  const main = await mainArgs(installation);
  const child = await spawnJava(installation, options.jvmArgs ?? DEFAULT_JVM_ARGS, main.args, args);
  const { pid } = child;
  if (pid === undefined) throw new Error('java started without a PID');
  const release = guardChildProcess(child, PROCESS_MARKER);
  const outputTail = captureOutput(child);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(child, endpoint, options.startTimeoutMs ?? 30_000, outputTail);
  } catch (error) {
    await terminate(child);
    release();
    throw new DynamoDbLocalStartError(
      `DynamoDB Local did not start: ${(error as Error).message}`,
      outputTail(),
    );
  }
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= terminate(child).finally(release);
    return stopping;
  };
  return { endpoint, port, pid, stop, loopbackOnly: main.loopbackOnly };
}

/**
 * Starts DynamoDB Local (downloading it first if needed) and resolves once it answers ListTables.
 * Runs `java -Djava.library.path=<lib> -cp DynamoDBLocal.jar:<launcher> LoopbackDynamoDbLocal
 * -inMemory|-dbPath DIR -sharedDb -disableTelemetry -port N`, listening on 127.0.0.1 only (other
 * users of this machine can still reach it: see the README's security section). The process is
 * stopped with the returned `stop()`, and also when this Node process ends (see
 * `child-process-guard.ts`).
 *
 * @throws JavaMissingError when `java` is not installed
 * @throws DynamoDbLocalStartError when it exits or does not answer within `startTimeoutMs`
 */
export async function startDynamoDbLocal(options: StartDynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  storageArgs(options); // validate before any download
  const installation = await ensureDynamoDbLocal(options.cacheDir);
  if (options.dbPath !== undefined) await mkdir(options.dbPath, { recursive: true });
  // A picked port can be taken by someone else before java binds it: pick again, a few times.
  const attempts = options.port === undefined ? 3 : 1;
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await findFreePort());
    try {
      return await startOnce(installation, options, port);
    } catch (error) {
      const portTaken =
        error instanceof DynamoDbLocalStartError && /Address already in use/i.test(error.outputTail);
      if (!portTaken || attempt >= attempts) throw error;
    }
  }
}
