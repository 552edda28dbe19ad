/**
 * 1,000 proposals whose executions are parked on the 6-week objection deadline (art. 7.3), then ONE
 * clock advance of 43 days: how long until every deadline has fired (engine idle, every proposal
 * closed with its objection lapsed). On the product's own local stack (`startLocalStack`).
 *
 * Setup, the fastest way the product allows: not through the API, but with its own core in
 * process. Per proposal: `createProposal` and four `dispatch`es (draft, schedule, consensus,
 * objection), each one conditional transaction whose audit event carries its signal; then the relay starts
 * the execution with the start signal, and the execution catches up on the later signals through
 * the park task (DESIGN 3.2) until it parks in `awaitingArguments` with the deadline as timeout.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DynamoDBClient, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { localClients } from '#infra/local/clients.ts';
import { AdjustableClock, days } from '#infra/local/clock.ts';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';
import { createLocalEngine } from '#infra/local/engine/index.ts';
import { FUNCTIONS, startLocalStack } from '#infra/local/stack.ts';
import { createProposal, dispatch, initialSignal, relaySignal } from '#shared/dispatch/index.ts';
import { ensureTable } from '#shared/store/ensure-table.ts';
import { nowOf } from '#shared/usecases/deps.ts';
import { closeMeeting, createMeeting } from '#shared/usecases/meetings.ts';
import { lifecycleAsl } from '#statemachines/proposal-lifecycle/asl.ts';
import { dateOf } from './api.ts';
import { itemKind, type RecordedCall, replayCalls, withoutItems } from './parked-floor.ts';
import { round } from './stats.ts';

export interface ParkedFigures {
  readonly executions: number;
  readonly setupSeconds: number;
  readonly parkedBeforeAdvance: number;
  /** From the clock advance until the engine is idle (every due timer fired and played out). */
  readonly firedSeconds: number;
  /** Until the check that every proposal is closed had its answer. */
  readonly closedSeconds: number;
  /** CPU time spent while the deadlines fired: this Node process, and DynamoDB Local's JVM. */
  readonly cpuSeconds: { readonly node: number; readonly dynamoDbLocal: number | null };
  readonly closed: number;
  readonly lapsedDecisions: number;
  /** Resident memory of the process that holds the engine, with every execution parked. */
  readonly parkedRssMiB: number;
  /**
   * The floor: as many transactions as the deadlines made (one each), sent straight to DynamoDB Local
   * (eight at a time, each a conditional update and a put, like a transition's), same run.
   */
  readonly floor: {
    readonly seconds: number;
    readonly cpuSeconds: ParkedFigures['cpuSeconds'];
    /** The bytes of each transaction's proposal update and event (those of the fire's transactions). */
    readonly bytes: { readonly proposal: number; readonly event: number };
  };
  /** The floor of the runs before 2026-12-07 21:30: the same transactions with a counter and a one-word event. */
  readonly floorTinyItems: { readonly seconds: number; readonly cpuSeconds: ParkedFigures['cpuSeconds'] };
  /**
   * The floor of the calls themselves: every DynamoDB call the fire made (`callsPerDeadline`),
   * sent again straight to DynamoDB Local, eight at a time, in the same run (`parked-floor.ts`).
   */
  readonly callsFloor: {
    readonly calls: number;
    readonly seconds: number;
    readonly cpuSeconds: ParkedFigures['cpuSeconds'];
    /**
     * Each kind of call (`engine Put`, `stack Query`, `stack TransactWrite`…) sent again alone, the
     * same way: where the calls' time and each process's CPU go.
     */
    readonly byKind: Readonly<
      Record<
        string,
        { readonly calls: number; readonly seconds: number; readonly cpuSeconds: ParkedFigures['cpuSeconds'] }
      >
    >;
  };
  /**
   * AWS SDK calls made by this process while the deadlines fired, per deadline, by sender and
   * operation: `engine Put` (the engine's own state), `stack TransactWrite` (task handlers, relay).
   */
  readonly callsPerDeadline: Readonly<Record<string, number>>;
}

/**
 * Counts every AWS SDK call of this process by command name (`PutCommand`, `SendTaskSuccessCommand`…)
 * until the returned function is called, which gives the counts. It wraps `send` of the SDK's
 * common client class, which every client here (DynamoDB, its document client, SFN) inherits.
 */
function countSdkCalls(): () => { counts: Record<string, number>; calls: RecordedCall[] } {
  const base = Object.getPrototypeOf(DynamoDBClient.prototype) as {
    send: (this: unknown, command: object, ...rest: unknown[]) => unknown;
  };
  const original = base.send;
  const counts: Record<string, number> = {};
  const calls: RecordedCall[] = [];
  base.send = function (this: unknown, command: object, ...rest: unknown[]) {
    const { input } = command as { input?: Record<string, unknown> };
    // Who sends it: the engine (its own state, under `ENGINE#` keys), or the stack (task handlers,
    // relay, the API). Read from the keys: a stack trace per call cost the fire 0.16 s of Node's CPU.
    const by = input !== undefined && touchesEngine(input) ? 'engine' : 'stack';
    const name = `${by} ${command.constructor.name.replace(/Command$/, '')}`;
    counts[name] = (counts[name] ?? 0) + 1;
    if (input && 'TransactItems' in input) {
      counts[`${name} items`] = (counts[`${name} items`] ?? 0) + (input.TransactItems as unknown[]).length;
    }
    // Kept to be sent again for the floor of the calls themselves (parked-floor.ts).
    if (input)
      calls.push({
        name,
        client: this as RecordedCall['client'],
        command: command as RecordedCall['command'],
      });
    return original.call(this, command, ...rest);
  };
  return () => {
    base.send = original;
    return { counts, calls };
  };
}

/** Whether a DynamoDB call's input writes or reads an item of the engine (`pk` `ENGINE#…`). */
function touchesEngine(input: Record<string, unknown>): boolean {
  const pkOf = (write: unknown) => {
    const { Item, Key } = (write ?? {}) as { Item?: { pk?: unknown }; Key?: { pk?: unknown } };
    return String(Item?.pk ?? Key?.pk ?? '');
  };
  const writes = Array.isArray(input.TransactItems)
    ? (input.TransactItems as Record<string, unknown>[]).map((item) => Object.values(item)[0])
    : [input];
  const values = input.ExpressionAttributeValues as Record<string, unknown> | undefined;
  return (
    writes.some((write) => pkOf(write).startsWith('ENGINE#')) ||
    Object.values(values ?? {}).some((value) => typeof value === 'string' && value.startsWith('ENGINE#'))
  );
}

/**
 * With a file name (`BENCH_PARKED_PROFILE=fire.cpuprofile`), takes a CPU profile of this process
 * from the clock advance until the engine is idle, and writes it there (open it in Chrome's DevTools,
 * or sum it with `tsx bench/profile-summary.ts FILE`). Not part of the run.
 */
async function startProfile(file: string | undefined): Promise<() => Promise<void>> {
  if (!file) return async () => undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

const ZIN = { party: 'ZIN', roles: [] as string[] };
const VNG = { party: 'VNG', roles: [] as string[] };
const CAK = { party: 'CAK', roles: [] as string[] };

/** Runs `task(i)` for i in 0..count-1, at most `concurrency` at a time. */
async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** CPU seconds (user + system) a process has used, from /proc (Linux); null elsewhere. */
function processCpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

export async function measureParked(options: {
  readonly dynamoDbEndpoint: string;
  /** DynamoDB Local's PID, to report its CPU time. */
  readonly dynamoDbPid?: number;
  readonly executions: number;
  readonly concurrency?: number;
  readonly log?: (line: string) => void;
}): Promise<ParkedFigures> {
  const log = options.log ?? (() => undefined);
  const count = options.executions;
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-parked-'));
  const stack = await startLocalStack({
    port: 0,
    dataDir,
    dynamoDbEndpoint: options.dynamoDbEndpoint,
    tableName: 'bench_parked',
    logLevel: 'ERROR',
    // The crash-recovery loop would poll the 4,000 signal rows the setup leaves for the park
    // task; it still runs at start and in every settle().
    relayIntervalMs: 3_600_000,
  });
  try {
    const deps = stack.deps;
    const store = deps.store;
    const setupStarted = performance.now();
    const meeting = await createMeeting(deps, { date: dateOf(stack.clock.now()), title: 'Stuurgroep' });
    await pool(count, options.concurrency ?? 8, async (i) => {
      const proposalId = `p-bench-${String(i).padStart(4, '0')}`;
      const proposal = await createProposal(
        deps,
        { proposalId, title: `Parked ${i}`, description: 'Benchmark.', standards: ['iWmo'], kind: 'release' },
        VNG,
      );
      await dispatch(deps, proposalId, { type: 'DRAFT', text: 'Worked out.', by: ZIN, at: nowOf(deps) });
      await dispatch(deps, proposalId, {
        type: 'SCHEDULE',
        meetingId: meeting.id,
        meetingDate: meeting.date,
        by: ZIN,
        at: nowOf(deps),
      });
      await dispatch(deps, proposalId, { type: 'CONSENSUS', outcome: 'adopted', by: ZIN, at: nowOf(deps) });
      await dispatch(deps, proposalId, { type: 'OBJECT', reason: 'Not feasible.', by: CAK, at: nowOf(deps) });
      // The relay's start: StartExecution with the start signal (the creation's event carries it).
      await relaySignal(deps, {
        proposalId,
        fromVersion: 0,
        signal: initialSignal(proposal),
        createdAt: proposal.createdAt,
      });
      if ((i + 1) % 250 === 0) log(`${i + 1} proposals objected to`);
    });
    // The chair closes the meeting: a decision comes into force only once it is closed (art. 7.2).
    await closeMeeting(deps, meeting.id, ZIN);
    await stack.settle();
    const parked = (await store.listProposals({ phase: 'awaiting-arguments' })).length;
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    log(`${parked} executions parked on the 6-week deadline (setup ${setupSeconds.toFixed(1)} s)`);
    if (parked !== count) throw new Error(`only ${parked} of ${count} proposals await arguments`);

    const parkedRssMiB = round(process.memoryUsage().rss / 2 ** 20, 0);
    const dbCpu = () => (options.dynamoDbPid === undefined ? null : processCpuSeconds(options.dynamoDbPid));
    const dbCpuBefore = dbCpu();
    const nodeCpuBefore = process.cpuUsage();
    const stopCounting = countSdkCalls();
    const stopProfile = await startProfile(process.env.BENCH_PARKED_PROFILE);
    const started = performance.now();
    stack.clock.advance(days(43));
    await stack.engine.idle();
    const firedSeconds = (performance.now() - started) / 1000;
    await stopProfile();
    const nodeCpu = process.cpuUsage(nodeCpuBefore);
    const dbCpuAfter = dbCpu();
    const { counts: calls, calls: recorded } = stopCounting();
    const callsPerDeadline = Object.fromEntries(
      Object.entries(calls)
        .sort(([, a], [, b]) => b - a)
        .map(([name, n]) => [name, round(n / count)]),
    );
    log(`SDK calls per deadline: ${JSON.stringify(callsPerDeadline)}`);
    let closed = (await store.listProposals({ phase: 'closed' })).length;
    // Bounded: the engine being idle should mean all are closed; give the relay a few passes if not.
    for (let pass = 0; closed < count && pass < 10; pass++) {
      await stack.settle();
      closed = (await store.listProposals({ phase: 'closed' })).length;
    }
    const closedSeconds = (performance.now() - started) / 1000;
    const lapsedDecisions = (await store.listDecisions()).filter((d) => d.objection === 'lapsed').length;
    log('the floor: the same number of transactions straight to DynamoDB Local');
    const timedFloor = async (bytes?: { proposal: number; event: number }) => {
      const dbBefore = dbCpu();
      const nodeBefore = process.cpuUsage();
      const floorStarted = performance.now();
      await floorTransactions(stack.dynamoDbEndpoint, stack.tableName, transactions(calls, count), bytes);
      const seconds = (performance.now() - floorStarted) / 1000;
      const node = process.cpuUsage(nodeBefore);
      const dbAfter = dbCpu();
      return {
        seconds: round(seconds),
        cpuSeconds: {
          node: round((node.user + node.system) / 1e6),
          dynamoDbLocal: dbBefore === null || dbAfter === null ? null : round(dbAfter - dbBefore),
        },
      };
    };
    const floorBytes = transitionBytes(recorded);
    const floor = { ...(await timedFloor(floorBytes)), bytes: floorBytes };
    const floorTinyItems = await timedFloor();
    log('the floor of the calls: the DynamoDB calls of the fire sent again straight to DynamoDB Local');
    const callsFloor = await measureCallsFloor(recorded, stack, dbCpu);
    return {
      callsFloor,
      callsPerDeadline,
      parkedRssMiB,
      floor,
      floorTinyItems,
      executions: count,
      setupSeconds: round(setupSeconds, 1),
      parkedBeforeAdvance: parked,
      firedSeconds: round(firedSeconds),
      closedSeconds: round(closedSeconds),
      cpuSeconds: {
        node: round((nodeCpu.user + nodeCpu.system) / 1e6),
        dynamoDbLocal: dbCpuBefore === null || dbCpuAfter === null ? null : round(dbCpuAfter - dbCpuBefore),
      },
      closed,
      lapsedDecisions,
    };
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The proposals' transactions the fire made (the floor sends as many); `count` when none were
 * counted. The engine's own (a step that also writes its events item) are not the transitions.
 */
function transactions(calls: Record<string, number>, count: number): number {
  const made = calls['stack TransactWrite'] ?? 0;
  return made > 0 ? made : count;
}

/** Sends the fire's DynamoDB calls again (parked-floor.ts), timed and with both processes' CPU: all, then each kind alone. */
async function measureCallsFloor(
  recorded: readonly RecordedCall[],
  stack: { readonly dynamoDbEndpoint: string; readonly tableName: string },
  dbCpu: () => number | null,
): Promise<ParkedFigures['callsFloor']> {
  const scratch = `${stack.tableName}_floor`;
  const { client } = localClients(stack.dynamoDbEndpoint);
  const timed = async (calls: readonly RecordedCall[]) => {
    const dbBefore = dbCpu();
    const nodeBefore = process.cpuUsage();
    const started = performance.now();
    const sent = await replayCalls(calls, scratch);
    const seconds = (performance.now() - started) / 1000;
    const node = process.cpuUsage(nodeBefore);
    const dbAfter = dbCpu();
    return {
      calls: Object.values(sent).reduce((a, b) => a + b, 0),
      seconds: round(seconds),
      cpuSeconds: {
        node: round((node.user + node.system) / 1e6),
        dynamoDbLocal: dbBefore === null || dbAfter === null ? null : round(dbAfter - dbBefore),
      },
    };
  };
  try {
    await ensureTable(client, scratch);
    const all = await timed(recorded);
    const byKind: Record<string, Awaited<ReturnType<typeof timed>>> = {};
    for (const kind of new Set(recorded.map((call) => call.name)))
      byKind[kind] = await timed(recorded.filter((call) => call.name === kind));
    // With BENCH_PARKED_ITEMS=1 (not in the run): the transactions again without each kind of item.
    if (process.env.BENCH_PARKED_ITEMS === '1') {
      const transactions = recorded.filter((call) => call.name === 'stack TransactWrite');
      const kinds = new Set(
        transactions.flatMap((call) =>
          (call.command.input.TransactItems as Record<string, unknown>[]).map(itemKind),
        ),
      );
      for (const kind of kinds)
        byKind[`stack TransactWrite without ${kind}`] = await timed(withoutItems(transactions, kind));
    }
    return { ...all, byKind };
  } finally {
    client.destroy();
  }
}

/** About the bytes DynamoDB counts for a value: strings and binaries their length, names included. */
function bytesOf(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + bytesOf(v), 0);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).reduce((sum, [k, v]) => sum + k.length + bytesOf(v), 0);
  return 8;
}

/** The bytes of the proposal's update and of its event in the fire's transactions (their mean). */
function transitionBytes(recorded: readonly RecordedCall[]): { proposal: number; event: number } {
  const sizes = { proposal: [] as number[], event: [] as number[] };
  for (const call of recorded.filter((c) => c.name === 'stack TransactWrite')) {
    for (const item of call.command.input.TransactItems as Record<string, unknown>[]) {
      const kind = itemKind(item);
      const write = Object.values(item)[0] as Record<string, unknown>;
      if (kind === 'Update PROPOSAL') sizes.proposal.push(bytesOf(write.ExpressionAttributeValues));
      if (kind === 'Put EVENT#') sizes.event.push(bytesOf(write.Item));
    }
  }
  const mean = (values: number[]) =>
    values.length === 0 ? 0 : Math.round(values.reduce((a, b) => a + b, 0) / values.length);
  return { proposal: mean(sizes.proposal), event: mean(sizes.event) };
}

/**
 * `count` transactions, eight at a time, each what a deadline must write at least: the proposal's
 * new state, conditional on its version, and its audit event, of the sizes the fire wrote
 * (`bytes`; with none, a counter and a one-word event, the floor of the runs before 2026-12-07 21:30).
 */
async function floorTransactions(
  endpoint: string,
  tableName: string,
  count: number,
  bytes?: { readonly proposal: number; readonly event: number },
): Promise<void> {
  const { client } = localClients(endpoint);
  const counter = 'SET version = if_not_exists(version, :zero) + :one';
  try {
    await pool(count, 8, async (i) => {
      const pk = { S: `FLOOR#${bytes ? 'SIZED' : 'TINY'}#${i}` };
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: { pk, sk: { S: 'ITEM' } },
                UpdateExpression: bytes ? `${counter}, #snapshot = :state` : counter,
                ...(bytes ? { ExpressionAttributeNames: { '#snapshot': 'snapshot' } } : {}),
                ConditionExpression: 'attribute_not_exists(version) OR version >= :zero',
                ExpressionAttributeValues: {
                  ':zero': { N: '0' },
                  ':one': { N: '1' },
                  ...(bytes ? { ':state': { S: 'x'.repeat(bytes.proposal) } } : {}),
                },
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: {
                  pk,
                  sk: { S: 'EVENT#1' },
                  type: { S: 'lapse' },
                  ...(bytes ? { detail: { S: 'x'.repeat(bytes.event) } } : {}),
                },
              },
            },
          ],
        }),
      );
    });
  } finally {
    client.destroy();
  }
}

/** Resident memory of the local engine with many executions parked (issue 16: 10,000 ≤ 300 MB). */
export interface ParkedMemoryFigures {
  readonly executions: number;
  /** How long parking them took (StartExecution until every one waits on its token). */
  readonly parkSeconds: number;
  /** The same process with the engine started and nothing parked: what is not the executions'. */
  readonly emptyRssMiB: number;
  /** The process that parked them all, after a garbage collection. */
  readonly parkedRssMiB: number;
  /** A fresh process that starts the engine on them (resumes, re-arms every timer), after a GC. */
  readonly restartedRssMiB: number;
}

/**
 * Parks `executions` executions of the compiled lifecycle on the 6-week objection deadline, the
 * quickest way: the engine alone, in a child process of its own, with stand-ins for the park
 * task (the proposal's own writes are not the engine's memory). Then a second child starts an
 * engine on the same table, as `npm start` after a restart would. Each child reports its RSS.
 */
export async function measureParkedMemory(options: {
  readonly dynamoDbEndpoint: string;
  readonly executions: number;
  readonly log?: (line: string) => void;
}): Promise<ParkedMemoryFigures> {
  const tableName = `bench_parked_memory_${Date.now()}`;
  const child = async (mode: 'park' | 'restart') => {
    const args = ['--import', 'tsx', '--expose-gc', fileURLToPath(import.meta.url), MEMORY_CHILD, mode];
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [...args, options.dynamoDbEndpoint, tableName, String(options.executions)],
      {
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        maxBuffer: 1 << 20,
      },
    );
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
  };
  options.log?.(`parking ${options.executions} executions with the engine alone (a child process)`);
  const parked = await child('park');
  options.log?.(`parked in ${parked.parkSeconds} s; RSS ${parked.parkedRssMiB} MiB; restarting on them`);
  const restarted = await child('restart');
  return {
    executions: options.executions,
    parkSeconds: round(parked.parkSeconds ?? 0, 1),
    emptyRssMiB: parked.emptyRssMiB ?? 0,
    parkedRssMiB: parked.parkedRssMiB ?? 0,
    restartedRssMiB: restarted.parkedRssMiB ?? 0,
  };
}

const MEMORY_CHILD = '--parked-memory-child';

/** The child of {@link measureParkedMemory}: prints its figures as one JSON line. */
async function parkedMemoryChild(mode: string, endpoint: string, tableName: string, count: number) {
  const { client, documentClient } = localClients(endpoint);
  if (mode === 'park') await ensureTable(client, tableName);
  const sixWeeks = 42 * 24 * 3600;
  const engine = createLocalEngine({
    documentClient,
    tableName,
    clock: new AdjustableClock(),
    handlers: {
      // "Time …" asks for the timer, "Park …" stores the token: stand-ins that answer as the park task does.
      [FUNCTIONS.ParkFunctionArn]: async (payload) =>
        (payload as { taskToken?: string }).taskToken === undefined
          ? {
              seconds: sixWeeks,
              onTimeout: 'deadline',
              due: new Date(Date.now() + sixWeeks * 1000).toISOString(),
              successorName: 'next',
            }
          : {},
    },
    substitutions: FUNCTIONS,
    definitions: { 'proposal-lifecycle': lifecycleAsl() },
  });
  const rss = () => {
    globalThis.gc?.();
    return round(process.memoryUsage().rss / 2 ** 20, 0);
  };
  await engine.start();
  await engine.idle();
  const emptyRssMiB = rss();
  const started = performance.now();
  if (mode === 'park') {
    const stateMachineArn = engine.stateMachineArn('proposal-lifecycle');
    const signal = { type: 'xstate.rollover', target: 'objection.inGroup.awaitingArguments', version: 5 };
    await pool(count, 32, async (i) => {
      const input = JSON.stringify({ proposalId: `p-${i}`, signal });
      await engine.startExecution({ stateMachineArn, name: `parked-${i}`, input });
    });
    await engine.idle();
  }
  const parkSeconds = (performance.now() - started) / 1000;
  const parkedRssMiB = rss();
  await engine.stop();
  client.destroy();
  process.stdout.write(`${JSON.stringify({ parkSeconds, emptyRssMiB, parkedRssMiB })}\n`);
}

/**
 * The quick form for trial runs, alone: `BENCH_PARKED=200 BENCH_PARKED_MEMORY=1000 tsx bench/parked.ts`
 * (those defaults; `BENCH_PARKED_MEMORY=0` leaves the memory figure out) starts its own DynamoDB Local in memory, prints the figures as JSON and stops it by its PID.
 */
const self = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (self && process.argv[2] === MEMORY_CHILD) {
  const [mode = '', endpoint = '', tableName = '', count = '0'] = process.argv.slice(3);
  await parkedMemoryChild(mode, endpoint, tableName, Number(count));
} else if (self) {
  const db = await startDynamoDbLocal({ inMemory: true });
  try {
    const log = (line: string) => process.stderr.write(`[parked] ${line}\n`);
    const memoryExecutions = Number(process.env.BENCH_PARKED_MEMORY ?? 1000);
    // BENCH_PARKED_MEMORY=0 skips the memory figure (while iterating on the deadlines' time).
    const memory =
      memoryExecutions > 0
        ? await measureParkedMemory({ dynamoDbEndpoint: db.endpoint, executions: memoryExecutions, log })
        : undefined;
    if (memory) log(JSON.stringify(memory));
    const executions = Number(process.env.BENCH_PARKED ?? 200);
    const figures =
      executions > 0
        ? await measureParked({ dynamoDbEndpoint: db.endpoint, dynamoDbPid: db.pid, executions, log })
        : undefined;
    process.stdout.write(`${JSON.stringify({ memory, figures }, null, 2)}\n`);
  } finally {
    await db.stop();
  }
}
