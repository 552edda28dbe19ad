/** A summary of what the compiler makes of each state, for tests and the diagram. */
import type { AnyStateMachine } from 'xstate';
import { assertNever } from './assert-never.ts';
import { readModel, type StateModel } from './model.ts';
import { finalName, parkName } from './names.ts';
import { validate } from './validate.ts';

/** One state of the machine as compiled. */
export interface StateReport {
  /** The state key (`signal.target` names the state by it). */
  readonly stateKey: string;
  readonly kind: 'parked' | 'final';
  /** The park task (`Park <key>`); absent for a final state. */
  readonly parkTask?: string;
  /** The final state (`Final <key>`); absent for a parked state. */
  readonly finalState?: string;
  /** The name of the state's delay, when it has one. */
  readonly delay?: string;
  /** The event the deadline Lambda dispatches, when the state has a delay. */
  readonly deadlineEvent?: string;
  /** Keys of the states the route sends a signal to (besides re-parking in this state). */
  readonly targets: readonly string[];
  /** The types of the entry actions, in the order the notify tasks run them. */
  readonly entryActions: readonly string[];
}

function reportOf(state: StateModel): StateReport {
  const entryActions = state.entryActions.map((action) => action.type);
  switch (state.kind) {
    case 'final':
      return {
        stateKey: state.key,
        kind: 'final',
        finalState: finalName(state.key),
        targets: [],
        entryActions,
      };
    case 'parked':
      return {
        stateKey: state.key,
        kind: 'parked',
        parkTask: parkName(state.key),
        ...(state.delay === undefined
          ? {}
          : { delay: state.delay.name, deadlineEvent: state.delay.eventType }),
        targets: state.targets,
        entryActions,
      };
    default:
      return assertNever(state);
  }
}

/**
 * Reports, per state the compiled ASL contains (atomic and final states reachable from the
 * initial state, in document order), its park task, delay, targets and entry actions. Pure.
 *
 * @throws {UnsupportedMachineError} when the machine cannot be compiled
 */
export function compileReport(machine: AnyStateMachine): readonly StateReport[] {
  return readModel(validate(machine)).states.map(reportOf);
}
