/**
 * The compiler's view of a validated machine: its atomic and final states in document order,
 * each with its state key, entry actions, delay and the states it can move to. Compile and the
 * report read this instead of XState's internals.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { customActions } from './actions.ts';
import type { JsonValue } from './asl.ts';
import { isJsonValue } from './json.ts';
import {
  availableTransitions,
  delaysOf,
  landingStateOf,
  routedTransitions,
  stateKeyOf,
  walk,
} from './tree.ts';

/** A named entry action and its params (absent when the model gives none). */
export interface EntryAction {
  readonly type: string;
  readonly params?: JsonValue;
}

/** The one named delay of a state and the event XState raises when it expires. */
export interface Delay {
  readonly name: string;
  /** `xstate.after.<delay>.<state id>`, the event the deadline Lambda dispatches. */
  readonly eventType: string;
}

interface StateModelBase {
  /** Path from the machine root joined with dots; `signal.target` names states by it. */
  readonly key: string;
  readonly entryActions: readonly EntryAction[];
}

/**
 * Named actions (e-mails) a transition runs, between leaving its source and entering its target:
 * the route tells it by the signal's event type and target.
 */
export interface TransitionActions {
  readonly event: string;
  /** The state key it lands in (the state itself for a targetless transition). */
  readonly target: string;
  readonly actions: readonly EntryAction[];
}

/** An atomic state: the execution parks in it until a signal or its deadline. */
export interface ParkedStateModel extends StateModelBase {
  readonly kind: 'parked';
  readonly delay: Delay | undefined;
  /** Keys of the states its own and inherited transitions land in, first found first. */
  readonly targets: readonly string[];
  /** Its transitions that run named actions, in route order (one per event and target). */
  readonly transitionActions: readonly TransitionActions[];
}

/** A top-level final state: the execution succeeds in it. */
export interface FinalStateModel extends StateModelBase {
  readonly kind: 'final';
}

/** A state the execution can be in. */
export type StateModel = ParkedStateModel | FinalStateModel;

/** A validated machine as the compiler reads it. */
export interface MachineModel {
  /** The machine's id (its root node's id). */
  readonly id: string;
  /** Key of the state a new execution enters first. */
  readonly initial: string;
  /** Atomic and final states reachable from the initial state, in document order. */
  readonly states: readonly StateModel[];
}

function namedActionsOf(
  node: AnyStateNode,
  actions: readonly unknown[],
  machine: AnyStateMachine,
): EntryAction[] {
  return customActions(actions, machine).map((action) => {
    if (action.kind !== 'named' || !(action.params === undefined || isJsonValue(action.params))) {
      throw new Error(`State '${node.id}' has an unsupported action; validate the machine first.`);
    }
    return action.params === undefined ? { type: action.type } : { type: action.type, params: action.params };
  });
}

const entryActionsOf = (node: AnyStateNode, machine: AnyStateMachine): EntryAction[] =>
  namedActionsOf(node, node.entry, machine);

/** The transitions of an atomic state that run named actions, one per event and target. */
export function transitionActionsOf(node: AnyStateNode, machine: AnyStateMachine): TransitionActions[] {
  const found = new Map<string, TransitionActions>();
  for (const transition of routedTransitions(node)) {
    const actions = namedActionsOf(node, transition.actions, machine);
    const target = stateKeyOf(transition.target);
    const id = `${transition.event} ${target}`;
    if (actions.length > 0 && !found.has(id)) found.set(id, { event: transition.event, target, actions });
  }
  return [...found.values()];
}

function delayOf(node: AnyStateNode): Delay | undefined {
  const [first] = node.after;
  const [name, ...others] = delaysOf(node);
  if (first === undefined) return undefined;
  if (typeof name !== 'string' || others.length > 0) {
    throw new Error(`State '${node.id}' has an unsupported delay; validate the machine first.`);
  }
  return { name, eventType: first.eventType };
}

function stateModelOf(node: AnyStateNode, machine: AnyStateMachine): StateModel {
  const key = stateKeyOf(node);
  const entryActions = entryActionsOf(node, machine);
  if (node.type === 'final') return { kind: 'final', key, entryActions };
  const targets = [...new Set(availableTransitions(node).map((transition) => stateKeyOf(transition.target)))];
  const transitionActions = transitionActionsOf(node, machine);
  return { kind: 'parked', key, entryActions, delay: delayOf(node), targets, transitionActions };
}

/**
 * Keeps the states reachable from `initial` through transitions, in their original order.
 * Step Functions refuses a definition with a state no path leads to, and no execution could be
 * in an unreachable state anyway.
 */
function reachableFrom(initial: string, states: readonly StateModel[]): StateModel[] {
  const byKey = new Map(states.map((state) => [state.key, state]));
  const reached = new Set<string>();
  const pending = [initial];
  for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
    const state = byKey.get(key);
    if (state === undefined || reached.has(key)) continue;
    reached.add(key);
    if (state.kind === 'parked') pending.push(...state.targets);
  }
  return states.filter((state) => reached.has(state.key));
}

/** Reads a machine that `validate()` accepted. Pure. */
export function readModel(machine: AnyStateMachine): MachineModel {
  const states = [...walk(machine.root)]
    .filter((node) => node.type === 'atomic' || node.type === 'final')
    .map((node) => stateModelOf(node, machine));
  const initial = stateKeyOf(landingStateOf(machine.root));
  return { id: machine.id, initial, states: reachableFrom(initial, states) };
}
