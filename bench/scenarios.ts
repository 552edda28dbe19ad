/**
 * On the metered stack (bench/metered-stack.ts), over HTTP with the parties' tokens:
 *
 * 1. the DynamoDB capacity one request of each route consumes (a walk through one proposal's life);
 * 2. whole lifecycles like the e2e scenarios, each with the state transitions its execution took
 *    (from GetExecutionHistory on the engine's endpoint), the Lambda invocations, the DynamoDB units
 *    of every Lambda, the API requests and the e-mails: what it would cost on AWS.
 *
 * Every request is followed by `settle()` (the engine idle, the relay drained), as a party's next
 * action comes long after the previous one's consequences have played out.
 */
import { GetExecutionHistoryCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import type { LocalKey } from '#infra/local/auth.ts';
import { days } from '#infra/local/clock.ts';
import { FUNCTIONS } from '#infra/local/stack.ts';
import { executionArnOf } from '#shared/workflow/sfn-workflow.ts';
import { Api, type As, dateOf, type Json, VOTING_PARTIES } from './api.ts';
import { type CostInput, costOf, type Prices, type ScenarioCost } from './cost.ts';
import { addUnits, type ItemWrite, NO_UNITS, subtractUnits, type Units } from './metering.ts';
import type { MeteredStack } from './meters.ts';
import { median, round, sum } from './stats.ts';

/**
 * The route key under which a changed ballot is measured (`PUT /proposals/{id}/votes/{party}` is a
 * party's first ballot in the round): a change also keeps the ballot it replaces (issue 16).
 */
export const VOTE_CHANGE = 'PUT /proposals/{id}/votes/{party} (a change)';

/** One API request as measured: its route, the units its handler consumed, how long it ran. */
export interface MeasuredRequest {
  readonly routeKey: string;
  readonly status: number;
  readonly read: number;
  readonly write: number;
  /** DynamoDB reads (GetItem, Query, …) the handler made. */
  readonly readCalls: number;
  /** Of `readCalls`: the Queries of a proposal's partition (issue 15: one per request). */
  readonly proposalQueries: number;
  /** DynamoDB TransactWriteItems the handler made. */
  readonly transactions: number;
  /** DynamoDB writes of one item outside a transaction the handler made. */
  readonly singleWrites: number;
  readonly handlerMs: number;
  /** DynamoDB calls that failed (a condition): billed by AWS, but reported without units. */
  readonly failedCalls: number;
  /** For a list route: how many entries it returned (its units grow with them). */
  readonly items?: number;
  /** Every item the request wrote (its own relay's signal delete included), as billed. */
  readonly written: readonly ItemWrite[];
  /** The proposals' transitions it committed (one audit event each: meeting close closes several). */
  readonly transitions: number;
}

/** A proposal's transition writes exactly one audit event, in its transaction. */
const transitionsIn = (written: readonly ItemWrite[]) =>
  written.filter((w) => w.item === 'EVENT' && w.kind === 'Put' && w.transactional).length;

/**
 * A meeting's own step (created, attendance recorded, closed): its item and its step in the feed.
 * Not a proposal's transition: a meeting's close counts per transition without it.
 */
const isMeetingStep = (w: ItemWrite) =>
  w.item === 'MEETING EVENT' || (w.item === 'MEETING' && (w.kind === 'Put' || w.kind === 'Update'));

/** WRU of one request per transition it committed, its meeting's own step left out. */
const perTransition = (r: MeasuredRequest) => {
  if (r.transitions === 0) return r.write;
  const step = sum(r.written.filter(isMeetingStep).map((w) => w.table + w.index));
  return (r.write - step) / r.transitions;
};

/** Where a request's write units went: per kind of item and operation, in the order first written. */
export interface WrittenItems {
  readonly item: string;
  readonly kind: string;
  readonly count: number;
  /** The largest of them, bytes. */
  readonly bytes: number;
  readonly table: number;
  readonly index: number;
}

export function writtenItems(written: readonly ItemWrite[]): WrittenItems[] {
  const groups = new Map<string, WrittenItems>();
  for (const w of written) {
    const kind = `${w.kind}${w.transactional ? '' : ' (single)'}`;
    const key = `${w.item}\u0000${kind}`;
    const seen = groups.get(key);
    groups.set(key, {
      item: w.item,
      kind,
      count: (seen?.count ?? 0) + 1,
      bytes: Math.max(seen?.bytes ?? 0, w.bytes),
      table: (seen?.table ?? 0) + w.table,
      index: (seen?.index ?? 0) + w.index,
    });
  }
  return [...groups.values()];
}

export interface RouteCapacity {
  readonly routeKey: string;
  readonly samples: number;
  /** Median read request units of one request. */
  readonly read: number;
  /** Median write request units of one request. */
  readonly write: number;
  readonly maxRead: number;
  readonly maxWrite: number;
  /** Median DynamoDB reads per request (issue 15: one Query for a proposal's request). */
  readonly reads: number;
  /** Median Queries of a proposal's partition per request (issue 15: one). */
  readonly proposalQueries: number;
  /** Median other reads per request (the meeting, the release calendar, a token, the covenant). */
  readonly otherReads: number;
  /** Median TransactWriteItems per request (issue 15: one per transition). */
  readonly transactions: number;
  /** Median writes outside a transaction per request (a ballot: one conditional update). */
  readonly singleWrites: number;
  /** Median time in the handler, ms (local; an estimate of the Lambda's billed duration). */
  readonly handlerMs: number;
  /** DynamoDB calls that failed, over all samples (their units are not in the figures). */
  readonly failedCalls: number;
  /** Median transitions per request (a meeting's close: one per proposal it closes). */
  readonly transitions: number;
  /** The largest WRU of one transition over the samples: a request's WRU over its transitions (a meeting's own step left out). */
  readonly maxWritePerTransition: number;
  /** The items of the sample with the most WRU (with its WRU and transitions): where the units go. */
  readonly heaviest: { readonly write: number; readonly transitions: number; readonly items: WrittenItems[] };
}

export interface ScenarioFigures {
  readonly name: string;
  readonly description: string;
  readonly finalPhase: string;
  readonly apiRequests: number;
  readonly stateTransitions: number;
  /**
   * The model's transitions in the lifecycle: the proposal's version at its end. Its creation is
   * version 1 (the initial transition) and every event dispatch applies adds one, a deadline's
   * included; ballots, which move nothing, add none. (Not the signal rows: a deadline task's
   * transition into a final state writes none, its execution takes the signal from the answer.)
   */
  readonly modelTransitions: number;
  /** The ASL states the execution entered, in order (from its history). */
  readonly statesEntered: readonly string[];
  readonly taskInvocations: Readonly<Record<string, number>>;
  /** Stream-triggered relay invocations: one per signal row written (estimated as the cloud would). */
  readonly relayInvocations: number;
  readonly lambdaInvocations: number;
  readonly lambdaGbSeconds: number;
  readonly dynamoDb: { readonly read: number; readonly write: number; readonly failedCalls: number };
  readonly dynamoDbByFunction: Readonly<Record<string, { read: number; write: number }>>;
  readonly emails: number;
  readonly cost: ScenarioCost;
}

/** The entries of a list answer (an array, or the one array-valued property), if it is one. */
function listLength(answer: unknown): number | undefined {
  if (Array.isArray(answer)) return answer.length;
  const lists = Object.values(answer as Json).filter(Array.isArray);
  return lists.length === 1 && Object.keys(answer as Json).length === 1
    ? (lists[0] as unknown[]).length
    : undefined;
}

/** What a scenario can do: call the API (each call measured, then settled) and move the clock. */
class Driver {
  readonly log: MeasuredRequest[] = [];

  constructor(
    private readonly stack: MeteredStack,
    readonly api: Api,
  ) {}

  today(): string {
    return dateOf(this.stack.clock.now());
  }

  async call(as: As, method: string, path: string, body?: Json): Promise<Json> {
    const before = this.stack.meter.units('http');
    const writtenFrom = this.stack.meter.items('http').length;
    const from = this.stack.invocations.length;
    const answer = await this.api.call(as, method, path, body);
    const used = subtractUnits(this.stack.meter.units('http'), before);
    const invocation = this.stack.invocations.slice(from).find((i) => i.fn.startsWith('http/'));
    const items = listLength(answer);
    const written = this.stack.meter.items('http').slice(writtenFrom);
    this.log.push({
      routeKey: invocation?.routeKey ?? `${method} ?`,
      status: invocation?.status ?? 0,
      read: used.read,
      write: used.write,
      readCalls: used.readCalls,
      proposalQueries: used.proposalQueries,
      transactions: used.transactions,
      singleWrites: used.writeCalls - used.transactions,
      handlerMs: invocation?.ms ?? 0,
      failedCalls: used.failedCalls,
      ...(items === undefined ? {} : { items }),
      written,
      transitions: transitionsIn(written),
    });
    await this.stack.settle();
    return answer;
  }

  async advanceDays(count: number): Promise<void> {
    this.stack.clock.advance(days(count));
    await this.stack.settle();
  }

  async scheduled(title: string) {
    const meeting = await this.call('ZIN', 'POST', '/meetings', { date: this.today(), title: 'Stuurgroep' });
    const proposal = await this.call('VNG', 'POST', '/proposals', {
      title,
      description: 'Benchmark proposal.',
      standards: ['iWmo'],
      kind: 'release',
    });
    const id = String(proposal.id);
    const meetingId = String(meeting.id);
    await this.call('ZIN', 'POST', `/proposals/${id}/draft`, { text: 'The proposal worked out.' });
    await this.call('ZIN', 'POST', `/proposals/${id}/schedule`, { meetingId });
    return { id, meetingId };
  }

  async voting(title: string) {
    const ids = await this.scheduled(title);
    await this.call('ZIN', 'PUT', `/meetings/${ids.meetingId}/attendance`, {
      present: [...VOTING_PARTIES, 'ZIN'],
    });
    await this.call('ZIN', 'POST', `/proposals/${ids.id}/vote`, {});
    return ids;
  }

  async ballots(id: string, choices: Readonly<Record<string, 'for' | 'against' | 'abstain'>>) {
    for (const [party, choice] of Object.entries(choices))
      await this.call(party, 'PUT', `/proposals/${id}/votes/${party}`, { choice });
  }

  /** A party changes the ballot it gave: measured apart from first ballots, as {@link VOTE_CHANGE}. */
  async change(id: string, party: string, choice: 'for' | 'against' | 'abstain') {
    await this.call(party, 'PUT', `/proposals/${id}/votes/${party}`, { choice });
    const measured = this.log.pop();
    if (measured) this.log.push({ ...measured, routeKey: VOTE_CHANGE });
  }

  async objected(title: string) {
    const ids = await this.scheduled(title);
    await this.call('ZIN', 'POST', `/proposals/${ids.id}/consensus`, { outcome: 'adopted' });
    await this.call('CAK', 'POST', `/proposals/${ids.id}/objection`, { reason: 'Not feasible in time.' });
    // The chair closes the meeting: the decision can only come into force once it is closed (art. 7.2).
    await this.call('ZIN', 'POST', `/meetings/${ids.meetingId}/close`, {});
    return ids;
  }

  async argued(title: string) {
    const ids = await this.objected(title);
    await this.call('CAK', 'POST', `/proposals/${ids.id}/objection/argumentation`, {
      arguments: 'Our systems need a year.',
      alternativeProposal: 'Implement a year later.',
    });
    return ids;
  }

  async atMinistry(title: string) {
    const ids = await this.argued(title);
    await this.call('ZIN', 'POST', `/proposals/${ids.id}/reconsideration/no-decision`, {});
    await this.call('ZIN', 'POST', `/proposals/${ids.id}/escalation/note`, {
      motive: 'No decision after reconsideration.',
      requestedDecision: 'Decide on the implementation date.',
    });
    await this.call('CAK', 'POST', `/proposals/${ids.id}/escalation/note/approval`, { approved: true });
    return ids;
  }
}

const ALL_FOR_CAK_AGAINST = {
  ACTIZ: 'for',
  GGZ: 'for',
  JZN: 'for',
  VALENTE: 'for',
  VGN: 'for',
  ZTNL: 'for',
  VNG: 'for',
  CAK: 'against',
} as const;
/** 9–9: VNG (6) and three associations for, the CAK (6) and three associations against. */
const NINE_NINE = {
  VNG: 'for',
  ACTIZ: 'for',
  GGZ: 'for',
  JZN: 'for',
  CAK: 'against',
  VALENTE: 'against',
  VGN: 'against',
  ZTNL: 'against',
} as const;

interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly expectedPhase: string;
  run(d: Driver): Promise<string>;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'adopted-by-consensus',
    description: 'table, draft, schedule, consensus (adopted), meeting closed',
    expectedPhase: 'closed',
    run: async (d) => {
      const { id, meetingId } = await d.scheduled('Consensus');
      await d.call('ZIN', 'POST', `/proposals/${id}/consensus`, { outcome: 'adopted' });
      await d.call('ZIN', 'POST', `/meetings/${meetingId}/close`, {});
      return id;
    },
  },
  {
    name: 'adopted-by-vote',
    description:
      'table, draft, schedule, attendance, vote opened, 8 ballots (12–6), vote closed, meeting closed',
    expectedPhase: 'closed',
    run: async (d) => {
      const { id, meetingId } = await d.voting('Vote');
      await d.ballots(id, ALL_FOR_CAK_AGAINST);
      await d.call('ZIN', 'POST', `/proposals/${id}/vote/close`, {});
      await d.call('ZIN', 'POST', `/meetings/${meetingId}/close`, {});
      return id;
    },
  },
  {
    name: 'no-valid-decision-dropped',
    description: 'to a vote, 8 ballots (9–9), vote closed without a valid decision, dropped by consensus',
    expectedPhase: 'dropped',
    run: async (d) => {
      const { id } = await d.voting('Nine-nine');
      await d.ballots(id, NINE_NINE);
      await d.call('ZIN', 'POST', `/proposals/${id}/vote/close`, {});
      // The group drops it by consensus, never the chair alone (DESIGN 2.2.9).
      await d.call('ZIN', 'POST', `/proposals/${id}/consensus`, { outcome: 'dropped' });
      return id;
    },
  },
  {
    name: 'objection-lapsed',
    description:
      'adopted by consensus, objection (CAK), meeting closed, no arguments: 43 days later the objection lapses',
    expectedPhase: 'closed',
    run: async (d) => {
      const { id } = await d.objected('Lapsed objection');
      await d.advanceDays(43);
      return id;
    },
  },
  {
    name: 'reconsideration-adopted',
    description: 'adopted by consensus, objection, arguments, reconsidered: adopted by consensus',
    expectedPhase: 'closed',
    run: async (d) => {
      const { id } = await d.argued('Reconsidered');
      await d.call('ZIN', 'POST', `/proposals/${id}/consensus`, { outcome: 'adopted' });
      return id;
    },
  },
  {
    name: 'escalation-to-ministry',
    description: 'objection, arguments, no decision, note drafted and approved, adopted by the ministry',
    expectedPhase: 'closed',
    run: async (d) => {
      const { id } = await d.atMinistry('Ministry');
      await d.call('ZIN', 'POST', `/proposals/${id}/escalation/ministry-outcome`, { outcome: 'adopted' });
      return id;
    },
  },
  {
    name: 'dglz',
    description: 'as to the ministry, which reaches no decision; the DGLZ adopts (final)',
    expectedPhase: 'closed',
    run: async (d) => {
      const { id } = await d.atMinistry('DGLZ');
      await d.call('ZIN', 'POST', `/proposals/${id}/escalation/ministry-outcome`, { outcome: 'no-decision' });
      await d.call({ party: 'VWS', roles: ['dglz'] }, 'POST', `/proposals/${id}/escalation/final-decision`, {
        outcome: 'adopted',
        rationale: 'The implementation date stands.',
      });
      return id;
    },
  },
];

/**
 * The capacity walk: every route of the brief once (PUT votes eight times, first ballots, and twice
 * as a change; GET /proposals/{id} in the voting phase and under objection). Ends with the objection
 * withdrawn, so no deadline is left to fire during a later scenario's clock advance, and then a
 * meeting of two proposals closed.
 */
async function capacityWalk(d: Driver): Promise<string> {
  const { id } = await d.voting('Capacity walk');
  await d.call('ZIN', 'GET', `/proposals/${id}`);
  await d.ballots(id, ALL_FOR_CAK_AGAINST);
  // Two changes, back to where VNG was: the tally is the same, and a change is measured on its own.
  await d.change(id, 'VNG', 'against');
  await d.change(id, 'VNG', 'for');
  await d.call('ZIN', 'POST', `/proposals/${id}/vote/close`, {});
  await d.call('CAK', 'POST', `/proposals/${id}/objection`, { reason: 'Not feasible in time.' });
  await d.call('ZIN', 'GET', '/decisions');
  await d.call('ZIN', 'GET', '/deadlines');
  await d.call('ZIN', 'GET', `/proposals/${id}`);
  await d.call('CAK', 'POST', `/proposals/${id}/objection/withdrawal`, {});
  await meetingOfTwo(d);
  return id;
}

/**
 * A meeting whose close brings two decisions into force: one request, two transitions (plus the
 * meeting's own step), reported per request and per transition.
 */
async function meetingOfTwo(d: Driver): Promise<void> {
  const { id: first, meetingId } = await d.scheduled('Capacity walk, first of two');
  const second = String(
    (
      await d.call('VNG', 'POST', '/proposals', {
        title: 'Capacity walk, second of two',
        description: 'Benchmark proposal.',
        standards: ['iWmo'],
        kind: 'release',
      })
    ).id,
  );
  await d.call('ZIN', 'POST', `/proposals/${second}/draft`, { text: 'The proposal worked out.' });
  await d.call('ZIN', 'POST', `/proposals/${second}/schedule`, { meetingId });
  for (const id of [first, second])
    await d.call('ZIN', 'POST', `/proposals/${id}/consensus`, { outcome: 'adopted' });
  await d.call('ZIN', 'POST', `/meetings/${meetingId}/close`, {});
}

export function routeCapacity(requests: readonly MeasuredRequest[]): RouteCapacity[] {
  const byRoute = new Map<string, MeasuredRequest[]>();
  for (const r of requests) byRoute.set(r.routeKey, [...(byRoute.get(r.routeKey) ?? []), r]);
  return [...byRoute].map(([routeKey, rs]) => ({
    routeKey,
    samples: rs.length,
    read: round(median(rs.map((r) => r.read))),
    write: round(median(rs.map((r) => r.write))),
    maxRead: round(Math.max(...rs.map((r) => r.read))),
    maxWrite: round(Math.max(...rs.map((r) => r.write))),
    reads: round(median(rs.map((r) => r.readCalls))),
    proposalQueries: round(median(rs.map((r) => r.proposalQueries))),
    otherReads: round(median(rs.map((r) => r.readCalls - r.proposalQueries))),
    transactions: round(median(rs.map((r) => r.transactions))),
    singleWrites: round(median(rs.map((r) => r.singleWrites))),
    handlerMs: round(median(rs.map((r) => r.handlerMs)), 1),
    failedCalls: sum(rs.map((r) => r.failedCalls)),
    transitions: round(median(rs.map((r) => r.transitions))),
    maxWritePerTransition: round(Math.max(...rs.map(perTransition))),
    heaviest: heaviestOf(rs),
  }));
}

function heaviestOf(rs: readonly MeasuredRequest[]): RouteCapacity['heaviest'] {
  const top = rs.reduce((a, b) => (b.write > a.write ? b : a));
  return { write: round(top.write), transitions: top.transitions, items: writtenItems(top.written) };
}

async function history(stack: MeteredStack, proposalId: string): Promise<HistoryEvent[]> {
  const executionArn = executionArnOf(stack.stateMachineArn, proposalId);
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await stack.sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, ...(nextToken ? { nextToken } : {}) }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** The Lambda tasks an execution scheduled, by task (park, deadline, notify). */
function taskInvocations(events: readonly HistoryEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const event of events) {
    const details = event.taskScheduledEventDetails;
    if (event.type !== 'TaskScheduled' || details?.resourceType !== 'lambda') continue;
    const name = String((JSON.parse(details.parameters ?? '{}') as { FunctionName?: string }).FunctionName);
    const task = TASK_OF_FUNCTION[name] ?? name;
    counts[task] = (counts[task] ?? 0) + 1;
  }
  return counts;
}

/** FunctionName → the task it runs. */
const TASK_OF_FUNCTION: Readonly<Record<string, string>> = {
  [FUNCTIONS.ParkFunctionArn]: 'park',
  [FUNCTIONS.DeadlineFunctionArn]: 'deadline',
  [FUNCTIONS.NotifyFunctionArn]: 'notify',
};

const BILLED = ['http', 'park', 'deadline', 'notify', 'relay'];

async function runScenario(stack: MeteredStack, d: Driver, scenario: Scenario, prices: Prices) {
  const meterBefore = stack.meter.snapshot();
  const invocationsFrom = stack.invocations.length;
  const mailsFrom = stack.mails.length;
  const signalsFrom = stack.signals.length;
  const logFrom = d.log.length;
  const id = await scenario.run(d);
  await stack.settle();
  const relayInvocations = await stack.relayStream(signalsFrom);
  const ended = await stack.deps.store.getProposalItem(id, { consistent: true });
  const phase = ended?.phase ?? '?';
  if (phase !== scenario.expectedPhase)
    throw new Error(
      `scenario ${scenario.name}: proposal ${id} ended in ${phase}, not ${scenario.expectedPhase}`,
    );

  const events = await history(stack, id);
  const entered = events.filter((e) => e.type?.endsWith('StateEntered'));
  const stateTransitions = entered.length;
  const modelTransitions = ended?.version ?? 0;
  const tasks = taskInvocations(events);
  const used = stack.meter.since(meterBefore);
  const byFunction: Record<string, { read: number; write: number }> = {};
  let dynamo: Units = NO_UNITS;
  for (const consumer of BILLED) {
    const u = used.get(consumer);
    if (!u) continue;
    byFunction[consumer] = { read: round(u.read), write: round(u.write) };
    dynamo = addUnits(dynamo, u);
  }
  const invocations = stack.invocations.slice(invocationsFrom);
  const apiRequests = d.log.length - logFrom;
  const input: CostInput = {
    stateTransitions,
    lambdaInvocations: apiRequests + sum(Object.values(tasks)) + relayInvocations,
    // Lambda bills each invocation's duration rounded up to the millisecond.
    lambdaMs: sum(invocations.map((i) => Math.ceil(i.ms))),
    readUnits: dynamo.read,
    writeUnits: dynamo.write,
    apiRequests,
    emails: sum(stack.mails.slice(mailsFrom).map((m) => m.recipients)),
  };
  const cost = costOf(input, prices);
  return {
    name: scenario.name,
    description: scenario.description,
    finalPhase: phase,
    apiRequests,
    stateTransitions,
    modelTransitions,
    statesEntered: entered.map((e) => e.stateEnteredEventDetails?.name ?? '?'),
    taskInvocations: tasks,
    relayInvocations,
    lambdaInvocations: input.lambdaInvocations,
    lambdaGbSeconds: cost.lambdaGbSeconds,
    dynamoDb: { read: round(dynamo.read), write: round(dynamo.write), failedCalls: dynamo.failedCalls },
    dynamoDbByFunction: byFunction,
    emails: input.emails,
    cost,
  } satisfies ScenarioFigures;
}

export interface ScenarioReport {
  readonly routes: RouteCapacity[];
  readonly routesInScenarios: RouteCapacity[];
  /** Entries the list routes returned in the measured walk (their units grow with them). */
  readonly listed: { readonly decisions: number; readonly deadlines: number };
  /** The walk's proposal item at its end (vote counted, objection withdrawn), as JSON. */
  readonly proposalItem: { readonly jsonBytes: number; readonly snapshotJsonBytes: number };
  readonly scenarios: ScenarioFigures[];
}

/**
 * A warm-up pass first (the walk and every scenario, not reported: the first calls of each code
 * path run unoptimised code, which would inflate the durations), then the measured pass.
 */
export async function measureScenarios(
  stack: MeteredStack,
  key: LocalKey,
  prices: Prices,
  log: (line: string) => void = () => undefined,
): Promise<ScenarioReport> {
  const d = new Driver(stack, new Api(stack.baseUrl, key));
  log('warm-up pass: capacity walk and every scenario');
  await capacityWalk(d);
  for (const scenario of SCENARIOS) await runScenario(stack, d, scenario, prices);

  log('capacity walk');
  const walkFrom = d.log.length;
  const walked = await capacityWalk(d);
  const walk = d.log.slice(walkFrom);
  const itemsOf = (routeKey: string) => walk.find((r) => r.routeKey === routeKey)?.items ?? 0;
  const listed = { decisions: itemsOf('GET /decisions'), deadlines: itemsOf('GET /deadlines') };
  // The stored item only: what a consistent read brings beside it (token, round) is not part of it.
  const read = await stack.deps.store.getProposalItem(walked, { consistent: true });
  const { parked: _parked, latestRound: _round, ...item } = read ?? ({} as NonNullable<typeof read>);
  const proposalItem = {
    jsonBytes: JSON.stringify(item).length,
    snapshotJsonBytes: JSON.stringify(item.snapshot ?? {}).length,
  };
  const scenariosFrom = d.log.length;
  const scenarios: ScenarioFigures[] = [];
  for (const scenario of SCENARIOS) {
    log(`scenario ${scenario.name}`);
    scenarios.push(await runScenario(stack, d, scenario, prices));
  }
  return {
    routes: routeCapacity(walk),
    routesInScenarios: routeCapacity(d.log.slice(scenariosFrom)),
    listed,
    proposalItem,
    scenarios,
  };
}
