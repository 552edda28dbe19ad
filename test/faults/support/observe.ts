/**
 * What a proposal looks like from every side once the stack has settled: the API's view, the
 * proposal's items in DynamoDB (read with the store, consistently), its workflow execution in the
 * engine (through `@aws-sdk/client-sfn`, as an admin would) and its e-mails in the outbox.
 */
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
} from '@aws-sdk/client-sfn';
import type { SignalRecord } from '#shared/ports/store.ts';
import type { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { executionArnOf } from '#shared/workflow/sfn-workflow.ts';
import { FINAL_MAIL_FAILED } from '#statemachines/compiler/names.ts';
import { finalPhases, type Phase } from '#statemachines/proposal-lifecycle/index.ts';
import type { ApiClient } from './api-client.ts';
import type { StackProcess } from './stack-process.ts';

export interface MailEntry {
  readonly messageId: string;
  readonly step: string;
  readonly to: readonly string[];
  readonly subject: string;
}

export interface ExecutionView {
  readonly arn: string;
  readonly status: string;
  /** Names of the states entered, in order. */
  readonly entered: readonly string[];
  readonly history: readonly HistoryEvent[];
}

export interface ProposalSnapshot {
  readonly proposalId: string;
  readonly phase: string;
  readonly stateKey: string;
  readonly version: number;
  readonly decision?: { outcome: string; via: string; inForce?: boolean; objection?: string };
  /** The audit trail's event types, oldest first. */
  readonly eventTypes: readonly string[];
  readonly events: readonly { type: string; at: string; version: number }[];
  /**
   * Signals still waiting for a relay: those still in the local relay loop's list (the audit events
   * carry them, issue 16), and outbox rows (an older version's).
   */
  readonly signals: readonly SignalRecord[];
  readonly tokens: readonly { version: number; state: string }[];
  readonly execution: ExecutionView;
  readonly mail: readonly MailEntry[];
}

export function sfnClient(endpoint: string): SFNClient {
  return new SFNClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

export async function executionOf(stack: StackProcess, proposalId: string): Promise<ExecutionView> {
  const { sfnEndpoint, stateMachineArn } = stack.info;
  const arn = executionArnOf(stateMachineArn, proposalId);
  const sfn = sfnClient(sfnEndpoint);
  try {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
    const history: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(
        new GetExecutionHistoryCommand({ executionArn: arn, nextToken, maxResults: 200 }),
      );
      history.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    const entered = history.flatMap((e) =>
      e.stateEnteredEventDetails?.name ? [e.stateEnteredEventDetails.name] : [],
    );
    return { arn, status: String(described.status), entered, history };
  } finally {
    sfn.destroy();
  }
}

/** The whole outbox as `GET /_local/outbox` lists it. */
export async function outboxOf(client: ApiClient): Promise<(MailEntry & { proposalId: string })[]> {
  const response = await client.call({ method: 'GET', path: '/_local/outbox', as: 'ZIN' });
  if (response.status !== 200) throw new Error(`GET /_local/outbox answered ${response.status}`);
  return response.body as (MailEntry & { proposalId: string })[];
}

export async function snapshotOf(
  deps: { stack: StackProcess; client: ApiClient; store: DynamoDbStore },
  proposalId: string,
  outbox?: readonly (MailEntry & { proposalId: string })[],
): Promise<ProposalSnapshot> {
  const view = await deps.client.call({ method: 'GET', path: `/proposals/${proposalId}`, as: 'ZIN' });
  if (view.status !== 200) throw new Error(`GET /proposals/${proposalId} answered ${view.status}`);
  const aggregate = await deps.store.getProposal(proposalId, { consistent: true });
  if (aggregate === undefined) throw new Error(`proposal ${proposalId} is not in the table`);
  const execution = await executionOf(deps.stack, proposalId);
  const mail = (outbox ?? (await outboxOf(deps.client)))
    .filter((entry) => entry.proposalId === proposalId)
    .map(({ messageId, step, to, subject }) => ({ messageId, step, to, subject }));
  const decision = view.body.decision as ProposalSnapshot['decision'];
  return {
    proposalId,
    phase: String(view.body.phase),
    stateKey: aggregate.proposal.stateKey,
    version: aggregate.proposal.version,
    ...(decision ? { decision } : {}),
    eventTypes: aggregate.events.map((event) => event.type),
    events: aggregate.events.map(({ type, at, version }) => ({ type, at, version })),
    signals: [...aggregate.signals, ...(await listedSignalsOf(deps.store, proposalId))],
    tokens: aggregate.tokens.map(({ version, state }) => ({ version, state })),
    execution,
    mail,
  };
}

/**
 * Where DynamoDB and the execution disagree, or undefined when they agree: a proposal in a final
 * state has a SUCCEEDED execution whose last state is `Final <stateKey>`; any other proposal has a
 * RUNNING execution parked in `Park <stateKey>`, with its task token stored at the proposal's
 * version (so the next event reaches it).
 */
export function disagreement(snapshot: ProposalSnapshot): string | undefined {
  const { execution, stateKey } = snapshot;
  const last = execution.entered.at(-1);
  const final = finalPhases.has(snapshot.phase as Phase);
  const expected = final ? `Final ${stateKey}` : `Park ${stateKey}`;
  const status = final ? 'SUCCEEDED' : 'RUNNING';
  // A final state's last e-mail that failed after its retries ends the execution in its own Succeed state.
  const endedWithoutMail = final && last === FINAL_MAIL_FAILED;
  if (execution.status !== status || (last !== expected && !endedWithoutMail)) {
    const failed = execution.history.find((e) => e.executionFailedEventDetails)?.executionFailedEventDetails;
    const why = failed ? `: ${failed.error} — ${failed.cause}` : '';
    return `proposal ${snapshot.proposalId} is at ${stateKey} (v${snapshot.version}), its execution is ${execution.status} in '${last}' (expected ${status} in '${expected}')${why}`;
  }
  const tokens = snapshot.tokens.map((t) => t.version);
  if (!final && !tokens.includes(snapshot.version)) {
    return `proposal ${snapshot.proposalId} is parked at v${snapshot.version} but the stored task tokens are at [${tokens.join(', ')}]`;
  }
  return undefined;
}

/** The signals of one proposal still in the local relay loop's list, read page by page. */
async function listedSignalsOf(store: DynamoDbStore, proposalId: string): Promise<SignalRecord[]> {
  const found: SignalRecord[] = [];
  let after: string | undefined;
  do {
    const page = await store.listPendingSignals(100, after);
    found.push(...page.records.filter((record) => record.proposalId === proposalId));
    after = page.after;
  } while (after !== undefined);
  return found;
}

/**
 * Task tokens that should be gone: any token of a parked proposal other than its current
 * version's; of a final one, any but the token its last transition answered (issue 16: that one
 * stays, it can answer nothing and removing it would cost a write on every final transition).
 */
export function strayTokens(snapshot: ProposalSnapshot): { version: number; state: string }[] {
  const final = finalPhases.has(snapshot.phase as Phase);
  return snapshot.tokens.filter((token) =>
    final ? token.version !== snapshot.version - 1 : token.version !== snapshot.version,
  );
}

/**
 * Signals still waiting for a relay once settled, each with why it stayed. One whose transition
 * the execution has followed (the proposal and the execution agree, and the signal is older than
 * the current version) was delivered but not settled: "explained". Anything else is undelivered.
 */
export function leftoverSignals(snapshot: ProposalSnapshot): { record: SignalRecord; explained: boolean }[] {
  const agree = disagreement(snapshot) === undefined;
  return snapshot.signals.map((record) => ({
    record,
    explained: agree && record.fromVersion < snapshot.version && record.signal.version <= snapshot.version,
  }));
}
