/**
 * dispatch: applies one event to a proposal. The only code that changes a proposal's state.
 *
 * one consistent read of the proposal → `decide` (pure: the model's verdict, the new snapshot and
 * the transition's effects) → the store writes it all in ONE conditional transaction. Of
 * concurrent dispatches on one proposal exactly one wins; the others re-read and try again.
 */

import type { Clock } from '#shared/ports/clock.ts';
import type { TransitionEffect } from '#shared/ports/effects.ts';
import type {
  CommitTransitionInput,
  ParkedTaskToken,
  ProposalRecord,
  ProposalStore,
  TransitionSignal,
} from '#shared/ports/store.ts';
import {
  MeetingClosedError,
  ProposalNotFoundError,
  TransactionConditionError,
  VersionConflictError,
} from '#shared/ports/store-errors.ts';
import type { ProposalContext, ProposalEvent } from '#statemachines/proposal-lifecycle/index.ts';
import { type DeadlineEvent, type DecideModel, decide } from './decide.ts';
import { ConcurrentUpdateError, CovenantRuleError } from './errors.ts';
import { restoreSnapshot } from './snapshot.ts';

export type { DeadlineEvent, ProposalMachine } from './decide.ts';

/** What dispatch needs: the model and rules decide reads, the store it writes, the clock it reads. */
export interface DispatchDeps extends DecideModel {
  readonly store: ProposalStore;
  readonly clock: Clock;
}

/** The proposal as dispatch read it, for callers that build their event from it. */
export interface CurrentProposal {
  readonly proposal: ProposalRecord;
  readonly context: ProposalContext;
  readonly stateKey: string;
}

/** An event and the effects that must commit with it (e.g. closing the voting round it counted). */
export interface PreparedEvent {
  readonly event: ProposalEvent | DeadlineEvent;
  readonly effects?: (after: ProposalContext) => readonly TransitionEffect[];
}

/** The event to dispatch, or a function that builds it from the proposal as read (re-run on a retry). */
export type EventSource =
  | ProposalEvent
  | DeadlineEvent
  | ((current: CurrentProposal) => Promise<PreparedEvent>);

export interface DispatchResult {
  /** The proposal after the transition, with its latest voting round (`latestRound`) as it left it. */
  readonly proposal: ProposalRecord;
  readonly context: ProposalContext;
  readonly fromState: string;
  readonly signal: TransitionSignal;
  /** The token parked for the state this transition left, if the read found one: the relay answers it. */
  readonly parked?: ParkedTaskToken;
}

export interface DispatchOptions {
  /**
   * Apply the event only to this version of the proposal, never retry on another: the workflow's
   * deadline task uses it, because its timer belongs to the state entered at that version.
   * @throws VersionConflictError when the proposal is at another version
   */
  readonly atVersion?: number;
  /** Effects that commit with the transition whatever the event (e.g. a parked token that goes). */
  readonly effects?: readonly TransitionEffect[];
  /**
   * The caller returns the signal to its execution itself (the deadline task): the event keeps it
   * for the caller's retry, marked so that no relay sends it.
   */
  readonly signalTakenByTask?: boolean;
  /**
   * The proposal as the caller read it consistently a moment ago (with `parked` and `latestRound`):
   * the first attempt decides on it instead of reading it again; a retry after a lost race reads.
   */
  readonly read?: ProposalRecord;
}

const MAX_ATTEMPTS = 8;

/**
 * Applies the event to the proposal; retries when another writer won the race. A deadline is never
 * applied here on the side: only the workflow's timer sends it (DESIGN 3.2 step 3), and an event
 * that comes after its deadline but before the timer is refused by the model itself (art. 7.3).
 */
export async function dispatch(
  deps: DispatchDeps,
  proposalId: string,
  source: EventSource,
  options: DispatchOptions = {},
): Promise<DispatchResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      const read = attempt === 1 && options.read?.id === proposalId ? options.read : undefined;
      return await dispatchOnce(deps, proposalId, source, options, read);
    } catch (error) {
      if (!(error instanceof LostRace)) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new ConcurrentUpdateError(proposalId, attempt);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}

/** Internal: the transaction lost to a concurrent writer; read again and retry. */
class LostRace extends Error {
  override name = 'LostRace';
}

async function dispatchOnce(
  deps: DispatchDeps,
  proposalId: string,
  source: EventSource,
  options: DispatchOptions,
  read: ProposalRecord | undefined,
): Promise<DispatchResult> {
  const proposal = read ?? (await deps.store.getProposalItem(proposalId, { consistent: true }));
  if (!proposal) throw new ProposalNotFoundError(proposalId);
  if (options.atVersion !== undefined && proposal.version !== options.atVersion) {
    throw new VersionConflictError(proposalId, options.atVersion, proposal.version);
  }
  const before = restoreSnapshot(deps.machine, proposal.snapshot);
  const current = { proposal, context: before.context as ProposalContext, stateKey: proposal.stateKey };
  const given: PreparedEvent = typeof source === 'function' ? await source(current) : { event: source };
  const prepared: PreparedEvent = options.effects?.length
    ? {
        event: given.event,
        effects: (after) => [...(given.effects?.(after) ?? []), ...(options.effects ?? [])],
      }
    : given;
  const now = deps.clock.now().toISOString();
  const decision = decide(deps, proposal, prepared.event, now, prepared.effects);
  try {
    await deps.store.commitTransition(
      options.signalTakenByTask ? takenByTask(decision.commit) : decision.commit,
    );
  } catch (error) {
    const translated = translateCommitError(
      error,
      prepared.event,
      current.context,
      prepared.effects !== undefined,
    );
    // With a fixed version there is nothing to retry: report the conflict.
    throw options.atVersion !== undefined && translated instanceof LostRace ? error : translated;
  }
  const { signal, context, fromState, latestRound } = decision;
  const parked = proposal.parked?.version === proposal.version ? proposal.parked : undefined;
  // The proposal as a consistent read would now find it (with its latest round): what the answer shows.
  const after = latestRound ? { ...decision.proposal, latestRound } : decision.proposal;
  return { proposal: after, context, fromState, signal, ...(parked ? { parked } : {}) };
}

/** The commit of a transition whose signal its own task takes (see DispatchOptions.signalTakenByTask). */
function takenByTask(commit: CommitTransitionInput): CommitTransitionInput {
  return { ...commit, signalTakenByTask: true };
}

/**
 * A lost version race, or a failed condition of a write the caller added (a ballot arrived while
 * the vote was being counted), is retried. A closed meeting refuses the event in covenant terms.
 */
function translateCommitError(
  error: unknown,
  event: ProposalEvent | DeadlineEvent,
  context: ProposalContext,
  callerEffects: boolean,
): unknown {
  if (error instanceof VersionConflictError) return new LostRace(error.message);
  if (!(error instanceof TransactionConditionError)) return error;
  if (callerEffects) return new LostRace(error.message);
  if (event.type === 'OBJECT') {
    return new CovenantRuleError(
      'objection-window',
      '7.2',
      'the meeting in which the decision was taken is closed: its objection window has ended',
      {
        meetingId: context.decision?.meetingId,
      },
    );
  }
  if (event.type === 'SCHEDULE' || event.type === 'OPEN_VOTE') return new MeetingClosedError(event.meetingId);
  return error;
}
