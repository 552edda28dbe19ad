/**
 * The list routes with 10,000 proposals stored (issue 16): `GET /proposals` and `GET /decisions`
 * p99 at 8 connections against `GET /proposals/{id}` p99 in the same run, on the local stack in a
 * child process (`stack-child.ts`, the product's own `startLocalStack`).
 *
 * The proposals are not made through the API (that would take an hour): one real proposal is made
 * through it, and 10,000 copies of its record are written straight to the table with the store's
 * own item builders (`shared/store/items.ts`: the proposal item, listed itself in gsi2, its SUBMIT
 * event and a decision register entry), 25 items per BatchWriteItem, 8 batches at a time. Then every
 * page of `GET /proposals?limit=200` is followed by its cursor to the end (the list is complete and
 * paginated), and one page of each list is read through a metered store to show its read units.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import autocannon from 'autocannon';
import { loadLocalKey } from '#infra/local/auth.ts';
import { localClients } from '#infra/local/clients.ts';
import type { DecisionRecord, ProposalRecord } from '#shared/ports/store.ts';
import { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { decisionItem, eventItem, type Item, proposalItem } from '#shared/store/items.ts';
import { Api, dateOf, scheduledProposal } from './api.ts';
import { CapacityMeter, meterClient } from './metering.ts';
import { startStackChild, stopStackChild } from './stack-process.ts';
import { round } from './stats.ts';
import { type LoadFigures, loadFigures } from './throughput.ts';

const TABLE = 'bench_lists';
/** Phases of the stored proposals, in turn: most of a register's proposals are closed. */
const PHASES = [
  'closed',
  'closed',
  'closed',
  'closed',
  'closed',
  'closed',
  'withdrawn',
  'dropped',
  'ready',
  'submitted',
];
const BATCH = 25;
const PARALLEL_BATCHES = 8;

export interface ListsOptions {
  readonly dynamoDbEndpoint: string;
  /** How many proposals to store (the goal's 10,000). */
  readonly proposals: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  /** The goal's 8. */
  readonly connections: number;
  readonly log?: (line: string) => void;
}

export interface ListFigures {
  /** Proposals in the table (the stored copies and the one made through the API). */
  readonly proposals: number;
  readonly decisions: number;
  /** Time to write the copies, s. */
  readonly storeSeconds: number;
  readonly routes: readonly LoadFigures[];
  /** p99 of each list route ÷ the lower p99 of `GET /proposals/{id}` (measured first and last). */
  readonly ratios: { readonly proposals: number; readonly decisions: number };
  /** Every page of `GET /proposals?limit=200`, followed by its cursor: pages, entries, all distinct. */
  readonly walk: { readonly pages: number; readonly entries: number; readonly distinct: boolean };
  /** Read units of one default page (50) of each list, through the store (a Query on gsi2 or gsi1, no Scan). */
  readonly pageReadUnits: { readonly proposals: number; readonly decisions: number };
}

/** The items of stored proposal `n`: a copy of `model` under its own id, closed with a decision. */
function itemsOf(model: ProposalRecord, n: number, start: number): Item[] {
  const id = `p-bench-${String(n).padStart(6, '0')}`;
  const at = new Date(start + n * 60_000).toISOString();
  const phase = PHASES[n % PHASES.length] as string;
  const proposal: ProposalRecord = {
    ...model,
    id,
    title: `Stored proposal ${n}`,
    phase,
    createdAt: at,
    updatedAt: at,
  };
  const decision: DecisionRecord = {
    proposalId: id,
    title: proposal.title,
    standards: proposal.standards,
    outcome: 'adopted',
    via: 'consensus',
    text: 'original',
    decidedAt: at,
    inForce: true,
  };
  const event = {
    proposalId: id,
    version: 1,
    type: 'SUBMIT',
    by: { party: proposal.submittedBy, roles: [] },
    at,
    fromState: '',
    toState: proposal.stateKey,
    payload: { title: proposal.title },
  };
  return [proposalItem(proposal), eventItem(event), decisionItem(decision)];
}

/** Writes `items` in batches of 25, `PARALLEL_BATCHES` at a time; unprocessed items are sent again (bounded). */
async function writeAll(client: ReturnType<typeof localClients>['documentClient'], items: readonly Item[]) {
  const batches: Item[][] = [];
  for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending: Item[] = batches[next++] ?? [];
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt === 10)
          throw new Error(`BatchWriteItem left ${pending.length} items unprocessed 10 times`);
        const result = await client.send(
          new BatchWriteCommand({
            RequestItems: { [TABLE]: pending.map((Item) => ({ PutRequest: { Item } })) },
          }),
        );
        pending = (result.UnprocessedItems?.[TABLE] ?? []).map((r) => r.PutRequest?.Item as Item);
        if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_BATCHES }, worker));
}

export async function measureLists(options: ListsOptions): Promise<ListFigures> {
  const log = options.log ?? (() => undefined);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-lists-'));
  const key = await loadLocalKey(dataDir);
  const child = await startStackChild(dataDir, options.dynamoDbEndpoint, TABLE);
  const clients = localClients(options.dynamoDbEndpoint);
  try {
    const url = `http://127.0.0.1:${child.port}`;
    const api = new Api(url, key);
    const { id } = await scheduledProposal(api, dateOf(new Date()), 'Lists');
    const store = new DynamoDbStore(clients.documentClient, TABLE);
    const model = await store.getProposalItem(id, { consistent: true });
    if (model === undefined) throw new Error(`proposal ${id} not found in ${TABLE}`);

    log(`storing ${options.proposals} proposals (4 items each, BatchWriteItem)`);
    const storeStarted = performance.now();
    const start = Date.parse('2020-01-06T09:00:00.000Z');
    for (let from = 0; from < options.proposals; from += 1_000) {
      const items: Item[] = [];
      for (let n = from; n < Math.min(options.proposals, from + 1_000); n++)
        items.push(...itemsOf(model, n, start));
      await writeAll(clients.documentClient, items);
    }
    const storeSeconds = round((performance.now() - storeStarted) / 1000, 1);
    log(`stored in ${storeSeconds} s`);

    // Every page, by cursor: the list is complete and each request reads one page.
    const token = await api.token('ZIN');
    const seen = new Set<string>();
    let entries = 0;
    let pages = 0;
    let cursor: string | undefined;
    do {
      const query = `limit=200${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const page = await api.call('ZIN', 'GET', `/proposals?${query}`);
      const listed = page.proposals as { id: string }[];
      pages++;
      entries += listed.length;
      for (const p of listed) seen.add(p.id);
      cursor = page.next as string | undefined;
    } while (cursor !== undefined && pages < 1_000);

    const meter = new CapacityMeter();
    const metered = localClients(options.dynamoDbEndpoint);
    meterClient(metered.client, meter, 'proposals');
    await new DynamoDbStore(metered.documentClient, TABLE).pageProposals({}, { limit: 50 });
    const proposalsUnits = meter.units('proposals').read;
    const meterDecisions = new CapacityMeter();
    const meteredDecisions = localClients(options.dynamoDbEndpoint);
    meterClient(meteredDecisions.client, meterDecisions, 'decisions');
    await new DynamoDbStore(meteredDecisions.documentClient, TABLE).pageDecisions({ limit: 50 });
    const decisionsUnits = meterDecisions.units('decisions').read;
    metered.client.destroy();
    meteredDecisions.client.destroy();

    const get = (path: string) => (connections: number, duration: number) =>
      autocannon({
        url: `${url}${path}`,
        connections,
        duration,
        headers: { authorization: `Bearer ${token}` },
      });
    const routes: LoadFigures[] = [];
    // GET /proposals/{id} first and again last, so that neither a slow start (DynamoDB Local after
    // the bulk write) nor a slow end flatters the lists: the ratio takes its lower p99.
    for (const [route, run] of [
      ['GET /proposals/{id}', get(`/proposals/${id}`)],
      ['GET /proposals', get('/proposals')],
      ['GET /decisions', get('/decisions')],
      ['GET /proposals/{id}', get(`/proposals/${id}`)],
    ] as const) {
      log(
        `${route}: warm-up ${options.warmupSeconds} s, then ${options.durationSeconds} s at ${options.connections}`,
      );
      await run(options.connections, options.warmupSeconds);
      routes.push(
        loadFigures(route, options.connections, await run(options.connections, options.durationSeconds)),
      );
    }
    const p99 = (route: string) => Math.min(...routes.filter((r) => r.route === route).map((r) => r.p99Ms));
    const byId = p99('GET /proposals/{id}');
    return {
      proposals: options.proposals + 1,
      decisions: options.proposals,
      storeSeconds,
      routes,
      ratios: {
        proposals: round(p99('GET /proposals') / byId),
        decisions: round(p99('GET /decisions') / byId),
      },
      walk: { pages, entries, distinct: seen.size === entries },
      pageReadUnits: { proposals: proposalsUnits, decisions: decisionsUnits },
    };
  } finally {
    clients.client.destroy();
    await stopStackChild(child.process);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The section's lines: each route's p99 at 8 connections and the ratio to GET /proposals/{id}. */
export function listsLines(lists: ListFigures): string {
  const byId = Math.min(...lists.routes.filter((r) => r.route === 'GET /proposals/{id}').map((r) => r.p99Ms));
  const rows = lists.routes.map(
    (r) =>
      `   ${r.route.padEnd(22)} @${r.connections}: ${String(r.requestsPerSecond).padStart(7)} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms (${round(r.p99Ms / byId)}× GET /proposals/{id}), ${r.non2xx} non-2xx, ${r.errors} errors`,
  );
  return [
    `   ${lists.proposals} proposals and ${lists.decisions} decisions stored in ${lists.storeSeconds} s (BatchWriteItem, the store's item builders)`,
    `   GET /proposals?limit=200 followed by cursor: ${lists.walk.pages} pages, ${lists.walk.entries} entries, ${lists.walk.distinct ? 'all distinct' : 'DUPLICATES'}`,
    `   one page of 50 (a Query, no Scan): GET /proposals ${lists.pageReadUnits.proposals} RRU, GET /decisions ${lists.pageReadUnits.decisions} RRU`,
    ...rows,
  ].join('\n');
}
