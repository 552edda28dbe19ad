/**
 * Requests per second and latency of `GET /proposals/{id}` and `PUT /proposals/{id}/votes/{party}`
 * at 1, 8 and 64 connections, with autocannon, against the local stack (`startLocalStack`, the
 * product's own wiring) running in a child process, on one proposal in the `voting` phase.
 */

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import autocannon from 'autocannon';
import { loadLocalKey } from '#infra/local/auth.ts';
import { localClients } from '#infra/local/clients.ts';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';
import { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { proposalPk, roundKey, SK, supersededBallotsPk } from '#shared/store/keys.ts';
import { GSI1 } from '#shared/store/table.ts';
import { supersededBallotItem } from '#shared/store/voting.ts';
import { type BurstFigures, runBurst } from '#test/support/burst.ts';
import { Api, dateOf, openVote, scheduledProposal, VOTING_PARTIES } from './api.ts';
import { throughputTable, voteRoundLines } from './report.ts';
import { startStackChild, stopStackChild } from './stack-process.ts';
import { percentile, round } from './stats.ts';

const TABLE = 'bench_throughput';
const GET_ROUTE = 'GET /proposals/{id}';
const PUT_ROUTE = 'PUT /proposals/{id}/votes/{party}';
/** The route name of the floor: DynamoDB Local answering the proposal's Query, with no API around it. */
export const RAW_QUERY = 'raw DynamoDB Query (floor)';
/** The floor's Query sent through the AWS SDK from a Node process: shown beside the floor, not a goal's divisor. */
export const SDK_QUERY = 'the same Query through the AWS SDK';
/**
 * The floor of what a vote must do: its own DynamoDB calls, made by the product's store without the
 * API (the consistent Query, then the ballot's writes). Beside the raw floor, never instead of it.
 */
export const SDK_VOTE = "the vote's own calls through the AWS SDK";
/**
 * The same calls as the vote's floor (the Query, a Put of a ballot's copy, the round's UpdateItem),
 * pre-serialised and sent straight to DynamoDB Local over HTTP, as the raw floor sends its Query: no
 * AWS SDK, no race. What DynamoDB Local itself takes for a vote's calls.
 */
export const RAW_VOTE = "the vote's calls, raw";

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
   * floor runs: it does nothing then), of the caller's process (the load generator in the bench's;
   * for the SDK floors their own process, floor-child.ts), and of DynamoDB Local when its PID is
   * known (Linux /proc; for the SDK floors only while they measured).
   */
  readonly cpuMsPerRequest?: {
    readonly stack?: number;
    readonly bench: number;
    readonly dynamoDbLocal?: number;
  };
  /** Of a PUT run: what its votes wrote, counted in the table after the run (see {@link BallotWrites}). */
  readonly ballots?: BallotWrites;
}

/**
 * What the votes of one PUT run wrote, counted from the items they left (store/voting.ts): a change
 * that won copies the ballot it replaced and updates the round (Query + Put + Update); one that lost
 * the race to another change of the same party (the party on several connections at once) had its
 * conditional update refused and keeps its ballot as given-and-replaced (Query + Put + refused
 * Update + Put). The store retries no refused condition; a transaction conflict (retried) cannot
 * occur while no transaction touches the round.
 */
export interface BallotWrites {
  /** Votes answered in the run, or those its items show (requests in flight at its end) when more. */
  readonly votes: number;
  /** Changes whose update was written. */
  readonly changes: number;
  /** Refused conditional updates: a change of the same party written while this one ran. */
  readonly refusedUpdates: number;
  /** DynamoDB calls per vote: 3 for a change, 4 for a refused one, 2 for a first ballot. */
  readonly callsPerVote: number;
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

/** The headers of a raw request to DynamoDB Local (which checks no signature), but its target. */
const RAW_HEADERS = {
  'content-type': 'application/x-amz-json-1.0',
  authorization:
    'AWS4-HMAC-SHA256 Credential=local/20260101/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
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
        headers: { ...RAW_HEADERS, 'x-amz-target': 'DynamoDB_20120810.Query' },
        body: JSON.stringify({
          ...PARTITION_QUERY,
          ExpressionAttributeValues: { ':pk': { S: proposalPk(id) } },
        }),
      }),
    );

/** One POST of a pre-serialised DynamoDB request to DynamoDB Local; rejects unless it answers 200. */
function postRaw(agent: Agent, endpoint: URL, target: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      endpoint,
      { method: 'POST', agent, headers: { ...RAW_HEADERS, 'x-amz-target': `DynamoDB_20120810.${target}` } },
      (response) => {
        response.resume();
        response.on('end', () =>
          response.statusCode === 200 ? resolve() : reject(new Error(`${target}: ${response.statusCode}`)),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * The vote's calls without the SDK (RAW_VOTE): each caller sends the Query, the Put of a ballot's
 * copy and the round's UpdateItem (on a copy of the round of its own, so nothing races) one after the
 * other, pre-serialised; latency per vote.
 */
const rawVote = (endpoint: string, id: string, documentClient: () => DynamoDBDocumentClient) => {
  const rawId = `${id}-raw`;
  let copied: Promise<number> | undefined;
  return async (connections: number, duration: number): Promise<LoadFigures> => {
    copied ??= copyPartition(documentClient(), id, rawId);
    const roundNumber = await copied;
    const query = JSON.stringify({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND sk >= :from',
      ExpressionAttributeValues: marshall({ ':pk': proposalPk(id), ':from': SK.proposal }),
      ConsistentRead: true,
    });
    const at = new Date().toISOString();
    const bodies = VOTING_PARTIES.flatMap((party) =>
      (['for', 'against'] as const).map((choice) => ({
        put: JSON.stringify({
          TableName: TABLE,
          Item: marshall(supersededBallotItem(rawId, roundNumber, party, { choice, at, ballotNumber: 1 })),
        }),
        update: JSON.stringify({
          TableName: TABLE,
          Key: marshall(roundKey(rawId, roundNumber)),
          UpdateExpression: 'SET #ballots.#party = :ballot, #revision = #revision + :one',
          ConditionExpression: '#status = :open',
          ExpressionAttributeNames: {
            '#ballots': 'ballots',
            '#party': party,
            '#revision': 'revision',
            '#status': 'status',
          },
          ExpressionAttributeValues: marshall({
            ':ballot': { choice, at, ballotNumber: 2 },
            ':one': 1,
            ':open': 'open',
          }),
          ReturnValues: 'ALL_NEW',
        }),
      })),
    );
    const url = new URL(endpoint);
    const agent = new Agent({ keepAlive: true, maxSockets: connections });
    try {
      return await closedLoop(RAW_VOTE, connections, duration, async (n) => {
        const body = bodies[n % bodies.length] as { put: string; update: string };
        await postRaw(agent, url, 'Query', query);
        await postRaw(agent, url, 'PutItem', body.put);
        await postRaw(agent, url, 'UpdateItem', body.update);
      });
    } finally {
      agent.destroy();
    }
  };
};

/**
 * `connections` callers at once in a closed loop for `duration` s in this process, each running
 * `call` again as soon as it is answered; latency per call, as autocannon reports it.
 */
async function closedLoop(
  route: string,
  connections: number,
  duration: number,
  call: (n: number) => Promise<unknown>,
): Promise<LoadFigures> {
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const until = performance.now() + duration * 1000;
  const caller = async () => {
    while (performance.now() < until) {
      const started = performance.now();
      try {
        await call(sent++);
        latencies.push(performance.now() - started);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, caller));
  latencies.sort((a, b) => a - b);
  return {
    route,
    connections,
    requestsPerSecond: round(latencies.length / duration, 1),
    p50Ms: round(percentile(latencies, 0.5), 1),
    p99Ms: round(percentile(latencies, 0.99), 1),
    requests: latencies.length,
    non2xx: 0,
    errors,
    timeouts: 0,
  };
}

/**
 * The same Query through the AWS SDK (the DocumentClient with the local stack's client settings,
 * `localClients`), `connections` callers at once in a closed loop (in a process of its own,
 * floor-child.ts): what the SDK adds to the raw floor (signing, serialising, its middleware, Node's HTTP client), without
 * the API. Shown beside the floor; the goals divide by the raw floor.
 */
export const sdkQuery =
  (endpoint: string, id: string) =>
  async (connections: number, duration: number): Promise<LoadFigures> => {
    const { client, documentClient } = localClients(endpoint);
    const query = new QueryCommand({
      ...PARTITION_QUERY,
      ExpressionAttributeValues: { ':pk': proposalPk(id) },
    });
    try {
      return await closedLoop(SDK_QUERY, connections, duration, () => documentClient.send(query));
    } finally {
      client.destroy();
    }
  };

/**
 * A floor's figures with the CPU ms its caller's process and DynamoDB Local used while it measured
 * (a floor run in a child: its start and warm-up are not counted).
 */
type FloorFigures = LoadFigures & { readonly callerCpuMs?: number; readonly dynamoDbCpuMs?: number };

const FLOOR_CHILD = fileURLToPath(new URL('./floor-child.ts', import.meta.url));
/** The line floor-child.ts prints when its warm-up is over and it measures. */
export const MEASURING = 'measuring';

/**
 * An SDK floor run in a fresh Node process of its own (floor-child.ts), as the stack runs in its own:
 * so that the SDK's calls do not share the bench's process (autocannon, the results so far) and meet
 * the same runtime as the stack's. It warms up for `warmupSeconds` itself before it measures.
 */
const inChild =
  (kind: 'query' | 'vote', endpoint: string, id: string, warmupSeconds: number, dynamoDbPid?: number) =>
  async (connections: number, duration: number): Promise<FloorFigures> => {
    const child = spawn(process.execPath, ['--import', 'tsx', FLOOR_CHILD], {
      env: {
        ...process.env,
        BENCH_FLOOR: kind,
        BENCH_DYNAMODB_ENDPOINT: endpoint,
        BENCH_PROPOSAL: id,
        BENCH_FLOOR_CONNECTIONS: String(connections),
        BENCH_FLOOR_SECONDS: String(duration),
        BENCH_FLOOR_WARMUP: String(warmupSeconds),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The child says when it starts to measure (after its warm-up) and answers when it has measured.
    let figures: FloorFigures | undefined;
    let from: number | undefined;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === MEASURING) from = processCpuMs(dynamoDbPid);
      else if (line.startsWith('{')) {
        const to = processCpuMs(dynamoDbPid);
        figures = {
          ...(JSON.parse(line) as FloorFigures),
          ...(from === undefined || to === undefined ? {} : { dynamoDbCpuMs: to - from }),
        };
      }
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString()).slice(-4000);
    });
    // `close`, not `exit`: its output is read to the end first.
    const [code] = (await once(child, 'close')) as [number | null];
    if (code !== 0) throw new Error(`the ${kind} floor's process exited (${code}): ${err}`);
    if (!figures) throw new Error(`the ${kind} floor's process answered no figures: ${err}`);
    return figures;
  };

/**
 * The floor of `PUT /proposals/{id}/votes/{party}`: a vote's own DynamoDB calls, made by the
 * product's store (`DynamoDbStore`, as dispatch/votes.ts calls it: the proposal's consistent Query
 * from its item on, then `castVote` with the round that Query brought: a change copies the ballot it
 * replaces and updates the round on its ballot number; a change refused because another change of
 * the same party was written meanwhile keeps its ballot as given-and-replaced), through the AWS SDK
 * in a closed loop (in a process of its own, floor-child.ts), the parties in the PUT's rotation, no API. It works on
 * a copy of the proposal's items under an id of its own (no list entry), so the PUT's round is not
 * changed; at 64 connections its changes race as the PUT's do.
 */
export const sdkVote = (endpoint: string, id: string) => {
  // Copied once, before the first run: the runs go on from the ballots the earlier ones left.
  let copied: Promise<unknown> | undefined;
  return async (connections: number, duration: number): Promise<LoadFigures> => {
    const { client, documentClient } = localClients(endpoint);
    const floorId = `${id}-floor`;
    try {
      copied ??= copyOnce(documentClient, id, floorId);
      await copied;
      const store = new DynamoDbStore(documentClient, TABLE);
      const before = await ballotItemsOf(endpoint, floorId);
      const figures = await closedLoop(SDK_VOTE, connections, duration, async (n) => {
        const party = VOTING_PARTIES[n % VOTING_PARTIES.length] as string;
        const choice = Math.floor(n / VOTING_PARTIES.length) % 2 === 0 ? 'for' : 'against';
        const proposal = await store.getProposalItem(floorId, { consistent: true });
        const round = proposal?.latestRound;
        if (!round) throw new Error(`the floor's copy of proposal ${id} has no voting round`);
        await store.castVote(floorId, round.round, party, { choice, at: new Date().toISOString() }, round);
      });
      return {
        ...figures,
        ballots: ballotWrites(figures.requests, before, await ballotItemsOf(endpoint, floorId)),
      };
    } finally {
      client.destroy();
    }
  };
};

/** copyPartition, unless an earlier run (another process) made the copy: its ballots go on from there. */
async function copyOnce(documentClient: DynamoDBDocumentClient, from: string, to: string): Promise<void> {
  const { Items: made = [] } = await documentClient.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND sk = :sk',
      ExpressionAttributeValues: { ':pk': proposalPk(to), ':sk': SK.proposal },
      ConsistentRead: true,
    }),
  );
  if (made.length === 0) await copyPartition(documentClient, from, to);
}

/** Copies the proposal's items from its item on (its rounds, signal rows, tokens) under `to`, unlisted. */
async function copyPartition(
  documentClient: DynamoDBDocumentClient,
  from: string,
  to: string,
): Promise<number> {
  const { Items: items = [] } = await documentClient.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND sk >= :from',
      ExpressionAttributeValues: { ':pk': proposalPk(from), ':from': SK.proposal },
      ConsistentRead: true,
    }),
  );
  for (const { [GSI1.partitionKey]: _pk, [GSI1.sortKey]: _sk, ...item } of items) {
    await documentClient.send(new PutCommand({ TableName: TABLE, Item: { ...item, pk: proposalPk(to) } }));
  }
  // The latest round (sort keys are zero-padded): the one the vote is open in.
  return Number(items.findLast((item) => String(item.sk).startsWith(SK.round))?.round ?? 1);
}

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
  // The floors' copies of the proposal's items are written with this client.
  const scratch = localClients(options.dynamoDbEndpoint);
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
    const wanted = (route: string) => !options.routes || options.routes.some((r) => route.includes(r));
    const voteFloors = new Set<string>([RAW_VOTE, SDK_VOTE]);
    const floors = new Set<string>([RAW_QUERY, SDK_QUERY, ...voteFloors]);
    // The raw floor and the SDK's Query always run; the vote's calls with the PUT, whose floors they are.
    const runs = (
      [
        [RAW_QUERY, rawQuery(options.dynamoDbEndpoint, id)],
        [
          SDK_QUERY,
          inChild('query', options.dynamoDbEndpoint, id, options.warmupSeconds, options.dynamoDbPid),
        ],
        [GET_ROUTE, get],
        [PUT_ROUTE, put],
        [RAW_VOTE, rawVote(options.dynamoDbEndpoint, id, () => scratch.documentClient)],
        [SDK_VOTE, inChild('vote', options.dynamoDbEndpoint, id, options.warmupSeconds, options.dynamoDbPid)],
      ] as const
    ).filter(([route]) => (voteFloors.has(route) ? wanted(PUT_ROUTE) : floors.has(route) || wanted(route)));
    for (const [route, run] of runs) {
      // The SDK floors warm up in their own process, each time.
      if (route === SDK_QUERY || route === SDK_VOTE) continue;
      log(`${route}: warm-up ${options.warmupSeconds} s`);
      await run(8, options.warmupSeconds);
    }
    // At each concurrency the floors and the routes run one right after the other: on a shared
    // machine the load of other work drifts, and the ratios compare runs seconds apart, not minutes.
    for (const connections of options.connections) {
      for (const [route, run] of runs) {
        log(`${route}: ${connections} connection(s), ${options.durationSeconds} s`);
        const floor = floors.has(route);
        const pids = [child.process.pid, options.dynamoDbPid] as const;
        const written = route === PUT_ROUTE ? await ballotItemsOf(options.dynamoDbEndpoint, id) : undefined;
        const before = pids.map(processCpuMs);
        const bench = process.cpuUsage();
        const { callerCpuMs, dynamoDbCpuMs, ...figures }: FloorFigures = await run(
          connections,
          options.durationSeconds,
        );
        const benchUsed = process.cpuUsage(bench);
        const perRequest = (ms: number) => round(ms / Math.max(1, figures.requests), 2);
        const used = pids.map((pid, i) => {
          const [start, end] = [before[i], processCpuMs(pid)];
          return start === undefined || end === undefined ? undefined : perRequest(end - start);
        });
        // While a floor runs, the stack's process does nothing: only DynamoDB Local's time is its.
        // A floor in a child: DynamoDB Local's time while the child measured, not during its warm-up.
        const [stack, dynamoDbLocal] = floor
          ? [undefined, dynamoDbCpuMs === undefined ? used[1] : perRequest(dynamoDbCpuMs)]
          : used;
        const cpu = {
          ...(stack === undefined ? {} : { stack }),
          // A floor run in a process of its own: that process's CPU is the caller's.
          bench: perRequest(callerCpuMs ?? (benchUsed.user + benchUsed.system) / 1000),
          ...(dynamoDbLocal === undefined ? {} : { dynamoDbLocal }),
        };
        // Requests still in flight when the run stopped finish within a moment: their items count too.
        if (written) await new Promise((resolve) => setTimeout(resolve, 1000));
        const ballots = written
          ? ballotWrites(figures.requests, written, await ballotItemsOf(options.dynamoDbEndpoint, id))
          : undefined;
        results.push({ ...figures, cpuMsPerRequest: cpu, ...(ballots ? { ballots } : {}) });
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
    scratch.client.destroy();
    await stopStackChild(child.process);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The floors each route is divided by in the report: the raw Query (the goal's) and what the route must do. */
/** The floors of what each route must do itself, beside the raw Query (the goal's divisor). */
const OWN_FLOORS: Readonly<Record<string, readonly string[]>> = {
  [GET_ROUTE]: [SDK_QUERY],
  [PUT_ROUTE]: [RAW_VOTE, SDK_VOTE],
};

/**
 * Each route's p99 against the floors measured in the same run, at the same concurrency: the raw
 * Query (the goal's divisor) and the floors of what the route must do itself (its own DynamoDB
 * calls, raw and through the AWS SDK); for a PUT run also the DynamoDB calls per vote and the
 * refused updates, of the route and of its floor through the store.
 */
export function latencyFloorLines(load: readonly LoadFigures[]): string[] {
  const at = (route: string, connections: number) =>
    load.find((r) => r.route === route && r.connections === connections);
  const times = (a: number, b: number | undefined) => (b ? `${round(a / b, 2)}×` : '?×');
  const writes = (b: BallotWrites | undefined) =>
    b ? `${b.callsPerVote} DynamoDB calls a vote, ${b.refusedUpdates} of ${b.votes} updates refused` : '–';
  return load
    .filter((r) => OWN_FLOORS[r.route] !== undefined)
    .map((r) => {
      const against = [RAW_QUERY, ...(OWN_FLOORS[r.route] ?? [])].map((floor) => {
        const p99 = at(floor, r.connections)?.p99Ms;
        return `${times(r.p99Ms, p99)} ${floor === RAW_QUERY ? 'the raw Query' : floor} (${p99 ?? '–'} ms)`;
      });
      const own = at(SDK_VOTE, r.connections);
      return (
        `   ${r.route} @${r.connections}: p99 ${r.p99Ms} ms = ${against.join(', ')}` +
        (r.ballots
          ? `; the route ${writes(r.ballots)} (a change of the same party written meanwhile), its floor through the store ${writes(own?.ballots)}`
          : '')
      );
    });
}

/** The items kept for replaced ballots of a proposal: all of them, and those given-and-replaced at once. */
interface BallotItems {
  readonly replaced: number;
  readonly concurrent: number;
}

async function ballotItemsOf(endpoint: string, id: string): Promise<BallotItems> {
  const { client, documentClient } = localClients(endpoint);
  let replaced = 0;
  let concurrent = 0;
  try {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': supersededBallotsPk(id) },
          ProjectionExpression: 'concurrent',
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        replaced++;
        if (item.concurrent === true) concurrent++;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
  } finally {
    client.destroy();
  }
  return { replaced, concurrent };
}

/**
 * A PUT run's writes from the items it left: each change that won wrote one copy of the ballot it
 * replaced (the losers of its race copied the same ballot, to the same key), each loser one
 * given-and-replaced item of its own (store/voting.ts, givenConcurrently); the rest were first ballots.
 * The requests still in flight when the load stopped are not among the answered `votes` but left
 * their items: the votes are those the items show when those are more.
 */
export function ballotWrites(votes: number, before: BallotItems, after: BallotItems): BallotWrites {
  const refusedUpdates = after.concurrent - before.concurrent;
  const changes = after.replaced - before.replaced - refusedUpdates;
  const first = Math.max(0, votes - changes - refusedUpdates);
  const calls = 3 * changes + 4 * refusedUpdates + 2 * first;
  const made = Math.max(votes, changes + refusedUpdates);
  return { votes: made, changes, refusedUpdates, callsPerVote: round(calls / Math.max(1, made), 2) };
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
    const { replaced: supersededItems } = await ballotItemsOf(endpoint, id);
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
    process.stdout.write(`${latencyFloorLines(load).join('\n')}\n`);
    for (const r of load)
      process.stdout.write(
        `${r.route} @${r.connections}: CPU ms per request ${JSON.stringify(r.cpuMsPerRequest)}\n`,
      );
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
