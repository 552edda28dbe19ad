/**
 * The signal relay and the park task's half of the transition protocol (DESIGN 3.2).
 *
 * dispatch's transaction writes the transition's audit event, which carries its signal (no outbox
 * row, issue 16); the relay answers the token parked for the old state with it. The park task
 * stores its token only if the proposal is still at the version it entered with; otherwise it
 * answers itself with the signal that moved the proposal on, read from that event. Transactions
 * serialise the two, so either the relay finds the token or the park task answers: no signal is
 * lost, and a token answers once (Step Functions refuses a used token: sending twice is harmless).
 *
 * Nothing records a delivery in the cloud. What is still to deliver follows from the tokens: an
 * execution parked at version t below the proposal's version waits for the signal of the event at
 * t + 1 (or took it, and its used token answers 'gone'). Only the local stack lists the events
 * with a signal, for its polling loop, and unlists them once delivered (`settleSignal`).
 */

import type { Clock } from '#shared/ports/clock.ts';
import type {
  ParkedTaskToken,
  ProposalStore,
  SignalRecord,
  TransitionSignal,
  WorkflowRows,
  WorkflowStore,
} from '#shared/ports/store.ts';
import type { TaskAnswer, WorkflowPort } from '#shared/ports/workflow.ts';
import { executionNameOf, initialTimer, PROTOCOL_EVENTS, withTimer } from '#statemachines/compiler/index.ts';
import { finalPhases, type Phase } from '#statemachines/proposal-lifecycle/phase.ts';

export interface RelayDeps {
  readonly store: WorkflowStore & Pick<ProposalStore, 'getProposalItem'>;
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
 * twice is harmless (same name and input).
 */
async function startExecution(deps: RelayDeps, record: SignalRecord): Promise<RelayOutcome> {
  await deps.workflow.startExecution(record.proposalId, {
    proposalId: record.proposalId,
    // The first park's timer: deterministic, so a repeated start has the same input (a no-op).
    signal: { ...record.signal, timer: initialTimer(record.proposalId) },
  });
  await deps.store.settleSignal(record);
  return 'started';
}

/**
 * Delivers one signal: answers the token parked at its `fromVersion` — the one the transition's
 * own read found (`parked`), or else looked up with a consistent read. Without a parked token
 * nothing happens: the park task will answer itself with the signal. Delivered or not deliverable
 * any more ('gone': the token was used — delivered before — or timed out, and then the deadline
 * task takes the signal from the event), the signal is settled: no write in the cloud. The token
 * is left: the execution's next park prunes it, and a final state's one stale token answers
 * nothing (a write saved on every transition into a final state, issue 16).
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
  await deps.store.settleSignal(record);
  return answer;
}

/**
 * A proposal's signals that may still wait for their relay, oldest first, found without any
 * delivery marker: outbox rows an older version left, and the signal leaving the version of the
 * latest parked token when the proposal is beyond it (its execution waits for it, or took it and
 * moved on: then its used token answers 'gone'). The later signals the execution takes at its next
 * parks (the park task answers itself). With no token at all, the execution has never parked:
 * its start may have been lost, so the start signal is pending (a repeated start with the same name
 * and input is a no-op while the first runs; a started execution catches up on the later signals
 * through its park task). A token is pruned only by a later park and kept in a final state, so no
 * token never means an execution that parked and ended. A proposal in a final phase waits for
 * nothing (an older version deleted a final proposal's token).
 */
export async function pendingSignals(
  deps: Pick<RelayDeps, 'store'>,
  proposalId: string,
): Promise<SignalRecord[]> {
  const rows = await deps.store.getWorkflowRows(proposalId);
  const proposal = await deps.store.getProposalItem(proposalId, { consistent: true });
  if (!proposal) return [...rows.signals];
  const latest = rows.tokens.at(-1)?.version;
  const from = latest ?? (finalPhases.has(proposal.phase as Phase) ? undefined : START_VERSION);
  if (from === undefined || from >= proposal.version || rows.signals.some((s) => s.fromVersion === from))
    return [...rows.signals];
  const derived = await deps.store.getTransitionSignal(proposalId, from);
  return [...rows.signals, ...(derived ? [derived] : [])].sort((a, b) => a.fromVersion - b.fromVersion);
}

/** Relays a proposal's pending signals, oldest first (a retried creation; an operator's redrive). */
export async function relayProposal(deps: RelayDeps, proposalId: string): Promise<RelayOutcome[]> {
  const outcomes: RelayOutcome[] = [];
  for (const record of await pendingSignals(deps, proposalId)) outcomes.push(await relaySignal(deps, record));
  return outcomes;
}

/**
 * The relay loop's passes over what a crash left behind (the local stack, whose store lists the
 * signals): each pass relays the next page of listed signals, and the pages go round the whole
 * list, so that signals which cannot be delivered yet (their execution not parked, or stopped)
 * never hide the ones after them. A signal with no token at its version whose execution has parked
 * at a later one was taken (a crash came between its delivery and its settling): it is settled.
 */
export function createRelayPasses(deps: RelayDeps, limit = 100): () => Promise<RelayOutcome[]> {
  let after: string | undefined;
  return async () => {
    const page = await deps.store.listPendingSignals(limit, after);
    after = page.after;
    const outcomes: RelayOutcome[] = [];
    for (const record of page.records) {
      const outcome = await relaySignal(deps, record);
      if (outcome === 'not-parked' && (await parkedPast(deps, record))) await deps.store.settleSignal(record);
      outcomes.push(outcome);
    }
    return outcomes;
  };
}

/** Whether the proposal's execution has parked at a version after the signal's. */
async function parkedPast(deps: RelayDeps, record: SignalRecord): Promise<boolean> {
  const { tokens } = await deps.store.getWorkflowRows(record.proposalId);
  return tokens.some((token) => token.version > record.fromVersion);
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
 * first, answers its own token with the signal that moved it (read from the transition's event).
 */
export async function parkTaskToken(deps: RelayDeps, token: ParkedTaskToken): Promise<ParkOutcome> {
  const result = await deps.store.storeTaskToken(token);
  const rows = await deps.store.getWorkflowRows(token.proposalId);
  await pruneBefore(deps, token.proposalId, token.version, rows);
  if (result.stored) return { parked: true };
  const record =
    rows.signals.find((s) => s.fromVersion === token.version) ??
    (await deps.store.getTransitionSignal(token.proposalId, token.version));
  // No signal only for a transition an older version wrote into a final state: the proposal's
  // state is then the truth.
  const answer: TransitionSignal = record?.signal ?? {
    type: PROTOCOL_EVENTS.catchUp,
    target: result.proposal.stateKey,
    version: result.proposal.version,
  };
  // An event's signal is settled first: nothing is parked at its version for a relay to answer,
  // and this task's retry reads it from the event again. An older version's row goes after the
  // answer: a retry needs it, so as not to skip the states in between.
  const first = record !== undefined && record.stored !== 'row';
  if (first) await deps.store.settleSignal(record);
  await deps.workflow.sendTaskSuccess(token.taskToken, forExecution(deps, token, answer));
  if (record && !first) await deps.store.settleSignal(record);
  return { parked: false, answer };
}

/**
 * An execution entering the state of `version` has taken every earlier signal, and its earlier
 * tokens can answer nothing: removes what a crash between delivery and clean-up left of them (the
 * tokens, an older version's outbox rows). (An execution's parks come one after another, so no
 * earlier park can still need them.) A signal left listed by such a crash the relay loop settles.
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
    if (past) await deps.store.settleSignal(signal);
  }
  for (const parked of rows.tokens) {
    if (parked.version >= version) continue;
    await deps.store.deleteTaskToken(proposalId, parked.version);
  }
}
