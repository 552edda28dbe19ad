/**
 * The proposal's XState snapshot as stored in DynamoDB, and back. Only the state value and the
 * context are kept: everything else XState derives from the machine.
 */

import type { AnyMachineSnapshot, AnyStateMachine, StateValue } from 'xstate';
import { migrateContext, type ProposalContext, stateKeyOf } from '#statemachines/proposal-lifecycle/index.ts';

export interface StoredSnapshot {
  readonly value: StateValue;
  readonly context: ProposalContext;
}

/** The JSON kept in the proposal item. */
export function toStoredSnapshot(snapshot: AnyMachineSnapshot): StoredSnapshot {
  return { value: snapshot.value, context: snapshot.context as ProposalContext };
}

/** Rebuilds a machine snapshot from the stored JSON, reading an older context in today's shape. */
export function restoreSnapshot(
  machine: AnyStateMachine,
  stored: Readonly<Record<string, unknown>>,
): AnyMachineSnapshot {
  const { value, context } = stored as unknown as StoredSnapshot;
  const stateKey = stateKeyOf(value as string | Record<string, unknown>);
  return machine.resolveState({ value, context: migrateContext(stateKey, context as never) });
}
