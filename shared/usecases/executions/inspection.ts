/**
 * The administrators' view of the workflow (DESIGN 5: `GET /executions`,
 * `GET /proposals/{id}/execution`): each proposal's execution, its timeline, where it waits, and
 * whether it agrees with the proposal in DynamoDB — what `npm run executions -- show` tells, read
 * through the WorkflowPort and the store.
 */
import type { ProposalAggregate, ProposalListing } from '#shared/ports/store.ts';
import { ProposalNotFoundError } from '#shared/ports/store-errors.ts';
import type { ExecutionRecord, ExecutionStep, ExecutionSummary } from '#shared/ports/workflow.ts';
import { type AppDeps, nowOf } from '../deps.ts';
import { type Agreement, agreementOf, type ExecutionSide, type ProposalSide } from './agreement.ts';
import { type TimelineEntry, timelineOf, type Waiting, waitingOf } from './timeline.ts';

/** One proposal's latest execution with its timeline and the comparison with DynamoDB. */
export interface ExecutionView {
  readonly proposalId: string;
  readonly title: string;
  readonly execution?: ExecutionSummary;
  /** The proposal's executions, oldest first (a rolled-over or restarted one has successors). */
  readonly chain: readonly string[];
  readonly waiting?: Waiting;
  readonly timeline: readonly TimelineEntry[];
  readonly agreement: Agreement;
  readonly consoleUrl?: string;
}

/**
 * The proposal as {@link agreementOf} compares it. Its signals on their way: those its events carry
 * from the version of the latest parked token on (the latest one, not a start, when none is parked; nothing
 * records a delivery, issue 16), and outbox rows an older version left.
 */
export function proposalSide(aggregate: ProposalAggregate): ProposalSide {
  const { proposal, tokens } = aggregate;
  const parkedAt = tokens.at(-1)?.version ?? Math.max(1, proposal.version - 1);
  const carried = aggregate.events.flatMap((event) =>
    event.signal && !event.signalTakenByTask && event.version - 1 >= parkedAt
      ? [{ fromVersion: event.version - 1, createdAt: event.at, signal: event.signal }]
      : [],
  );
  return {
    id: proposal.id,
    stateKey: proposal.stateKey,
    version: proposal.version,
    tokens: tokens.map(({ version, state }) => ({ version, state })),
    signals: [
      ...aggregate.signals.map(({ fromVersion, createdAt, signal }) => ({ fromVersion, createdAt, signal })),
      ...carried,
    ],
  };
}

/** The execution as {@link agreementOf} compares it: its status, last state and failure. */
export function executionSide(record: ExecutionRecord): ExecutionSide {
  const lastState = record.history.findLast((step) => step.state)?.state;
  const failed = record.history.find((step: ExecutionStep) => step.type === 'ExecutionFailed');
  const failure = failed ? `${failed.error ?? ''} ${failed.cause ?? ''}`.trim() : undefined;
  return {
    status: record.execution.status,
    ...(lastState ? { lastState } : {}),
    ...(failure ? { failure } : {}),
  };
}

/** The view of one proposal's execution, from both sides read at `now`. */
function viewOf(aggregate: ProposalAggregate, record: ExecutionRecord | undefined, now: Date): ExecutionView {
  const waiting = record && record.execution.status === 'RUNNING' ? waitingOf(record.history) : undefined;
  return {
    proposalId: aggregate.proposal.id,
    title: aggregate.proposal.title,
    ...(record ? { execution: record.execution } : {}),
    chain: record ? record.chain.map((e) => e.name) : [],
    ...(waiting ? { waiting } : {}),
    timeline: record ? timelineOf(record.history) : [],
    agreement: agreementOf(proposalSide(aggregate), record && executionSide(record), now),
    ...(record?.consoleUrl ? { consoleUrl: record.consoleUrl } : {}),
  };
}

/** `GET /proposals/{id}/execution`. @throws ProposalNotFoundError */
export async function getProposalExecution(deps: AppDeps, proposalId: string): Promise<ExecutionView> {
  const aggregate = await deps.store.getProposal(proposalId, { consistent: true });
  if (!aggregate) throw new ProposalNotFoundError(proposalId);
  const record = await deps.workflow.proposalExecution(proposalId);
  return viewOf(aggregate, record, new Date(nowOf(deps)));
}

/** How much an execution needs an administrator: failed first, then stuck, then the rest. */
function attention(view: ExecutionView): number {
  const status = view.execution?.status;
  if (status !== undefined && status !== 'RUNNING' && status !== 'SUCCEEDED') return 0;
  const order = { stuck: 1, 'in disagreement': 2, 'catching up': 3, 'in agreement': 4 } as const;
  return order[view.agreement.verdict];
}

/** Reads the proposals a few at a time: each is a Query and, with an execution, two engine calls. */
async function inBatches<T, R>(items: readonly T[], size: number, map: (item: T) => Promise<R>) {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size)
    results.push(...(await Promise.all(items.slice(i, i + size).map(map))));
  return results;
}

/**
 * `GET /executions`: every proposal's execution with its verdict, failed or stuck first, then
 * the newest. Reads each proposal whole and its execution's history, so it costs as many reads as
 * there are proposals: an administrator's page, not a request path of the procedure.
 */
export async function listExecutionViews(deps: AppDeps): Promise<ExecutionView[]> {
  const [proposals, executions] = await Promise.all([
    deps.store.listProposals(),
    deps.workflow.listExecutions(),
  ]);
  const now = new Date(nowOf(deps));
  const views = await inBatches(proposals, 4, async (proposal: ProposalListing) => {
    const [aggregate, record] = await Promise.all([
      deps.store.getProposal(proposal.id, { consistent: true }),
      deps.workflow.proposalExecution(proposal.id, executions),
    ]);
    return aggregate && viewOf(aggregate, record, now);
  });
  const started = (view: ExecutionView) => Date.parse(view.execution?.startedAt ?? '') || 0;
  return views
    .filter((view): view is ExecutionView => view !== undefined)
    .sort((a, b) => attention(a) - attention(b) || started(b) - started(a));
}
