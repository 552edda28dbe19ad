/**
 * The proposal's XState snapshot as stored in DynamoDB, and back. Only the state value and the
 * context are kept: everything else XState derives from the machine.
 */

import type { AnyMachineSnapshot, AnyStateMachine, StateValue } from 'xstate';
import type { ProposalContext } from '#statemachines/proposal-lifecycle/index.ts';

export interface StoredSnapshot {
  readonly value: StateValue;
  readonly context: ProposalContext;
}

/** The JSON kept in the proposal item. */
export function toStoredSnapshot(snapshot: AnyMachineSnapshot): StoredSnapshot {
  return { value: snapshot.value, context: snapshot.context as ProposalContext };
}

/** Rebuilds a machine snapshot from the stored JSON. */
export function restoreSnapshot(
  machine: AnyStateMachine,
  stored: Readonly<Record<string, unknown>>,
): AnyMachineSnapshot {
  const { value, context } = stored as unknown as StoredSnapshot;
  return machine.resolveState({ value, context });
}
