/**
 * Sorts the actions of a state node into what the compiler must run as notify tasks and what it
 * may leave out: XState's built-in actions (assign, raise, cancel, log, …) only change the
 * snapshot or schedule events, and dispatch applies those with `transition()` already.
 */
import type { AnyStateMachine } from 'xstate';

/** An action as the compiler sees it. */
export type ClassifiedAction =
  /** A built-in, or a named action implemented by one: nothing for the ASL to run. */
  | { readonly kind: 'builtin'; readonly type: string }
  /** A named custom action (an e-mail, say): the ASL runs it through the notify Lambda. */
  | { readonly kind: 'named'; readonly type: string; readonly params: unknown }
  /** An anonymous function: the ASL cannot name it to the notify Lambda. */
  | { readonly kind: 'inline' };

/** The type of one of XState's built-in action objects (functions with a `xstate.*` type), if `value` is one. */
function builtinTypeOf(value: unknown): string | undefined {
  if (typeof value !== 'function') return undefined;
  const type: unknown = (value as unknown as { type?: unknown }).type;
  return typeof type === 'string' && type.startsWith('xstate.') ? type : undefined;
}

/** Classifies one entry of a node's `entry`, `exit` or transition `actions`. */
export function classifyAction(action: unknown, machine: AnyStateMachine): ClassifiedAction {
  if (typeof action === 'function') {
    const builtin = builtinTypeOf(action);
    return builtin === undefined ? { kind: 'inline' } : { kind: 'builtin', type: builtin };
  }
  const { type, params } =
    typeof action === 'string'
      ? { type: action, params: undefined }
      : (action as { type: string; params?: unknown });
  const implementation: unknown = (machine.implementations.actions as Record<string, unknown>)[type];
  return builtinTypeOf(implementation) !== undefined
    ? { kind: 'builtin', type }
    : { kind: 'named', type, params };
}

/** The custom (non-built-in, possibly inline) actions of a list, in order. */
export function customActions(actions: readonly unknown[], machine: AnyStateMachine): ClassifiedAction[] {
  return actions
    .map((action) => classifyAction(action, machine))
    .filter((action) => action.kind !== 'builtin');
}
