/**
 * Why the model refuses an event, and what is possible now. XState's `transition()` only tells that
 * an event changed nothing; these functions read the machine's graph and re-run the guards' checks
 * to name the reason (pure: no clock, no I/O).
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import type { CheckDeps } from './checks.ts';
import type { ProposalContext } from './context.ts';
import type { AgreedImplementation, ProposalEvent, ProposalEventType } from './events.ts';
import { eventAuthority, type GuardName, guardChecks } from './guards.ts';
import type { CovenantRefusal, ForbiddenRefusal } from './refusals.ts';

/** The event is not one the current state accepts (or it does not apply to this proposal). */
export interface NotPossibleRefusal {
  readonly kind: 'not-possible';
  readonly state: string;
  readonly reason: string;
  /** The event types the current state accepts. */
  readonly possible: readonly ProposalEventType[];
}

export type Explanation = NotPossibleRefusal | ForbiddenRefusal | CovenantRefusal;

/** The atomic state node of a state key and its ancestors, innermost first. */
export function activeNodes(machine: AnyStateMachine, stateKey: string): AnyStateNode[] {
  const nodes: AnyStateNode[] = [];
  let node: AnyStateNode | undefined = machine.getStateNodeById(`${machine.id}.${stateKey}`);
  while (node && node !== machine.root) {
    nodes.push(node);
    node = node.parent;
  }
  return nodes;
}

/** The event types (not deadlines) that the state accepts, in a stable order. */
export function acceptedEventTypes(machine: AnyStateMachine, stateKey: string): ProposalEventType[] {
  const types = new Set<string>();
  for (const node of activeNodes(machine, stateKey)) {
    for (const type of node.transitions.keys()) if (!type.startsWith('xstate.')) types.add(type);
  }
  return [...types].sort() as ProposalEventType[];
}

/** The name of a transition's guard: XState keeps a named guard as its name, or as `{ type }` with params. */
export const guardName = (guard: unknown): GuardName | undefined =>
  (typeof guard === 'string' ? guard : (guard as { type?: string } | undefined)?.type) as
    | GuardName
    | undefined;

const guardsFor = (machine: AnyStateMachine, stateKey: string, type: string): (GuardName | undefined)[] =>
  activeNodes(machine, stateKey).flatMap((node) =>
    (node.transitions.get(type) ?? []).map((t) => guardName(t.guard)),
  );

/**
 * Explains why `event` does not move a proposal in `stateKey`: not possible in this state, the
 * caller may not, or a covenant rule refuses it (first refusal of the first guarded branch wins,
 * since who may act is checked before the covenant's rules).
 */
export function explainRefusal(
  machine: AnyStateMachine,
  deps: CheckDeps,
  stateKey: string,
  context: ProposalContext,
  event: ProposalEvent,
): Explanation {
  const possible = acceptedEventTypes(machine, stateKey);
  const notPossible = (reason: string): NotPossibleRefusal => ({
    kind: 'not-possible',
    state: stateKey,
    reason,
    possible,
  });
  const guards = guardsFor(machine, stateKey, event.type);
  // The reason names no state id: internal states may change, the API shows phases (DESIGN 5.1).
  if (guards.length === 0) return notPossible(`${event.type} is not possible now`);
  let routingReason = '';
  for (const guard of guards) {
    const refusal = guard ? guardChecks[guard](deps, context, event) : null;
    if (refusal && refusal.kind !== 'routing') return refusal;
    if (refusal) routingReason ||= refusal.reason;
  }
  return notPossible(routingReason || `${event.type} changes nothing now`);
}

/** What the caller may do now: the accepted events whose sender the caller may be (DESIGN 5.1 `actions`). */
export function actionsFor(
  machine: AnyStateMachine,
  deps: CheckDeps,
  stateKey: string,
  context: ProposalContext,
  caller: ProposalEvent['by'],
  at: string,
  /** What the use case reads for an event, e.g. the release calendar for OBJECT (art. 7.4). */
  probes: { readonly calendar?: readonly AgreedImplementation[] } = {},
): ProposalEventType[] {
  return acceptedEventTypes(machine, stateKey).filter((type) => {
    const probe = (
      type === 'OBJECT' ? { type, by: caller, at, calendar: probes.calendar ?? [] } : { type, by: caller, at }
    ) as ProposalEvent;
    return eventAuthority[type](deps, context, probe) === null;
  });
}
