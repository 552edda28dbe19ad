/**
 * 1,000 proposals whose executions are parked on the 6-week objection deadline (art. 7.3), then ONE
 * clock advance of 43 days: how long until every deadline has fired (engine idle, every proposal
 * closed with its objection lapsed). On the product's own local stack (`startLocalStack`).
 *
 * Setup, the fastest way the product allows: not through the API, but with its own core in
 * process. Per proposal: `createProposal` and four `dispatch`es (draft, schedule, consensus,
 * objection), each one conditional transaction with its signal row; then `relayProposal` starts
 * the execution with the start signal, and the execution catches up on the later signals through
 * the park task (DESIGN 3.2) until it parks in `awaitingArguments` with the deadline as timeout.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { localClients } from '#infra/local/clients.ts';
import { days } from '#infra/local/clock.ts';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';
import { startLocalStack } from '#infra/local/stack.ts';
import { createProposal, dispatch, initialSignal, relaySignal } from '#shared/dispatch/index.ts';
import { nowOf } from '#shared/usecases/deps.ts';
import { closeMeeting, createMeeting } from '#shared/usecases/meetings.ts';
import { dateOf } from './api.ts';
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
   * The floor: as many transactions as there were deadlines, sent straight to DynamoDB Local
   * (eight at a time, each a conditional update and a put, like a transition's), same run.
   */
  readonly floor: { readonly seconds: number; readonly cpuSeconds: ParkedFigures['cpuSeconds'] };
  /**
   * AWS SDK calls made by this process while the deadlines fired, per operation and per deadline
   * (DynamoDB by the engine, the task handlers and the relay; SFN by the handlers to the engine).
   */
  readonly callsPerDeadline: Readonly<Record<string, number>>;
}

/**
 * Counts every AWS SDK call of this process by command name (`PutCommand`, `SendTaskSuccessCommand`…)
 * until the returned function is called, which gives the counts. It wraps `send` of the SDK's
 * common client class, which every client here (DynamoDB, its document client, SFN) inherits.
 */
function countSdkCalls(): () => Record<string, number> {
  const base = Object.getPrototypeOf(DynamoDBClient.prototype) as {
    send: (this: unknown, command: object, ...rest: unknown[]) => unknown;
  };
  const original = base.send;
  const counts: Record<string, number> = {};
  base.send = function (this: unknown, command: object, ...rest: unknown[]) {
    const name = command.constructor.name.replace(/Command$/, '');
    counts[name] = (counts[name] ?? 0) + 1;
    return original.call(this, command, ...rest);
  };
  return () => {
    base.send = original;
    return counts;
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
    const meeting = await createMeeting(deps, { date: dateOf(stack.clock.now()), title: 'Stuurgroep' }, ZIN);
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
      // The relay's start: StartExecution with the start signal, then the signal row goes.
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
    const started = performance.now();
    stack.clock.advance(days(43));
    await stack.engine.idle();
    const firedSeconds = (performance.now() - started) / 1000;
    const nodeCpu = process.cpuUsage(nodeCpuBefore);
    const dbCpuAfter = dbCpu();
    const calls = stopCounting();
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
    const floorDbBefore = dbCpu();
    const floorNodeBefore = process.cpuUsage();
    const floorStarted = performance.now();
    await floorTransactions(stack.dynamoDbEndpoint, stack.tableName, count);
    const floorSeconds = (performance.now() - floorStarted) / 1000;
    const floorNode = process.cpuUsage(floorNodeBefore);
    const floorDbAfter = dbCpu();
    return {
      callsPerDeadline,
      parkedRssMiB,
      floor: {
        seconds: round(floorSeconds),
        cpuSeconds: {
          node: round((floorNode.user + floorNode.system) / 1e6),
          dynamoDbLocal:
            floorDbBefore === null || floorDbAfter === null ? null : round(floorDbAfter - floorDbBefore),
        },
      },
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

/** `count` transactions, eight at a time: a conditional update of one item and a put of another. */
async function floorTransactions(endpoint: string, tableName: string, count: number): Promise<void> {
  const { client } = localClients(endpoint);
  try {
    await pool(count, 8, async (i) => {
      const pk = { S: `FLOOR#${i}` };
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: { pk, sk: { S: 'ITEM' } },
                UpdateExpression: 'SET version = if_not_exists(version, :zero) + :one',
                ConditionExpression: 'attribute_not_exists(version) OR version >= :zero',
                ExpressionAttributeValues: { ':zero': { N: '0' }, ':one': { N: '1' } },
              },
            },
            { Put: { TableName: tableName, Item: { pk, sk: { S: 'EVENT#1' }, type: { S: 'lapse' } } } },
          ],
        }),
      );
    });
  } finally {
    client.destroy();
  }
}

/**
 * The quick form for trial runs, alone: `BENCH_PARKED=200 tsx bench/parked.ts` (default 200) starts
 * its own DynamoDB Local in memory, prints the figures as JSON and stops it by its PID.
 */
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const db = await startDynamoDbLocal({ inMemory: true });
  try {
    const figures = await measureParked({
      dynamoDbEndpoint: db.endpoint,
      dynamoDbPid: db.pid,
      executions: Number(process.env.BENCH_PARKED ?? 200),
      log: (line) => process.stderr.write(`[parked] ${line}\n`),
    });
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    await db.stop();
  }
}
