/**
 * The deadline task's logic (DESIGN 3.2, step 3): a park task timed out, so the state's deadline
 * may have passed. dispatch is the arbiter: the deadline event wins only if the proposal is still
 * at the version the timer belongs to. Whatever happens, the task returns the signal the execution
 * must follow next, so the execution and DynamoDB never disagree.
 */

import { cancelTaskToken } from '#shared/ports/effects.ts';
import type { TransitionSignal, WorkflowStore } from '#shared/ports/store.ts';
import { VersionConflictError } from '#shared/ports/store-errors.ts';
import { type DeadlineEvent, type DispatchDeps, type DispatchResult, dispatch } from './dispatch.ts';
import { DeadlineNotReachedError } from './errors.ts';

export interface DeadlineTaskInput {
  readonly proposalId: string;
  /** The state key the execution timed out in. */
  readonly state: string;
  /** The version the state was entered with. */
  readonly version: number;
  /** The model's delayed event, `xstate.after.<delay>.<state id>`. */
  readonly event: DeadlineEvent['type'];
}

export interface DeadlineDeps extends DispatchDeps {
  readonly store: DispatchDeps['store'] & WorkflowStore;
}

/**
 * The deadline task's answer. `timeoutSeconds` is always present (0 when the target has no
 * deadline) because the compiled ASL's ResultSelector reads it, and a missing field fails there.
 */
export type DeadlineAnswer = TransitionSignal & { readonly timeoutSeconds: number };

/**
 * Runs the deadline, or reports what beat it, or asks to wait longer when the timer fired early.
 * `onWon` is told the deadline's own transition when it wins (the task hands the state it entered
 * on to the e-mails that follow).
 */
export async function onDeadline(
  deps: DeadlineDeps,
  input: DeadlineTaskInput,
  onWon?: (won: DispatchResult) => void,
): Promise<DeadlineAnswer> {
  const signal = await settleDeadline(deps, input, onWon);
  return { ...signal, timeoutSeconds: signal.timeoutSeconds ?? 0 };
}

async function settleDeadline(
  deps: DeadlineDeps,
  input: DeadlineTaskInput,
  onWon?: (won: DispatchResult) => void,
): Promise<TransitionSignal> {
  const { proposalId, version } = input;
  try {
    // The timed-out task's token can answer nothing any more: it goes with the transition.
    const tokenGone = cancelTaskToken(proposalId, version);
    const won = await dispatch(
      deps,
      proposalId,
      { type: input.event },
      { atVersion: version, effects: [tokenGone], signalTakenByTask: true },
    );
    // Nothing is parked at `version` (the execution is here): the task returns the signal itself.
    // Its event keeps it, unlisted, for a retry of this task: nothing to remove.
    onWon?.(won);
    return won.signal;
  } catch (error) {
    if (!(error instanceof DeadlineNotReachedError || error instanceof VersionConflictError)) throw error;
    await deps.store.deleteTaskToken(proposalId, version);
    if (error instanceof DeadlineNotReachedError) {
      // Fired early: park again (a fresh token) for the time that is left.
      return { type: 'xstate.repark', target: input.state, version, timeoutSeconds: error.remainingSeconds };
    }
  }
  return takeSignal(deps, input);
}

/**
 * The signal of the transition that left `version`, from its event: the event that won the race
 * (or the deadline's own, when a crash interrupted this task after its transition). Nothing is
 * parked at that version (the execution is here), so the task takes it itself and settles it.
 */
async function takeSignal(deps: DeadlineDeps, input: DeadlineTaskInput): Promise<TransitionSignal> {
  const record = await deps.store.getTransitionSignal(input.proposalId, input.version);
  if (record) {
    await deps.store.settleSignal(record);
    return record.signal;
  }
  const proposal = await deps.store.getProposalItem(input.proposalId, { consistent: true });
  return {
    type: 'xstate.catch-up',
    target: proposal?.stateKey ?? input.state,
    version: proposal?.version ?? input.version,
  };
}
