/**
 * One SDK floor of section 2 in a fresh Node process (throughput.ts, `inChild`): the proposal's Query
 * (`query`) or a vote's own calls through the store (`vote`), at BENCH_FLOOR_CONNECTIONS for
 * BENCH_FLOOR_SECONDS after a warm-up of BENCH_FLOOR_WARMUP seconds at 8 connections. Prints a line
 * when it starts to measure (MEASURING), then one JSON line: the figures, with the CPU ms this
 * process used while it measured (`callerCpuMs`).
 */
import { MEASURING, sdkQuery, sdkVote } from './throughput.ts';

const {
  BENCH_FLOOR,
  BENCH_DYNAMODB_ENDPOINT,
  BENCH_PROPOSAL,
  BENCH_FLOOR_CONNECTIONS,
  BENCH_FLOOR_SECONDS,
  BENCH_FLOOR_WARMUP,
} = process.env;
if (!BENCH_DYNAMODB_ENDPOINT || !BENCH_PROPOSAL || (BENCH_FLOOR !== 'query' && BENCH_FLOOR !== 'vote')) {
  throw new Error('floor-child needs BENCH_FLOOR (query|vote), BENCH_DYNAMODB_ENDPOINT and BENCH_PROPOSAL');
}
const run = (BENCH_FLOOR === 'query' ? sdkQuery : sdkVote)(BENCH_DYNAMODB_ENDPOINT, BENCH_PROPOSAL);
const warmup = Number(BENCH_FLOOR_WARMUP ?? 2);
if (warmup > 0) await run(8, warmup);
process.stdout.write(`${MEASURING}\n`);
const cpu = process.cpuUsage();
const figures = await run(Number(BENCH_FLOOR_CONNECTIONS ?? 8), Number(BENCH_FLOOR_SECONDS ?? 5));
const used = process.cpuUsage(cpu);
process.stdout.write(`${JSON.stringify({ ...figures, callerCpuMs: (used.user + used.system) / 1000 })}\n`);
