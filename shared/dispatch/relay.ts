/**
 * The signal relay and the park task's half of the transition protocol (DESIGN 3.2).
 *
 * dispatch's transaction writes a signal row; the relay answers the token parked for the old state
 * with it and deletes both. The park task stores its token only if the proposal is still at the
 * version it entered with; otherwise it answers itself with the signal that moved the proposal on.
 * Transactions serialise the two, so either the relay finds the token or the park task answers:
 * no signal is lost, and a token answers once.
 */

import type { Clock } from '#shared/ports/clock.ts';
import type {
  ParkedTaskToken,
  SignalRecord,
  TransitionSignal,
  WorkflowRows,
  WorkflowStore,
} from '#shared/ports/store.ts';
import type { TaskAnswer, WorkflowPort } from '#shared/ports/workflow.ts';
import { executionNameOf, initialTimer, PROTOCOL_EVENTS, withTimer } from '#statemachines/compiler/index.ts';
import { finalPhases, isStateKey, phaseOf } from '#statemachines/proposal-lifecycle/phase.ts';

export interface RelayDeps {
  readonly store: WorkflowStore;
  readonly workflow: WorkflowPort;
  /** Times the next park of the execution a signal goes to (statemachines/compiler/timer.ts). */
  readonly clock: Clock;
}

/**
 * `signal` as the parked execution takes it: with the timer of its target's park, so that the
 * compiled ASL needs no timer state per transition (issue 16). A token from an execution on an ASL
 * from before this (no start stored) gets the signal as it is: that ASL times its parks itself.
 */
function forExecution(deps: RelayDeps, token: ParkedTaskToken, signal: TransitionSignal): TransitionSignal {
  if (token.executionStartTime === undefined) return signal;
  const execution = { name: executionNameOf(token.executionArn), startTime: token.executionStartTime };
  return withTimer(signal, execution, deps.clock.now());
}

export type RelayOutcome = 'delivered' | 'gone' | 'not-parked' | 'started';

/** The version a proposal's start signal leaves: nothing exists before the proposal's creation. */
export const START_VERSION = 0;

/**
 * The start signal: starts the proposal's execution, named after the proposal so that starting
 * twice is harmless (same name and input), then removes the row.
 */
async function startExecution(deps: RelayDeps, record: SignalRecord): Promise<RelayOutcome> {
  await deps.workflow.startExecution(record.proposalId, {
    proposalId: record.proposalId,
    // The first park's timer: deterministic, so a repeated start has the same input (a no-op).
    signal: { ...record.signal, timer: initialTimer(record.proposalId) },
  });
  await deps.store.deleteSignal(record.proposalId, record.fromVersion);
  return 'started';
}

/**
 * Delivers one signal: answers the token parked at its `fromVersion` — the one the transition's
 * own read found (`parked`), or else looked up with a consistent read. Without a parked token the
 * row stays: the park task will answer itself with it. A delivered row is deleted; its token is
 * left to the next park, which prunes every earlier token (one write less on the request). A token
 * that is gone (timed out, answered) is deleted, and the row stays for the deadline task, unless
 * the signal leads into a final state: a deadline task can do without it then (its catch-up with
 * the proposal's state is the same signal).
 */
export async function relaySignal(
  deps: RelayDeps,
  record: SignalRecord,
  parked?: ParkedTaskToken,
): Promise<RelayOutcome> {
  if (record.fromVersion === START_VERSION) return startExecution(deps, record);
  const { proposalId, fromVersion } = record;
  const known = parked?.proposalId === proposalId && parked.version === fromVersion ? parked : undefined;
  const token = known ?? (await deps.store.getTaskToken(proposalId, fromVersion));
  if (!token) return 'not-parked';
  let answer: TaskAnswer = await deps.workflow.sendTaskSuccess(
    token.taskToken,
    forExecution(deps, token, record.signal),
  );
  if (answer === 'gone' && known) {
    // The token read before the commit may have been replaced since (a successor execution parked
    // at the same version, DESIGN 3.2 step 4): the stored one decides.
    const stored = await deps.store.getTaskToken(proposalId, fromVersion);
    if (stored && stored.taskToken !== known.taskToken) {
      answer = await deps.workflow.sendTaskSuccess(
        stored.taskToken,
        forExecution(deps, stored, record.signal),
      );
    }
  }
  if (leadsToEnd(record)) {
    // No later park will prune what is left here: both go at once.
    await deps.store.deleteSignalAndToken(proposalId, fromVersion);
  } else if (answer === 'delivered') {
    // The execution moves on and parks at the next version, which prunes this token.
    await deps.store.deleteSignal(proposalId, fromVersion);
  } else {
    await deps.store.deleteTaskToken(proposalId, fromVersion);
  }
  return answer;
}

/** Whether the signal's transition ends the lifecycle (a decision in force, withdrawn, dropped). */
function leadsToEnd(record: SignalRecord): boolean {
  return isStateKey(record.signal.target) && finalPhases.has(phaseOf(record.signal.target));
}

/** Relays a proposal's pending signals, oldest first (the API does this right after a dispatch). */
export async function relayProposal(deps: RelayDeps, proposalId: string): Promise<RelayOutcome[]> {
  const outcomes: RelayOutcome[] = [];
  for (const record of await deps.store.getSignals(proposalId))
    outcomes.push(await relaySignal(deps, record));
  return outcomes;
}

/**
 * The relay loop's passes over what a crash left behind: each pass relays the next page of
 * pending signals, and the pages go round the whole list, so that rows which cannot be delivered
 * yet (their execution not parked, or stopped) never hide the ones after them.
 */
export function createRelayPasses(deps: RelayDeps, limit = 100): () => Promise<RelayOutcome[]> {
  let after: string | undefined;
  return async () => {
    const page = await deps.store.listPendingSignals(limit, after);
    after = page.after;
    const outcomes: RelayOutcome[] = [];
    for (const record of page.records) outcomes.push(await relaySignal(deps, record));
    return outcomes;
  };
}

/** One pass over the oldest pending signals (at most `limit`). */
export function relayPending(deps: RelayDeps, limit = 100): Promise<RelayOutcome[]> {
  return createRelayPasses(deps, limit)();
}

/** What the park task does with its token. */
export type ParkOutcome =
  | { readonly parked: true }
  | { readonly parked: false; readonly answer: TransitionSignal };

/**
 * The park task: stores its token if the proposal is still at `version`; if the proposal moved on
 * first, answers its own token with the signal that moved it (and removes that signal row).
 */
export async function parkTaskToken(deps: RelayDeps, token: ParkedTaskToken): Promise<ParkOutcome> {
  const result = await deps.store.storeTaskToken(token);
  const rows = await deps.store.getWorkflowRows(token.proposalId);
  await pruneBefore(deps, token.proposalId, token.version, rows);
  if (result.stored) return { parked: true };
  const record = rows.signals.find((s) => s.fromVersion === token.version);
  // The row is gone only if a deadline task consumed it; the proposal's state is then the truth.
  const answer: TransitionSignal = record?.signal ?? {
    type: PROTOCOL_EVENTS.catchUp,
    target: result.proposal.stateKey,
    version: result.proposal.version,
  };
  // A row into a final state goes first: no later park would prune it, and should this task die
  // before answering, its retry finds no row and catches up with that same final state. Any other
  // row goes after the answer: a retry needs it, so as not to skip the states in between.
  const ends = record !== undefined && leadsToEnd(record);
  if (ends) await deps.store.deleteSignal(token.proposalId, token.version);
  await deps.workflow.sendTaskSuccess(token.taskToken, forExecution(deps, token, answer));
  if (record && !ends) await deps.store.deleteSignal(token.proposalId, token.version);
  return { parked: false, answer };
}

/**
 * An execution entering the state of `version` has taken every earlier signal, and its earlier
 * tokens can answer nothing: removes what a crash between delivery and clean-up left of them.
 * (An execution's parks come one after another, so no earlier park can still need them.)
 */
async function pruneBefore(
  deps: RelayDeps,
  proposalId: string,
  version: number,
  rows: WorkflowRows,
): Promise<void> {
  // The start signal stays for the relay, whose start is idempotent: it also records the start.
  for (const signal of rows.signals) {
    const past = signal.fromVersion !== START_VERSION && signal.fromVersion < version;
    if (past) await deps.store.deleteSignal(proposalId, signal.fromVersion);
  }
  for (const parked of rows.tokens) {
    if (parked.version < version) await deps.store.deleteTaskToken(proposalId, parked.version);
  }
}
