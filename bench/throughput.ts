/**
 * Requests per second and latency of `GET /proposals/{id}` and `PUT /proposals/{id}/votes/{party}`
 * at 1, 8 and 64 connections, with autocannon, against the local stack (`startLocalStack`, the
 * product's own wiring) running in a child process, on one proposal in the `voting` phase.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import autocannon from 'autocannon';
import { loadLocalKey } from '#infra/local/auth.ts';
import { localClients } from '#infra/local/clients.ts';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';
import { proposalPk, SK, supersededBallotsPk } from '#shared/store/keys.ts';
import { type BurstFigures, runBurst } from '#test/support/burst.ts';
import { Api, dateOf, openVote, scheduledProposal, VOTING_PARTIES } from './api.ts';
import { throughputTable, voteRoundLines } from './report.ts';
import { startStackChild, stopStackChild } from './stack-process.ts';
import { round } from './stats.ts';

const TABLE = 'bench_throughput';
const GET_ROUTE = 'GET /proposals/{id}';
const PUT_ROUTE = 'PUT /proposals/{id}/votes/{party}';
/** The route name of the floor: DynamoDB Local answering the proposal's Query, with no API around it. */
export const RAW_QUERY = 'raw DynamoDB Query (floor)';
/** The floor's Query sent through the AWS SDK from a Node process: shown beside the floor, not a goal's divisor. */
export const SDK_QUERY = 'the same Query through the AWS SDK';

export interface LoadFigures {
  readonly route: string;
  readonly connections: number;
  /** Average of autocannon's per-second samples. */
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /**
   * CPU time (user + system) per request answered, in ms: of the stack's process (absent while a
   * floor runs: it does nothing then), of the bench's own process (the load generator; for the SDK
   * row also the SDK client itself), and of DynamoDB Local when its PID is known (Linux /proc).
   */
  readonly cpuMsPerRequest?: {
    readonly stack?: number;
    readonly bench: number;
    readonly dynamoDbLocal?: number;
  };
}

export interface ThroughputOptions {
  readonly dynamoDbEndpoint: string;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly connections: readonly number[];
  /** Only the routes whose name contains one of these (a quicker trial run); the floor always runs. @default every route */
  readonly routes?: readonly string[];
  /** DynamoDB Local's PID, to report its CPU time per request. */
  readonly dynamoDbPid?: number;
  readonly log?: (line: string) => void;
}

/** CPU ms (user + system) a process has used so far, from /proc (Linux); undefined elsewhere. */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

/** One autocannon run's figures. */
export const loadFigures = (route: string, connections: number, result: autocannon.Result): LoadFigures => ({
  route,
  connections,
  requestsPerSecond: round(result.requests.average, 1),
  p50Ms: round(result.latency.p50, 1),
  p99Ms: round(result.latency.p99, 1),
  requests: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
});

/** The proposal's partition, read consistently: the Query the store makes for `GET /proposals/{id}`. */
const PARTITION_QUERY = {
  TableName: TABLE,
  KeyConditionExpression: 'pk = :pk',
  ConsistentRead: true,
} as const;

/**
 * The floor of GET /proposals/{id}: the same Query the store makes (the proposal's partition,
 * consistently) sent straight to DynamoDB Local by autocannon, at the same concurrency: no API, no
 * AWS SDK (a fixed body, serialised once). DynamoDB Local checks no signature, so one fixed
 * Authorization header serves every request.
 */
const rawQuery =
  (endpoint: string, id: string) =>
  async (connections: number, duration: number): Promise<LoadFigures> =>
    loadFigures(
      RAW_QUERY,
      connections,
      await autocannon({
        url: endpoint,
        connections,
        duration,
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.Query',
          authorization:
            'AWS4-HMAC-SHA256 Credential=local/20260101/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
        },
        body: JSON.stringify({
          ...PARTITION_QUERY,
          ExpressionAttributeValues: { ':pk': { S: proposalPk(id) } },
        }),
      }),
    );

/**
 * The same Query through the AWS SDK (the DocumentClient with the local stack's client settings,
 * `localClients`), `connections` callers at once in a closed loop, in the bench's own process: what
 * the SDK adds to the raw floor (signing, serialising, its middleware, Node's HTTP client), without
 * the API. Shown beside the floor; the goals divide by the raw floor.
 */
const sdkQuery =
  (endpoint: string, id: string) =>
  async (connections: number, duration: number): Promise<LoadFigures> => {
    const { client, documentClient } = localClients(endpoint);
    const latencies: number[] = [];
    let errors = 0;
    const until = performance.now() + duration * 1000;
    const caller = async () => {
      while (performance.now() < until) {
        const sent = performance.now();
        try {
          await documentClient.send(
            new QueryCommand({ ...PARTITION_QUERY, ExpressionAttributeValues: { ':pk': proposalPk(id) } }),
          );
          latencies.push(performance.now() - sent);
        } catch {
          errors++;
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: connections }, caller));
    } finally {
      client.destroy();
    }
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    return {
      route: SDK_QUERY,
      connections,
      requestsPerSecond: round(latencies.length / duration, 1),
      p50Ms: round(at(0.5), 1),
      p99Ms: round(at(0.99), 1),
      requests: latencies.length,
      non2xx: 0,
      errors,
      timeouts: 0,
    };
  };

/**
 * The voting round the PUT runs voted in, after them (issue 16): the round item keeps each party's
 * current ballot only, the ballots changes replaced are items of their own.
 */
export interface VoteRoundFigures {
  /** Ballots given in the round: the current ones and the replaced ones. */
  readonly ballotsGiven: number;
  /** The round item's size (JSON bytes of its attributes): bounded by the number of parties. */
  readonly itemBytes: number;
  /** Items kept for replaced ballots (outside the proposal's partition). */
  readonly supersededItems: number;
}

/**
 * PUT p99 on a fresh round and on the round the PUT runs changed `changesBefore` times, at the same
 * concurrency each, both runs at the same time: equal when a vote's cost does not grow with the
 * round's history. (The fresh round gathers the run's own changes meanwhile: hundreds, against the
 * thousands of the other.)
 */
export interface VoteAgingFigures {
  readonly connections: number;
  readonly changesBefore: number;
  readonly fresh: LoadFigures;
  readonly aged: LoadFigures;
}

/** What the load runs measured, and the 200-connection burst of vote changes. */
export interface ThroughputFigures {
  readonly load: LoadFigures[];
  readonly voteRound?: VoteRoundFigures;
  readonly voteAging?: VoteAgingFigures;
  readonly burst: BurstFigures & { readonly countedOnce: boolean };
}

export async function measureThroughput(options: ThroughputOptions): Promise<ThroughputFigures> {
  const log = options.log ?? (() => undefined);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-throughput-'));
  // The key first: the child reads the same file, so the bench's tokens are valid there.
  const key = await loadLocalKey(dataDir);
  const child = await startStackChild(dataDir, options.dynamoDbEndpoint, TABLE);
  try {
    const url = `http://127.0.0.1:${child.port}`;
    const api = new Api(url, key);
    // The local routes are ZIN's and take JSON.
    const local = async () => ({
      authorization: `Bearer ${await api.token('ZIN')}`,
      'content-type': 'application/json',
    });
    const settle = async () => {
      await (
        await fetch(`${url}/_local/settle`, { method: 'POST', headers: await local(), body: '{}' })
      ).text();
    };
    const now = (await (await fetch(`${url}/_local/clock`, { headers: await local() })).json()) as {
      now: string;
    };
    const { id, meetingId } = await scheduledProposal(api, dateOf(new Date(now.now)), 'Throughput', settle);
    await openVote(api, id, meetingId, settle);
    log(`proposal ${id} is in the voting phase`);

    const readToken = await api.token('ZIN');
    const voteTokens = new Map<string, string>();
    for (const party of VOTING_PARTIES) voteTokens.set(party, await api.token(party));
    let sent = 0;
    const get = async (connections: number, duration: number) =>
      loadFigures(
        GET_ROUTE,
        connections,
        await autocannon({
          url: `${url}/proposals/${id}`,
          connections,
          duration,
          headers: { authorization: `Bearer ${readToken}` },
        }),
      );
    // A fixed rotation over the eight voting parties; every round of eight flips the choice.
    const putOn =
      (proposalId: string, route = PUT_ROUTE) =>
      async (connections: number, duration: number) =>
        loadFigures(
          route,
          connections,
          await autocannon({
            url,
            connections,
            duration,
            requests: [
              {
                method: 'PUT',
                setupRequest: (request) => {
                  const n = sent++;
                  const party = VOTING_PARTIES[n % VOTING_PARTIES.length] as string;
                  const choice = Math.floor(n / VOTING_PARTIES.length) % 2 === 0 ? 'for' : 'against';
                  return {
                    ...request,
                    method: 'PUT',
                    path: `/proposals/${proposalId}/votes/${party}`,
                    headers: {
                      authorization: `Bearer ${voteTokens.get(party)}`,
                      'content-type': 'application/json',
                    },
                    body: JSON.stringify({ choice }),
                  };
                },
              },
            ],
          }),
        );
    const put = putOn(id);

    const results: LoadFigures[] = [];
    for (const [route, run] of [
      [RAW_QUERY, rawQuery(options.dynamoDbEndpoint, id)],
      [SDK_QUERY, sdkQuery(options.dynamoDbEndpoint, id)],
      [GET_ROUTE, get],
      [PUT_ROUTE, put],
    ] as const) {
      const floor = route === RAW_QUERY || route === SDK_QUERY;
      if (!floor && options.routes && !options.routes.some((r) => route.includes(r))) continue;
      log(`${route}: warm-up ${options.warmupSeconds} s`);
      await run(8, options.warmupSeconds);
      for (const connections of options.connections) {
        log(`${route}: ${connections} connection(s), ${options.durationSeconds} s`);
        const pids = [child.process.pid, options.dynamoDbPid] as const;
        const before = pids.map(processCpuMs);
        const bench = process.cpuUsage();
        const figures = await run(connections, options.durationSeconds);
        const benchUsed = process.cpuUsage(bench);
        const perRequest = (ms: number) => round(ms / Math.max(1, figures.requests), 2);
        const used = pids.map((pid, i) => {
          const [start, end] = [before[i], processCpuMs(pid)];
          return start === undefined || end === undefined ? undefined : perRequest(end - start);
        });
        // While a floor runs, the stack's process does nothing: only DynamoDB Local's time is its.
        const [stack, dynamoDbLocal] = floor ? [undefined, used[1]] : used;
        const cpu = {
          ...(stack === undefined ? {} : { stack }),
          bench: perRequest((benchUsed.user + benchUsed.system) / 1000),
          ...(dynamoDbLocal === undefined ? {} : { dynamoDbLocal }),
        };
        results.push({ ...figures, cpuMsPerRequest: cpu });
      }
    }
    const voteRound = await voteRoundOf(options.dynamoDbEndpoint, id);
    let voteAging: VoteAgingFigures | undefined;
    if (voteRound && results.some((r) => r.route === PUT_ROUTE)) {
      // The same load at the same time on a round no one has voted in yet and on the one the runs
      // changed: both meet the same machine (on 2 shared cores, runs one after the other do not).
      const fresh = await scheduledProposal(api, dateOf(new Date(now.now)), 'Fresh round', settle);
      await openVote(api, fresh.id, fresh.meetingId, settle);
      const connections = 8;
      log(
        `PUT on a fresh round and after ${voteRound.ballotsGiven} ballots at once: ${connections} connections each`,
      );
      const [freshRun, agedRun] = await Promise.all([
        putOn(fresh.id, `${PUT_ROUTE}, fresh round`)(connections, options.durationSeconds),
        putOn(id, `${PUT_ROUTE}, after the runs`)(connections, options.durationSeconds),
      ]);
      voteAging = { connections, changesBefore: voteRound.ballotsGiven, fresh: freshRun, aged: agedRun };
    }
    log('burst: 8 parties × 25 vote changes at once');
    const burst = await measureBurst(api, settle, new Date(now.now), voteTokens);
    return {
      load: results,
      ...(voteRound ? { voteRound } : {}),
      ...(voteAging ? { voteAging } : {}),
      burst,
    };
  } finally {
    await stopStackChild(child.process);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The proposal's voting round item as the store keeps it, and the items kept for replaced ballots. */
async function voteRoundOf(endpoint: string, id: string): Promise<VoteRoundFigures | undefined> {
  const { client, documentClient } = localClients(endpoint);
  try {
    const { Items: items = [] } = await documentClient.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :round)',
        ExpressionAttributeValues: { ':pk': proposalPk(id), ':round': SK.round },
        ConsistentRead: true,
      }),
    );
    const round = items.at(-1);
    if (!round) return undefined;
    let supersededItems = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': supersededBallotsPk(id) },
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      supersededItems += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    const current = Object.keys((round.ballots ?? {}) as object).length;
    return {
      ballotsGiven: current + supersededItems,
      itemBytes: Buffer.byteLength(JSON.stringify(round)),
      supersededItems,
    };
  } finally {
    client.destroy();
  }
}

/** The burst of issue 16 on a proposal of its own; then the vote is closed and the tally read. */
async function measureBurst(
  api: Api,
  settle: () => Promise<void>,
  now: Date,
  tokens: ReadonlyMap<string, string>,
): Promise<ThroughputFigures['burst']> {
  const { id, meetingId } = await scheduledProposal(api, dateOf(now), 'Burst', settle);
  await openVote(api, id, meetingId, settle);
  const burst = await runBurst({ baseUrl: api.baseUrl, proposalId: id, tokens, changesPerParty: 25 });
  const closed = await api.call('ZIN', 'POST', `/proposals/${id}/vote/close`, {});
  const votes = ((closed.tally as { votes?: { party: string; choice: string }[] } | undefined)?.votes ??
    []) as { party: string; choice: string }[];
  const countedOnce =
    votes.length === tokens.size &&
    votes.every((v) => burst.lastChoices[v.party] === v.choice) &&
    new Set(votes.map((v) => v.party)).size === tokens.size;
  return { ...burst, countedOnce };
}

/**
 * Section 2 alone, for profiling the stack: `tsx bench/throughput.ts`, on a DynamoDB Local of its
 * own (in memory). BENCH_LOAD_SECONDS (5), BENCH_CONNECTIONS (1,8,64), BENCH_ROUTES (every route;
 * e.g. `GET` or `PUT`: only those, besides the floor), and BENCH_STACK_NODE_OPTIONS for the
 * stack's process (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, see stack-process.ts).
 */
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const db = await startDynamoDbLocal({ inMemory: true });
  try {
    const { load, burst, voteRound, voteAging } = await measureThroughput({
      dynamoDbEndpoint: db.endpoint,
      dynamoDbPid: db.pid,
      durationSeconds: Number(process.env.BENCH_LOAD_SECONDS ?? 5),
      warmupSeconds: 2,
      connections: (process.env.BENCH_CONNECTIONS ?? '1,8,64').split(',').map(Number),
      ...(process.env.BENCH_ROUTES ? { routes: process.env.BENCH_ROUTES.split(',') } : {}),
      log: (line) => process.stderr.write(`[throughput] ${line}\n`),
    });
    process.stdout.write(`${throughputTable(load)}\n`);
    for (const connections of new Set(load.map((r) => r.connections))) {
      const floor = load.find((r) => r.route === RAW_QUERY && r.connections === connections);
      for (const r of load.filter((l) => l.connections === connections))
        process.stdout.write(
          `${r.route} @${connections}: p99 ${r.p99Ms} ms = ${floor ? round(r.p99Ms / floor.p99Ms, 1) : '?'}× the floor; CPU ms per request ${JSON.stringify(r.cpuMsPerRequest)}\n`,
        );
    }
    process.stdout.write(`${voteRoundLines(voteRound, voteAging)}\n`);
    process.stdout.write(
      `burst: ${burst.dropped} dropped, answers ${JSON.stringify(burst.statuses)}, counted once: ${burst.countedOnce}\n`,
    );
  } finally {
    // DynamoDB Local's process is unref'd: hold the event loop open until it has stopped.
    const keepAlive = setInterval(() => undefined, 1000);
    await db.stop();
    clearInterval(keepAlive);
  }
}
