/**
 * Reads the XState state tree (`machine.root`) the way the compiler needs it. Pure: nothing
 * here runs the machine.
 */
import type { AnyStateNode } from 'xstate';
import { assertNever } from './assert-never.ts';

/** A node's state key: its path from the machine root joined with dots (`objection.awaitingArguments`). */
export const stateKeyOf = (node: AnyStateNode): string => node.path.join('.');

/** `node` and all its descendants, in document order (a node before its children). */
export function* walk(node: AnyStateNode): Generator<AnyStateNode> {
  yield node;
  for (const child of Object.values(node.states)) yield* walk(child);
}

/** `node`, its parent, and so on up to the machine root. */
export function* selfAndAncestors(node: AnyStateNode): Generator<AnyStateNode> {
  for (let current: AnyStateNode | undefined = node; current !== undefined; current = current.parent) {
    yield current;
  }
}

/** The atomic or final state that entering `node` ends in: a compound state's initial descendant. */
export function landingStateOf(node: AnyStateNode): AnyStateNode {
  switch (node.type) {
    case 'atomic':
    case 'final':
      return node;
    case 'compound': {
      const initial = node.initial.target[0];
      if (initial === undefined) throw new Error(`State '${node.id}' has no initial state.`);
      return landingStateOf(initial);
    }
    case 'parallel':
    case 'history':
      // validate() refuses these before anything resolves a target.
      throw new Error(`State '${node.id}' is a ${node.type} state; validate the machine first.`);
    default:
      return assertNever(node.type);
  }
}

/** A transition that can move an atomic state, wherever in its ancestry it is defined. */
export interface AvailableTransition {
  /** The event type (for a delayed transition, `xstate.after.<delay>.<state id>`). */
  readonly event: string;
  /** The node whose `on`/`after` defines it: the state itself or one of its ancestors. */
  readonly source: AnyStateNode;
  /** The atomic or final state it lands in. */
  readonly target: AnyStateNode;
  /** The transition's own actions. */
  readonly actions: readonly unknown[];
}

/**
 * Every targeted transition that can move `state`: its own first, then those it inherits
 * from its ancestors (nearest first), each in definition order. Targetless transitions are left
 * out: they keep the state, which the route's re-park branch covers.
 */
export function availableTransitions(state: AnyStateNode): AvailableTransition[] {
  return routedTransitions(state)
    .filter((transition) => !transition.targetless)
    .map(({ targetless: _targetless, ...transition }) => transition);
}

/** The distinct delays of a node's `after` transitions, in definition order. */
export function delaysOf(node: AnyStateNode): unknown[] {
  return [...new Set(node.after.map((transition) => transition.delay))];
}

/** A transition of an atomic state as the route sees it: targetless ones land in the state itself. */
export interface RoutedTransition extends AvailableTransition {
  /** True when the transition has no target: the state stays (and parks again). */
  readonly targetless: boolean;
}

/**
 * Every transition that can move or keep `state`, targetless ones included (they land in `state`),
 * own first, then inherited (nearest first), each in definition order.
 */
export function routedTransitions(state: AnyStateNode): RoutedTransition[] {
  const found: RoutedTransition[] = [];
  for (const source of selfAndAncestors(state)) {
    for (const [event, definitions] of source.transitions) {
      for (const definition of definitions) {
        const targets = definition.target ?? [];
        if (targets.length === 0) {
          found.push({ event, source, target: state, actions: definition.actions, targetless: true });
        }
        for (const target of targets) {
          found.push({
            event,
            source,
            target: landingStateOf(target),
            actions: definition.actions,
            targetless: false,
          });
        }
      }
    }
  }
  return found;
}
