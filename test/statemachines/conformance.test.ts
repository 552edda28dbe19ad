/**
 * Conformance: every path of the lifecycle model runs (a) through the XState machine with pure
 * `transition()` and (b) through the compiled ASL on aws-local-stepfunctions, whose park, deadline
 * and notify tasks are fed the path's events. Both must visit the same states in the same order
 * and send the same e-mails; together the paths take every transition of the model.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import type { Signal, StateMachineDefinition } from '#statemachines/compiler/index.ts';
import { LIFECYCLE_ASL_PATH } from '#statemachines/proposal-lifecycle/asl.ts';
import type { NotifyParams, ProposalEvent } from '#statemachines/proposal-lifecycle/index.ts';
import { stateKeyOf } from '#statemachines/proposal-lifecycle/index.ts';
import { runOnLocalSfn, taskTimeout } from './harness/local-sfn.ts';
import { input, machine } from './support/lifecycle.ts';
import {
  allTransitions,
  type ModelPath,
  pathsCoveringEveryTransition,
  takenTransition,
} from './support/paths.ts';

const definition = JSON.parse(readFileSync(LIFECYCLE_ASL_PATH, 'utf8')) as StateMachineDefinition;
const paths = pathsCoveringEveryTransition();

interface Trace {
  readonly states: string[];
  readonly emails: string[];
}

/** The path through XState: the state after each event, the signal each event sends, the e-mails. */
function throughXState(path: ModelPath) {
  let [snapshot] = initialTransition(machine, input);
  const trace: Trace = { states: [stateKeyOf(snapshot.value as string)], emails: [] };
  const signals: { signal: Signal; deadline: boolean }[] = [];
  path.events.forEach((event, i) => {
    const [next, actions] = transition(machine, snapshot, event);
    const target = stateKeyOf(next.value as string);
    trace.states.push(target);
    for (const a of actions.filter((x) => x.type === 'notify')) {
      const params = a.params as NotifyParams;
      trace.emails.push(`${target}: ${params.step} → ${params.to.join(',')}`);
    }
    const hasDeadline = machine.getStateNodeById(`proposal.${target}`).after.length > 0;
    const signal = {
      type: event.type,
      target,
      version: i + 2,
      ...(hasDeadline ? { timeoutSeconds: 3600 } : {}),
    };
    signals.push({ signal, deadline: event.type.startsWith('xstate.after.') });
    snapshot = next;
  });
  return { trace, signals, final: snapshot.status === 'done' };
}

/** The same path through the compiled ASL: park answers with the next signal, or times out for a deadline. */
async function throughAsl(signals: readonly { signal: Signal; deadline: boolean }[]) {
  const queue = [...signals];
  const emails: string[] = [];
  const endOfPath = Object.assign(new Error('the path has no more events'), { name: 'EndOfPath' });
  const run = await runOnLocalSfn(
    definition,
    { proposalId: 'p-1', signal: { type: 'xstate.init', target: 'submitted', version: 1 } },
    {
      park: () => {
        const next = queue[0];
        if (!next) throw endOfPath;
        if (next.deadline) throw taskTimeout();
        queue.shift();
        return next.signal;
      },
      deadline: () => {
        const next = queue.shift();
        if (!next) throw new Error('deadline task without a deadline event');
        return { ...next.signal, timeoutSeconds: next.signal.timeoutSeconds ?? 0 };
      },
      notify: (state, _action, params) => {
        const p = params as unknown as NotifyParams;
        emails.push(`${state}: ${p.step} → ${p.to.join(',')}`);
      },
    },
  );
  const states = run.visited.flatMap((name) => {
    const match = /^(?:Park|Final) (.+)$/.exec(name);
    return match?.[1] ? [match[1]] : [];
  });
  // A park answered twice in a row (the re-park of a transition within one state) is entered again.
  return { run, trace: { states, emails } satisfies Trace, transitions: run.visited.length };
}

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
      if (!model.final) expect(asl.run.error?.Error).toBe('EndOfPath');
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
