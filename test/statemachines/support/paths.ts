/**
 * Paths through the lifecycle model that together take every transition of the model, from
 * `@xstate/graph`: the shortest path to every distinct state, extended by every event that state
 * accepts. Also the catalogue of the model's transitions, to measure coverage.
 */

import { getShortestPaths } from '@xstate/graph';
import type { AnyMachineSnapshot, AnyStateNode } from 'xstate';
import { guardChecks } from '#statemachines/proposal-lifecycle/guards.ts';
import {
  guardName,
  type ProposalContext,
  type ProposalEvent,
  stateKeyOf,
} from '#statemachines/proposal-lifecycle/index.ts';
import { deps, input, machine, sampleEvents } from './lifecycle.ts';

/** A transition of the model: the node that defines it, its event, and which branch. */
export type TransitionId = string;

const idOf = (node: AnyStateNode, eventType: string, index: number): TransitionId =>
  `${node.id} ${eventType} #${index}`;

/** Every transition the model defines (event and delayed), on every node. */
export function allTransitions(node: AnyStateNode = machine.root): TransitionId[] {
  const own = [...node.transitions].flatMap(([type, list]) => list.map((_t, i) => idOf(node, type, i)));
  return [...own, ...Object.values(node.states).flatMap((child) => allTransitions(child))];
}

/** The transition XState takes for `event` in `snapshot`: the first enabled branch, innermost node first. */
export function takenTransition(
  snapshot: AnyMachineSnapshot,
  event: ProposalEvent,
): TransitionId | undefined {
  const key = stateKeyOf(snapshot.value as string);
  let node: AnyStateNode | undefined = machine.getStateNodeById(`proposal.${key}`);
  const context = snapshot.context as ProposalContext;
  for (; node && node !== machine.root; node = node.parent) {
    const list = node.transitions.get(event.type) ?? [];
    const index = list.findIndex((t) => {
      const guard = guardName(t.guard);
      return !guard || guardChecks[guard](deps, context, event) === null;
    });
    if (index >= 0) return idOf(node, event.type, index);
  }
  return undefined;
}

/**
 * What distinguishes states for the traversal: where the proposal is, how it was decided, where
 * each objection stands, whether the decision's meeting closed, and who approved the note.
 */
const serializeState = (snapshot: AnyMachineSnapshot) => {
  const context = snapshot.context as ProposalContext;
  return JSON.stringify([
    snapshot.value,
    context.decision?.via ?? null,
    context.decision?.outcome ?? null,
    // The open objections decide what may follow; ended ones (moot, lapsed, withdrawn) do not.
    context.objections
      .filter((o) => ['pending', 'awaiting-arguments', 'argued'].includes(o.status))
      .map((o) => `${o.by}:${o.status}`)
      .sort(),
    context.decisionMeetingClosed ?? false,
    (context.note?.approvals ?? []).map((a) => a.party),
  ]);
};

export interface ModelPath {
  readonly events: readonly ProposalEvent[];
  /** The transition the last event takes: the one this path is for. */
  readonly covers: TransitionId;
}

/** One path per transition of the model: the shortest path to a state that takes it, then the transition. */
export function pathsCoveringEveryTransition(): ModelPath[] {
  const shortest = getShortestPaths(machine, { events: sampleEvents, serializeState, input });
  const paths = new Map<string, ModelPath>();
  for (const path of shortest) {
    const prefix = path.steps
      .map((s) => s.event as ProposalEvent)
      .filter((e) => !e.type.startsWith('xstate.init'));
    for (const event of sampleEvents(path.state)) {
      if (!path.state.can(event)) continue;
      const covers = takenTransition(path.state, event);
      if (!covers) continue;
      // The first (shortest) path to take a transition is its path: one per transition.
      if (!paths.has(covers)) paths.set(covers, { events: [...prefix, event], covers });
    }
  }
  return [...paths.values()];
}
