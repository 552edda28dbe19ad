/**
 * The facts kept beside the model (phase.ts) agree with the model's graph: a deadline's phase is
 * the phase of the state whose delay it is, the voting phases are those of the states that close
 * a vote, and the vote-opening phases those of the states that open one.
 */

import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { defaultPolicy, loadDefaultRegister } from '#shared/covenant/index.ts';
import {
  createProposalMachine,
  deadlinePhase,
  isDeadlineEvent,
  phaseOf,
  voteOpeningPhases,
  votingPhases,
} from '#statemachines/proposal-lifecycle/index.ts';

const machine = createProposalMachine(loadDefaultRegister(), defaultPolicy);

/** Every atomic state node with its state key (`objection.inGroup.reconsideration`). */
function atomicStates(
  node: AnyStateNode = machine.root,
  path: readonly string[] = [],
): [string, AnyStateNode][] {
  const children = Object.entries(node.states);
  if (children.length === 0) return [[path.join('.'), node]];
  return children.flatMap(([key, child]) => atomicStates(child, [...path, key]));
}

describe('phase', () => {
  it('maps each deadline kind to the phase of the state whose delay it is (art. 7.3, 7.4, 7.6)', () => {
    const delayed = atomicStates().flatMap(([key, node]) =>
      node.after.map((d) => [String(d.delay).replace(/Deadline$/, ''), phaseOf(key)] as const),
    );
    expect(delayed.length).toBeGreaterThan(0);
    expect(Object.fromEntries(delayed)).toEqual(deadlinePhase);
    for (const [, node] of atomicStates()) {
      for (const d of node.after) expect(isDeadlineEvent(d.eventType)).toBe(true);
    }
  });

  it('names as voting phases exactly the phases of the states that close a vote', () => {
    const closing = atomicStates()
      .filter(([, node]) => node.transitions.has('CLOSE_VOTE'))
      .map(([key]) => phaseOf(key));
    expect(new Set(closing)).toEqual(votingPhases);
  });

  it('names as vote-opening phases exactly the phases of the states that open a vote', () => {
    const opening = atomicStates()
      .filter(([, node]) => node.transitions.has('OPEN_VOTE'))
      .map(([key]) => phaseOf(key));
    expect(new Set(opening)).toEqual(voteOpeningPhases);
  });
});
