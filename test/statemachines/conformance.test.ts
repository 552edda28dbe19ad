/**
 * Conformance: every path of the lifecycle model runs (a) through the XState machine with pure
 * `transition()` and (b) through the compiled ASL on aws-local-stepfunctions, whose park, deadline
 * and notify tasks are fed the path's events. Both must visit the same states in the same order
 * and send the same e-mails; together the paths take every transition of the model.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import type { ProposalEvent } from '#statemachines/proposal-lifecycle/index.ts';
import { END_OF_PATH, throughAsl, throughXState } from './support/conformance.ts';
import { input, machine } from './support/lifecycle.ts';
import { allTransitions, pathsCoveringEveryTransition, takenTransition } from './support/paths.ts';

const paths = pathsCoveringEveryTransition();

const stats: { covers: string; events: number; stateTransitions: number }[] = [];

describe('conformance of the compiled ASL with the XState model', () => {
  it('has paths that take every transition of the model', () => {
    const covered = new Set(paths.map((p) => p.covers));
    const missing = allTransitions().filter((t) => !covered.has(t));
    expect(missing).toEqual([]);
    expect(covered.size).toBe(allTransitions().length);
  });

  it.each(paths.map((p) => [p.covers, p] as const))(
    'agrees on the path that takes %s',
    async (_covers, path) => {
      const model = throughXState(path);
      const asl = await throughAsl(model.signals);
      expect(asl.trace.states).toEqual(model.trace.states);
      expect(asl.trace.emails).toEqual(model.trace.emails);
      expect(asl.run.status).toBe(model.final ? 'SUCCEEDED' : 'FAILED');
      if (!model.final) expect(asl.run.error?.Error).toBe(END_OF_PATH);
      stats.push({ covers: path.covers, events: path.events.length, stateTransitions: asl.transitions });
    },
  );

  it('records the transition each path is for', () => {
    for (const path of paths) {
      const [start] = initialTransition(machine, input);
      let snapshot = start;
      for (const event of path.events.slice(0, -1))
        [snapshot] = transition(machine, snapshot, event as ProposalEvent);
      const last = path.events.at(-1);
      expect(last && takenTransition(snapshot, last)).toBe(path.covers);
    }
  });

  afterAll(() => {
    const total = allTransitions().length;
    const covered = new Set(stats.map((s) => s.covers)).size;
    const lines = stats.map(
      (s) => `  ${String(s.stateTransitions).padStart(4)} state transitions, ${s.events} events: ${s.covers}`,
    );
    console.info(
      `conformance: ${paths.length} paths, transition coverage ${covered}/${total} (${((100 * covered) / total).toFixed(1)}%)\n` +
        `Step Functions state transitions per path (the workflow's cost):\n${lines.join('\n')}`,
    );
  });
});
