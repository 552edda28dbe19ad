/**
 * The signal relay and the park task's half of the transition protocol (DESIGN 3.2).
 *
 * dispatch's transaction writes a signal row; the relay answers the token parked for the old state
 * with it and deletes both. The park task stores its token only if the proposal is still at the
 * version it entered with; otherwise it answers itself with the signal that moved the proposal on.
 * Transactions serialise the two, so either the relay finds the token or the park task answers:
 * no signal is lost, and a token answers once.
 */

import type { ParkedTaskToken, SignalRecord, TransitionSignal, WorkflowStore } from '#shared/ports/store.ts';
import type { TaskAnswer, WorkflowPort } from '#shared/ports/workflow.ts';

export interface RelayDeps {
  readonly store: WorkflowStore;
  readonly workflow: WorkflowPort;
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
    signal: record.signal,
  });
  await deps.store.deleteSignal(record.proposalId, record.fromVersion);
  return 'started';
}

/**
 * Delivers one signal: looks up the token parked at its `fromVersion` (consistent read) and
 * answers it. Without a parked token the row stays: the park task will answer itself with it.
 * A token that is gone (timed out, answered) is deleted, and the row stays for the deadline task.
 */
export async function relaySignal(deps: RelayDeps, record: SignalRecord): Promise<RelayOutcome> {
  if (record.fromVersion === START_VERSION) return startExecution(deps, record);
  const token = await deps.store.getTaskToken(record.proposalId, record.fromVersion);
  if (!token) return 'not-parked';
  const answer: TaskAnswer = await deps.workflow.sendTaskSuccess(token.taskToken, record.signal);
  await deps.store.deleteTaskToken(record.proposalId, record.fromVersion);
  if (answer === 'delivered') await deps.store.deleteSignal(record.proposalId, record.fromVersion);
  return answer;
}

/** Relays a proposal's pending signals, oldest first (the API does this right after a dispatch). */
export async function relayProposal(deps: RelayDeps, proposalId: string): Promise<RelayOutcome[]> {
  const outcomes: RelayOutcome[] = [];
  for (const record of await deps.store.getSignals(proposalId))
    outcomes.push(await relaySignal(deps, record));
  return outcomes;
}

/** One pass of the relay loop over every pending signal (what a crash left behind). */
export async function relayPending(deps: RelayDeps, limit = 100): Promise<RelayOutcome[]> {
  const outcomes: RelayOutcome[] = [];
  for (const record of await deps.store.listPendingSignals(limit))
    outcomes.push(await relaySignal(deps, record));
  return outcomes;
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
  if (result.stored) return { parked: true };
  const record = (await deps.store.getSignals(token.proposalId)).find((s) => s.fromVersion === token.version);
  // The row is gone only if a deadline task consumed it; the proposal's state is then the truth.
  const answer: TransitionSignal = record?.signal ?? {
    type: 'xstate.catch-up',
    target: result.proposal.stateKey,
    version: result.proposal.version,
  };
  await deps.workflow.sendTaskSuccess(token.taskToken, answer);
  if (record) await deps.store.deleteSignal(token.proposalId, token.version);
  return { parked: false, answer };
}
