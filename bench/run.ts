/**
 * `npm run bench`: every figure of bench/README.md, measured in one run on this machine, printed
 * as tables and written to bench/results.json. Traffic goes to 127.0.0.1 only; every process it
 * starts (DynamoDB Local, the stack's child, the import runs) is stopped by its own PID.
 *
 * Environment (for quicker trial runs; the defaults are the benchmark): BENCH_INIT_RUNS (7),
 * BENCH_LOAD_SECONDS (5), BENCH_PARKED (1000), BENCH_LIST_PROPOSALS (10000); BENCH_ONLY=handlers
 * runs section 1 alone, prints it and writes nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadLocalKey } from '#infra/local/auth.ts';
import { localClients } from '#infra/local/clients.ts';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';
import { ensureTable } from '#shared/store/ensure-table.ts';
import { seedColdTable } from './cold.ts';
import { loadPrices } from './cost.ts';
import { measureEngine } from './engine-size.ts';
import { goalRows, handlerRows } from './goals.ts';
import { measureHandlers } from './handlers.ts';
import { listsLines, measureLists } from './lists.ts';
import { startMeteredStack } from './meters.ts';
import { measureParked, measureParkedMemory } from './parked.ts';
import {
  capacityTable,
  costBreakdownTable,
  floorLines,
  goalsTable,
  handlersTable,
  parkedLines,
  scenarioTable,
  throughputTable,
  voteRoundLines,
  writtenItemsLines,
} from './report.ts';
import { measureScenarios } from './scenarios.ts';
import { round } from './stats.ts';
import { latencyFloorLines, measureThroughput } from './throughput.ts';
import { measureWebApp, webAppLines } from './web-app.ts';

const settings = {
  initRuns: Number(process.env.BENCH_INIT_RUNS ?? 7),
  loadSeconds: Number(process.env.BENCH_LOAD_SECONDS ?? 5),
  loadWarmupSeconds: 2,
  connections: [1, 8, 64],
  parkedExecutions: Number(process.env.BENCH_PARKED ?? 1000),
  listProposals: Number(process.env.BENCH_LIST_PROPOSALS ?? 10_000),
  parkedMemoryExecutions: Number(process.env.BENCH_PARKED_MEMORY ?? 10_000),
  proposalsPerYear: 200,
};
const RESULTS = new URL('./results.json', import.meta.url);

const started = performance.now();
const log = (line: string) =>
  process.stderr.write(
    `[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}\n`,
  );
const out = (text: string) => process.stdout.write(`${text}\n`);

const machine = {
  platform: `${platform()} ${release()}`,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: round(totalmem() / 2 ** 30, 1),
  freeMemoryGiBAtStart: round(freemem() / 2 ** 30, 1),
  /** 1-, 5- and 15-minute load averages: other work on the machine skews every figure. */
  loadAverageAtStart: loadavg().map((l) => round(l)),
};
const prices = loadPrices();

log('starting DynamoDB Local (in memory)');
const db = await startDynamoDbLocal({ inMemory: true });
log(`DynamoDB Local: PID ${db.pid}, ${db.endpoint}`);
const meteredDir = mkdtempSync(join(tmpdir(), 'bench-metered-'));
try {
  log('1/4 handlers: bundle size, module initialisation and the cold request');
  const coldTable = 'bench_cold';
  const coldClients = localClients(db.endpoint);
  await ensureTable(coldClients.client, coldTable);
  coldClients.client.destroy();
  // As the deploy's custom resource does: without version 1 every cold request stops at its first read.
  await seedColdTable(db.endpoint, coldTable);
  const handlers = await measureHandlers(settings.initRuns, log, {
    dynamoDbEndpoint: db.endpoint,
    tableName: coldTable,
  });
  if (process.env.BENCH_ONLY === 'handlers') {
    out(goalsTable(handlerRows({ handlers })));
    out(`\n1. Handlers (median of ${handlers.runs}; section 1 alone, nothing written)\n`);
    out(handlersTable(handlers));
    out(`\n${floorLines(handlers)}`);
    process.exitCode = 0;
  } else {
    log('2/4 throughput and latency (autocannon)');
    const throughput = await measureThroughput({
      dynamoDbEndpoint: db.endpoint,
      dynamoDbPid: db.pid,
      durationSeconds: settings.loadSeconds,
      warmupSeconds: settings.loadWarmupSeconds,
      connections: settings.connections,
      log,
    });

    log('3/4 DynamoDB capacity per route, and the lifecycles with their cost');
    const metered = await startMeteredStack({
      dynamoDbEndpoint: db.endpoint,
      tableName: 'bench_metered',
      dataDir: meteredDir,
    });
    let scenarios: Awaited<ReturnType<typeof measureScenarios>>;
    try {
      scenarios = await measureScenarios(metered, await loadLocalKey(meteredDir), prices, log);
    } finally {
      await metered.stop();
    }

    log(`4/4 ${settings.parkedExecutions} parked deadlines after one clock advance`);
    const parked = await measureParked({
      dynamoDbEndpoint: db.endpoint,
      dynamoDbPid: db.pid,
      executions: settings.parkedExecutions,
      log,
    });
    log(`4/4 ${settings.parkedMemoryExecutions} parked executions: resident memory of the engine`);
    const parkedMemory = await measureParkedMemory({
      dynamoDbEndpoint: db.endpoint,
      executions: settings.parkedMemoryExecutions,
      log,
    });

    log(`lists: GET /proposals and GET /decisions with ${settings.listProposals} proposals stored`);
    const lists = await measureLists({
      dynamoDbEndpoint: db.endpoint,
      proposals: settings.listProposals,
      durationSeconds: settings.loadSeconds,
      warmupSeconds: settings.loadWarmupSeconds,
      connections: 8,
      log,
    });

    const goals = goalRows({
      handlers,
      throughput,
      scenarios,
      parked,
      lists,
      parkedMemory,
      engine: measureEngine(),
      proposalsPerYear: settings.proposalsPerYear,
    });
    const results = {
      goals,
      date: new Date().toISOString(),
      node: process.version,
      machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => round(l)) },
      settings,
      durationSeconds: round((performance.now() - started) / 1000, 0),
      handlers,
      throughput: {
        stack: 'startLocalStack in a child process, DynamoDB Local (in memory) on the same machine',
        results: throughput,
      },
      dynamoDbCapacity: {
        unit: 'request units of one request, median over the samples (RRU read, WRU write)',
        listed: scenarios.listed,
        proposalItem: scenarios.proposalItem,
        routes: scenarios.routes,
        routesInScenarios: scenarios.routesInScenarios,
      },
      scenarios: {
        prices: {
          region: prices.region,
          currency: prices.currency,
          takenOn: prices.takenOn,
          status: prices.status,
          sources: prices.sources,
        },
        results: scenarios.scenarios,
      },
      parkedDeadlines: parked,
      lists,
      parkedMemory,
      engine: measureEngine(),
      webApp: await measureWebApp(db.endpoint, log),
    };

    const load = `load average at start ${machine.loadAverageAtStart.join(' ')}, at end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`;
    out(
      `\nBenchmark ${results.date} — Node ${process.version}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.cpuModel}; ${load}\n`,
    );
    out('Goals (issue 16): each figure of this run against its goal\n');
    out(goalsTable(goals));
    out('');
    out(
      `1. Handlers (bundled as the Lambda construct does; init = process start → import done; cold = process start → answer of its first request (clients and the first DynamoDB call included); median of ${handlers.runs}; × = ratio to the baseline)\n`,
    );
    out(handlersTable(handlers));
    out(`\n   Floors: the AWS SDK clients each entry carries, alone, built and called as the baseline is\n`);
    out(floorLines(handlers));
    out(
      `\n2. Throughput and latency (autocannon, ${settings.loadSeconds} s per row, local stack on 127.0.0.1)\n`,
    );
    out(throughputTable(throughput.load));
    out(latencyFloorLines(throughput.load).join('\n'));
    const { burst, voteRound, voteAging } = throughput;
    if (voteRound || voteAging) out(`\n${voteRoundLines(voteRound, voteAging)}`);
    out(
      `\n   burst: ${burst.connections} connections at once (${burst.parties} parties × ${burst.changesPerParty} vote changes), then one change each: ${burst.dropped} dropped ${JSON.stringify(burst.droppedBy)}, answers ${JSON.stringify(burst.statuses)}, last choices counted once: ${burst.countedOnce ? 'yes' : 'NO'}, ${burst.wallMs} ms`,
    );
    out(
      `\n3. DynamoDB request units of one request (ConsumedCapacity from DynamoDB Local; TransactWriteItems as AWS bills them, see bench/README.md; GET /decisions listed ${scenarios.listed.decisions}, GET /deadlines ${scenarios.listed.deadlines}; the walk's proposal record ≈ ${scenarios.proposalItem.jsonBytes} bytes of JSON, ${scenarios.proposalItem.snapshotJsonBytes} of them the snapshot, stored compressed)\n`,
    );
    out(capacityTable(scenarios.routes));
    const otherRoutes = scenarios.routesInScenarios.filter(
      (r) => !scenarios.routes.some((w) => w.routeKey === r.routeKey),
    );
    out('\n   other routes, as seen in the lifecycles below\n');
    out(capacityTable(otherRoutes));
    out('\n   where the write units go (the heaviest request of each route; WRU as table+index)\n');
    out(writtenItemsLines([...scenarios.routes, ...scenarios.routesInScenarios]));
    out(
      `\n4. Lifecycles: state transitions and estimated AWS cost (${prices.region}, prices of ${prices.takenOn}: ${prices.status})\n`,
    );
    out(scenarioTable(scenarios));
    out('');
    out(costBreakdownTable(scenarios));
    out(`\n5. Parked deadlines\n`);
    out(parkedLines(parked, machine.cores));
    out(`\n   Lists with ${lists.proposals} proposals stored (section 3 of bench/README.md, "lists")\n`);
    out(listsLines(lists));
    out(`SDK calls per deadline while they fired: ${JSON.stringify(parked.callsPerDeadline)}`);
    out(
      `${parkedMemory.executions} executions parked by the engine alone in ${parkedMemory.parkSeconds} s: RSS ${parkedMemory.parkedRssMiB} MiB; after a restart on them ${parkedMemory.restartedRssMiB} MiB; with none ${parkedMemory.emptyRssMiB} MiB`,
    );
    out(
      `\n6. The local engine (infra/local/engine/): ${results.engine.files} files, ${results.engine.lines} lines of TypeScript`,
    );
    out(`\n7. The web app (issue 13, item 8)\n${webAppLines(results.webApp)}`);
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    out(`\nwritten: bench/results.json (${round((performance.now() - started) / 1000, 0)} s)`);
  }
} finally {
  // DynamoDB Local's process, its pipes and its stop timer are all unref'd: while this awaits its
  // exit, nothing else would keep Node running, and it would end before the JVM has gone.
  const keepAlive = setInterval(() => undefined, 1000);
  await db.stop();
  clearInterval(keepAlive);
  rmSync(meteredDir, { recursive: true, force: true });
}
