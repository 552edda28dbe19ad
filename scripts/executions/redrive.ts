/**
 * `npm run executions -- redrive`: puts the workflow back on its feet after a failure an operator
 * has fixed (a permission, a throttled account, a bad deploy).
 * 1. Signals: the relay's dead-letter queue holds only where in the stream a record failed, not
 *    the record; the signal itself stays in its transition's audit event. Which signal an execution
 *    still waits for follows from its parked token (`pendingSignals`), so each proposal's pending
 *    signal is relayed again, as the relay would. Sending twice is harmless: a used token answers
 *    'gone'.
 * 2. Executions: every FAILED execution not yet redriven is redriven (Step Functions
 *    RedriveExecution) from the state that failed.
 */
import {
  type ExecutionListItem,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { pendingSignals, type RelayDeps, relaySignal } from '#shared/dispatch/relay.ts';
import type { Store } from '#shared/ports/store.ts';

/** What a redrive did. */
export interface RedriveReport {
  /** Pending signals relayed again, by outcome. */
  readonly signals: Readonly<Record<string, number>>;
  /** Failed executions redriven, and those Step Functions refused to redrive (with why). */
  readonly redriven: readonly string[];
  readonly refused: readonly { readonly name: string; readonly reason: string }[];
}

/** What redriving the signals reads: every proposal, page by page, and each one's tokens and events. */
export type RedriveDeps = RelayDeps & { readonly store: RelayDeps['store'] & Pick<Store, 'pageProposals'> };

/**
 * Relays every pending signal once, oldest first per proposal; counts the outcomes. It walks every
 * proposal (a page of the list, then its tokens, its item and the event a token waits for) rather
 * than a list of signals: the cloud lists none (its stream relays them, issue 16), and an
 * operator's redrive must find them all the same. No Scan: the list and the partitions.
 */
export async function redriveSignals(deps: RedriveDeps, limit = 100): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let cursor: string | undefined;
  do {
    const page = await deps.store.pageProposals({}, { limit, ...(cursor ? { cursor } : {}) });
    for (const { id } of page.items) {
      for (const record of await pendingSignals(deps, id)) {
        const outcome = await relaySignal(deps, record);
        counts[outcome] = (counts[outcome] ?? 0) + 1;
      }
    }
    cursor = page.next;
  } while (cursor !== undefined);
  return counts;
}

async function failedNotRedriven(client: SFNClient, stateMachineArn: string): Promise<ExecutionListItem[]> {
  const failed: ExecutionListItem[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListExecutionsCommand({
        stateMachineArn,
        statusFilter: 'FAILED',
        redriveFilter: 'NOT_REDRIVEN',
        nextToken,
        maxResults: 100,
      }),
    );
    failed.push(...(page.executions ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return failed;
}

/** Redrives every failed execution that has not been redriven. */
export async function redriveFailedExecutions(
  client: SFNClient,
  stateMachineArn: string,
): Promise<Pick<RedriveReport, 'redriven' | 'refused'>> {
  const redriven: string[] = [];
  const refused: { name: string; reason: string }[] = [];
  for (const execution of await failedNotRedriven(client, stateMachineArn)) {
    const name = execution.name ?? String(execution.executionArn);
    try {
      // The execution's ARN as the idempotency token: a repeated redrive of the same failure is one.
      await client.send(
        new RedriveExecutionCommand({ executionArn: execution.executionArn, clientToken: name.slice(0, 64) }),
      );
      redriven.push(name);
    } catch (error) {
      refused.push({
        name,
        reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    }
  }
  return { redriven, refused };
}

/** The report as an operator reads it. */
export function formatRedrive(report: RedriveReport): string {
  const signals = Object.entries(report.signals);
  return [
    `signals    ${signals.length === 0 ? 'none pending' : signals.map(([o, n]) => `${n} ${o}`).join(', ')}`,
    `redriven   ${report.redriven.length === 0 ? 'no failed execution' : report.redriven.join(', ')}`,
    ...report.refused.map((r) => `refused    ${r.name}: ${r.reason}`),
  ].join('\n');
}
