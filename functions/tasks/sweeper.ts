/**
 * The sweeper (DESIGN 3.2 step 3), the timers' safety net in both environments (in the cloud on an
 * EventBridge schedule, locally in the stack's background loop): finds proposals whose deadline is
 * due while no running execution is parked for them (an execution lost to an operator's mistake,
 * say stopped or deleted by hand) and restarts their execution at the state they are in. It never
 * decides: the restarted execution parks, its timer finds the deadline due, and the deadline task
 * lets dispatch decide. Reads the deadline list (one Query on gsi1 `DEADLINES`), then each due
 * proposal's own rows, and asks the workflow whether the parked execution still runs.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { type Clock, systemClock } from '#shared/ports/clock.ts';
import type { ProposalStore, WorkflowStore } from '#shared/ports/store.ts';
import type { WorkflowPort } from '#shared/ports/workflow.ts';
import { PROTOCOL_EVENTS } from '#statemachines/compiler/index.ts';
import { cloudBasics } from '../composition/clients.ts';
import { onFirstCall } from '../composition/on-first-call.ts';

/**
 * How long past its due moment a deadline must be before the sweeper looks: a live execution's
 * timer fires at the due moment, so a deadline this late with nothing parked is one nobody runs.
 */
export const SWEEP_GRACE_MS = 15 * 60 * 1000;

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** The sweep's summary log line: the dashboard's metric filters read `dueThisWeek` and `restarted`. */
export const SWEEP_DONE_LOG_MESSAGE = 'sweep done';

export interface SweeperDeps {
  readonly store: Pick<ProposalStore, 'listDeadlines' | 'getProposalItem'> &
    Pick<WorkflowStore, 'getWorkflowRows'>;
  readonly workflow: Pick<WorkflowPort, 'startExecution' | 'isRunning'>;
  readonly clock: Clock;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
}

/** The restarted execution's name: deterministic per version, so a repeated sweep starts nothing new. */
export const restartNameOf = (proposalId: string, version: number): string => `${proposalId}-v${version}`;

/** Why a due proposal is left alone, or `restart`. */
async function verdictOn(deps: SweeperDeps, proposalId: string) {
  const proposal = await deps.store.getProposalItem(proposalId, { consistent: true });
  if (!proposal) return { action: 'skip', why: 'no proposal' } as const;
  // A proposal that moved within the grace has its execution on the way to its next park (the
  // relay, the notify and timer tasks): nothing parked yet is no sign of a lost execution.
  if (deps.clock.now().getTime() - Date.parse(proposal.updatedAt) < SWEEP_GRACE_MS)
    return { action: 'skip', why: 'moved recently' } as const;
  const rows = await deps.store.getWorkflowRows(proposalId);
  const parked = rows.tokens.filter((t) => t.version <= proposal.version).reverse();
  for (const token of parked) {
    if (!(await deps.workflow.isRunning(token.executionArn))) continue;
    if (token.version === proposal.version) return { action: 'skip', why: 'parked' } as const;
    // Parked at an earlier version, running: a transition on its way (the signal its event carries);
    // the relay delivers it, and its dead-letter queue alarms if it cannot.
    return { action: 'skip', why: 'signal pending' } as const;
  }
  // An outbox row an older version wrote, on its way too.
  if (rows.signals.length > 0) return { action: 'skip', why: 'signal pending' } as const;
  return { action: 'restart', proposal } as const;
}

export const createSweeperHandler =
  (deps: SweeperDeps) => async (): Promise<{ due: number; dueThisWeek: number; restarted: string[] }> => {
    const now = deps.clock.now().getTime();
    const latest = now - SWEEP_GRACE_MS;
    const deadlines = await deps.store.listDeadlines();
    // For the dashboard: open deadlines falling due in the coming seven days.
    const dueThisWeek = deadlines.filter((d) => {
      const at = Date.parse(d.due);
      return at > now && at <= now + WEEK_MS;
    }).length;
    const restarted: string[] = [];
    let due = 0;
    for (const deadline of deadlines) {
      if (Date.parse(deadline.due) > latest) break; // listed soonest first
      due++;
      const verdict = await verdictOn(deps, deadline.proposalId);
      if (verdict.action === 'skip') continue;
      const { proposal } = verdict;
      const name = restartNameOf(proposal.id, proposal.version);
      await deps.workflow.startExecution(name, {
        proposalId: proposal.id,
        // Enters the state it is in straight at its park (as a successor does), with the deadline.
        signal: {
          type: PROTOCOL_EVENTS.rollover,
          target: proposal.stateKey,
          version: proposal.version,
          due: deadline.due,
        },
      } as Parameters<WorkflowPort['startExecution']>[1]);
      deps.logger.warn('execution restarted for a due deadline nothing was parked for', {
        proposalId: proposal.id,
        version: proposal.version,
        state: proposal.stateKey,
        execution: name,
      });
      restarted.push(proposal.id);
    }
    deps.logger.info(SWEEP_DONE_LOG_MESSAGE, { due, dueThisWeek, restarted: restarted.length });
    return { due, dueThisWeek, restarted };
  };

/** The Lambda entry point (EventBridge schedule), wired on first use. */
export const handler = onFirstCall(
  (): ((event: unknown) => Promise<{ due: number; restarted: string[] }>) => {
    const { config, store, workflow } = cloudBasics();
    const sweep = createSweeperHandler({
      store,
      workflow,
      clock: systemClock,
      logger: new Logger({ serviceName: config.POWERTOOLS_SERVICE_NAME }),
    });
    return () => sweep();
  },
);
