/** The benchmark's tables as text, for stdout. */

import type { GoalRow } from './goals.ts';
import type { HandlerFigures, HandlerReport } from './handlers.ts';
import type { ParkedFigures } from './parked.ts';
import type { RouteCapacity, ScenarioReport } from './scenarios.ts';
import type { LoadFigures, VoteAgingFigures, VoteRoundFigures } from './throughput.ts';

type Cell = string | number;

/** A fixed-width table: numbers right-aligned, text left-aligned. */
export function table(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((row) => row.map(String));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[], raw?: readonly Cell[]) =>
    cells
      .map((cell, i) =>
        typeof raw?.[i] === 'number' ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [
    line(headers),
    line(widths.map((w) => '-'.repeat(w))),
    ...text.map((row, r) => line(row, rows[r])),
  ].join('\n');
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const usd = (value: number) => `$${value.toFixed(6)}`;

/** A cold run's answer, with `ERROR` in front when it was not a real request's (bench/cold.ts). */
const answerCell = (h: HandlerFigures) =>
  h.coldAnswer === undefined ? '–' : h.coldAnswerReal === false ? `ERROR ${h.coldAnswer}` : h.coldAnswer;

export function handlersTable(report: HandlerReport): string {
  const rows = [report.baseline, ...report.handlers, ...report.floors].map((h) => [
    h.entry,
    kb(h.bytes),
    h.sizeRatio,
    h.floorSizeRatio ?? '–',
    h.tracerFloorSizeRatio ?? '–',
    h.initMs,
    h.initRatio,
    h.importMs,
    h.importRatio,
    h.coldMs ?? '–',
    h.coldRatio ?? '–',
    h.floorColdRatio ?? '–',
    h.tracerFloorColdRatio ?? '–',
    h.coldCpuMs ?? '–',
    h.coldCpuRatio ?? '–',
    h.floorCpuRatio ?? '–',
    h.tracerFloorCpuRatio ?? '–',
    answerCell(h),
    h.exportsHandler ? 'yes' : 'NO',
    h.largest.map((l) => `${l.input} ${l.kib}K`).join(', '),
  ]);
  return table(
    [
      'handler',
      'bundle',
      'size ×',
      'size ×floor',
      'size ×floor+T',
      'init ms',
      'init ×',
      'import ms',
      'import ×',
      'cold ms',
      'cold ×',
      'cold ×floor',
      'cold ×floor+T',
      'cold CPU ms',
      'CPU ×',
      'CPU ×floor',
      'CPU ×floor+T',
      'answer',
      'handler',
      'largest parts',
    ],
    rows,
  );
}

/**
 * Which floors each handler is set against: the AWS SDK clients its bundle carries (`floor`), and
 * those with Powertools Tracer and the X-Ray SDK (`floor+tracer`, issue 14: what the project chose).
 */
export function floorLines(report: HandlerReport): string {
  return report.floors
    .map((f) => {
      const of = report.handlers
        .filter((h) => h.floor === f.entry || h.tracerFloor === f.entry)
        .map((h) => h.entry.replace(/^functions\//, ''));
      return `   ${f.entry}: ${kb(f.bytes)} (${f.sizeRatio}× the baseline), cold ${f.coldMs ?? '–'} ms (${f.coldRatio ?? '–'}×) — the floor of ${of.join(', ')}`;
    })
    .join('\n');
}

/** CPU ms per request of each process that worked on it (bench/README.md section 2). */
const cpuCell = (cpu: LoadFigures['cpuMsPerRequest']) =>
  cpu === undefined
    ? '–'
    : [
        cpu.stack === undefined ? undefined : `stack ${cpu.stack}`,
        `bench ${cpu.bench}`,
        cpu.dynamoDbLocal === undefined ? undefined : `ddb ${cpu.dynamoDbLocal}`,
      ]
        .filter(Boolean)
        .join(', ');

export function throughputTable(results: readonly LoadFigures[]): string {
  return table(
    ['route', 'conn', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors', 'cpu ms/req'],
    results.map((r) => [
      r.route,
      r.connections,
      r.requestsPerSecond,
      r.p50Ms,
      r.p99Ms,
      r.requests,
      r.non2xx,
      r.errors + r.timeouts,
      cpuCell(r.cpuMsPerRequest),
    ]),
  );
}

/**
 * The PUT runs' voting round afterwards and the PUT p99 on a fresh round beside the one after the
 * runs (issue 16: flat however many changes the round has seen). A report line, no verdict.
 */
export function voteRoundLines(
  round: VoteRoundFigures | undefined,
  aging: VoteAgingFigures | undefined,
): string {
  const lines: string[] = [];
  if (round)
    lines.push(
      `   the PUT runs' voting round afterwards: ${round.ballotsGiven} ballots given; the round item ${round.itemBytes} bytes (each party's current ballot only), ${round.supersededItems} replaced ballots kept as items of their own`,
    );
  if (aging) {
    const ratio = aging.fresh.p99Ms > 0 ? (aging.aged.p99Ms / aging.fresh.p99Ms).toFixed(2) : '?';
    lines.push(
      `   PUT p99 @${aging.connections} on each of two rounds at once: fresh ${aging.fresh.p99Ms} ms (p50 ${aging.fresh.p50Ms}, ${aging.fresh.requests} requests), after ${aging.changesBefore} ballots ${aging.aged.p99Ms} ms (p50 ${aging.aged.p50Ms}, ${aging.aged.requests} requests): ${ratio}×`,
    );
  }
  return lines.join('\n');
}

/**
 * Request units and DynamoDB calls of one request per route. The reads are calls (GetItem, Query,
 * BatchGetItem, TransactGetItems, each page of a Query), not items, in two columns: the Queries of
 * the proposal's partition (issue 15: one per request) and every other read (the meeting, the
 * release calendar, a parked token). `transitions` are the proposals' transitions one request
 * commits (a meeting's close commits one per proposal it closes); `max WRU/tr` is the largest WRU
 * of one request over its transitions.
 */
export function capacityTable(routes: readonly RouteCapacity[]): string {
  return table(
    [
      'route',
      'n',
      'RRU',
      'WRU',
      'max RRU',
      'max WRU',
      'transitions',
      'max WRU/tr',
      'proposal Query',
      'other reads',
      'transactions',
      'single writes',
      'handler ms',
    ],
    routes.map((r) => [
      r.routeKey,
      r.samples,
      r.read,
      r.write,
      r.maxRead,
      r.maxWrite,
      r.transitions,
      r.transitions > 0 ? r.maxWritePerTransition : '–',
      r.proposalQueries,
      r.otherReads,
      r.transactions,
      r.singleWrites,
      r.handlerMs,
    ]),
  );
}

/**
 * Where each route's write units go, for its heaviest request (over all the lists given, once per
 * route): per kind of item and operation,
 * how many, the largest one's bytes, and its WRU as `table+index` (a transaction's items at 2 per
 * started KB, single writes at 1; index entries at 1 per KB, a moved key 2).
 */
export function writtenItemsLines(routes: readonly RouteCapacity[]): string {
  // A route measured in the walk and in the lifecycles: its heaviest request of either.
  const heaviest = new Map<string, RouteCapacity>();
  for (const r of routes) {
    const seen = heaviest.get(r.routeKey);
    if (seen === undefined || r.heaviest.write > seen.heaviest.write) heaviest.set(r.routeKey, r);
  }
  return [...heaviest.values()]
    .filter((r) => r.heaviest.items.length > 0)
    .map((r) => {
      const { write, transitions, items } = r.heaviest;
      const step = r.routeKey.startsWith('POST /meetings/') ? ", the meeting's own step included" : '';
      const label =
        transitions > 1
          ? `${write} WRU for ${transitions} transitions${step} (at most ${r.maxWritePerTransition} per transition)`
          : `${write} WRU${transitions === 1 ? ` for 1 transition${step}` : ''}`;
      const parts = items.map(
        (i) => `${i.item} ${i.kind}${i.count > 1 ? ` ×${i.count}` : ''} ${i.bytes} B ${i.table}+${i.index}`,
      );
      return `   ${r.routeKey}: ${label} = ${parts.join(', ')}`;
    })
    .join('\n');
}

export function scenarioTable(report: ScenarioReport): string {
  return table(
    [
      'scenario',
      'API req',
      'transitions',
      'Lambda inv',
      'GB-s',
      'RRU',
      'WRU',
      'e-mails',
      'cost',
      'per 1,000',
      'of which SES',
    ],
    report.scenarios.map((s) => [
      s.name,
      s.apiRequests,
      s.stateTransitions,
      s.lambdaInvocations,
      s.lambdaGbSeconds,
      s.dynamoDb.read,
      s.dynamoDb.write,
      s.emails,
      usd(s.cost.total),
      `$${(s.cost.total * 1000).toFixed(2)}`,
      `${Math.round((100 * s.cost.ses) / s.cost.total)}%`,
    ]),
  );
}

export function costBreakdownTable(report: ScenarioReport): string {
  return table(
    ['scenario', 'Step Functions', 'Lambda req', 'Lambda GB-s', 'DynamoDB', 'API Gateway', 'SES'],
    report.scenarios.map((s) => [
      s.name,
      usd(s.cost.stepFunctions),
      usd(s.cost.lambdaRequests),
      usd(s.cost.lambdaDuration),
      usd(s.cost.dynamoDb),
      usd(s.cost.apiGateway),
      usd(s.cost.ses),
    ]),
  );
}

const ratioOf = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '?');

export function parkedLines(p: ParkedFigures, cores: number): string {
  return [
    `executions parked on the 6-week deadline: ${p.parkedBeforeAdvance} (setup ${p.setupSeconds} s)`,
    `after one clock advance of 43 days: engine idle after ${p.firedSeconds} s; ${p.closed} closed, ${p.lapsedDecisions} decisions with the objection lapsed (checked after ${p.closedSeconds} s)`,
    `floor (the same number of transactions straight to DynamoDB Local, each the proposal's update of ${p.floor.bytes?.proposal ?? '?'} B and its event of ${p.floor.bytes?.event ?? '?'} B): ${p.floor.seconds} s, CPU Node ${p.floor.cpuSeconds.node} s, DynamoDB Local ${p.floor.cpuSeconds.dynamoDbLocal ?? '?'} s; with a counter and a one-word event instead: ${p.floorTinyItems?.seconds ?? '?'} s (${p.floorTinyItems?.cpuSeconds.node ?? '?'} / ${p.floorTinyItems?.cpuSeconds.dynamoDbLocal ?? '?'} CPU-s); resident memory with all parked: ${p.parkedRssMiB} MiB`,
    `CPU while they fired: Node ${p.cpuSeconds.node} s, DynamoDB Local ${p.cpuSeconds.dynamoDbLocal ?? '?'} s (${cores} cores: ${(cores * p.firedSeconds).toFixed(1)} core-seconds in that time)`,
    `DynamoDB calls per deadline: ${Object.entries(p.callsPerDeadline)
      .map(([name, n]) => `${name} ${n}`)
      .join(', ')}`,
    `floor of those calls (the ${p.callsFloor.calls} calls of the fire sent again straight to DynamoDB Local, writes to a scratch table without their conditions): ${p.callsFloor.seconds} s, CPU Node ${p.callsFloor.cpuSeconds.node} s, DynamoDB Local ${p.callsFloor.cpuSeconds.dynamoDbLocal ?? '?'} s; the fire is ${ratioOf(p.closedSeconds, p.callsFloor.seconds)} of it, the calls ${ratioOf(p.callsFloor.seconds, p.floor.seconds)} of one transaction a deadline`,
    `each kind of call sent again alone: ${Object.entries(p.callsFloor.byKind ?? {})
      .map(
        ([kind, k]) =>
          `${kind} ×${k.calls} ${k.seconds} s (Node ${k.cpuSeconds.node}, DynamoDB Local ${k.cpuSeconds.dynamoDbLocal ?? '?'} CPU-s)`,
      )
      .join('; ')}`,
  ].join('\n');
}

/** The goals of issue 16: goal, today, ratio, verdict. */
export function goalsTable(rows: readonly GoalRow[]): string {
  return table(
    ['figure', 'goal', 'today', 'ratio', 'verdict'],
    rows.map((r) => [r.figure, r.goal, r.today, r.ratio ?? '–', r.verdict.toUpperCase()]),
  );
}
