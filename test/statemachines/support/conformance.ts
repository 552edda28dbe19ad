/**
 * Shared by the conformance suites (the oracle's in test/statemachines/, the local engine's in
 * test/integration/engine/): a model path run through the XState machine, the signals its events
 * send to the workflow, and the same path run through the compiled ASL on aws-local-stepfunctions.
 */
import { readFileSync } from 'node:fs';
import { initialTransition, transition } from 'xstate';
import {
  initialTimer,
  type Signal,
  type StateDocument,
  type StateMachineDefinition,
} from '#statemachines/compiler/index.ts';
import { LIFECYCLE_ASL_PATH } from '#statemachines/proposal-lifecycle/asl.ts';
import type { NotifyParams } from '#statemachines/proposal-lifecycle/index.ts';
import { stateKeyOf } from '#statemachines/proposal-lifecycle/index.ts';
import { runOnLocalSfn, taskTimeout } from '../harness/local-sfn.ts';
import { input, machine } from './lifecycle.ts';
import type { ModelPath } from './paths.ts';

/** The committed compiled lifecycle, placeholders unsubstituted. */
export const lifecycleDefinition = JSON.parse(
  readFileSync(LIFECYCLE_ASL_PATH, 'utf8'),
) as StateMachineDefinition;

/** The execution input of a new proposal, as the relay starts it (with its first park's timer). */
export const initialInput: StateDocument = {
  proposalId: 'p-1',
  signal: { type: 'xstate.init', target: 'submitted', version: 1, timer: initialTimer('p-1') },
};

/** The states a path visits and the e-mails it sends, as both sides record them. */
export interface Trace {
  readonly states: string[];
  readonly emails: string[];
}

/** What one event of a path sends to the workflow, and whether it is a deadline (a task timeout). */
export interface PathSignal {
  readonly signal: Signal;
  readonly deadline: boolean;
}

/** The task timeout a signal to a state with a deadline carries (the same on every side). */
export const DEADLINE_TIMEOUT_SECONDS = 3600;

/** One e-mail as the traces record it. */
export function emailLine(state: string, params: NotifyParams): string {
  return `${state}: ${params.step} → ${params.to.join(',')}`;
}

/** The path through XState: the state after each event, the signal each event sends, the e-mails. */
export function throughXState(path: ModelPath) {
  let [snapshot] = initialTransition(machine, input);
  const trace: Trace = { states: [stateKeyOf(snapshot.value as string)], emails: [] };
  const signals: PathSignal[] = [];
  path.events.forEach((event, i) => {
    const [next, actions] = transition(machine, snapshot, event);
    const target = stateKeyOf(next.value as string);
    trace.states.push(target);
    for (const a of actions.filter((x) => x.type === 'notify')) {
      trace.emails.push(emailLine(target, a.params as NotifyParams));
    }
    const hasDeadline = machine.getStateNodeById(`proposal.${target}`).after.length > 0;
    const signal = {
      type: event.type,
      target,
      version: i + 2,
      ...(hasDeadline ? { timeoutSeconds: DEADLINE_TIMEOUT_SECONDS } : {}),
    };
    signals.push({ signal, deadline: event.type.startsWith('xstate.after.') });
    snapshot = next;
  });
  return { trace, signals, final: snapshot.status === 'done' };
}

/** The model states among visited ASL states: `Park <key>` and `Final <key>`. */
export function modelStatesOf(visited: readonly string[]): string[] {
  return visited.flatMap((name) => {
    const match = /^(?:Park|Final) (.+)$/.exec(name);
    return match?.[1] ? [match[1]] : [];
  });
}

/** The error a park answers with when the path has no more events: the run ends FAILED with it. */
export const END_OF_PATH = 'EndOfPath';

/** The same path through the compiled ASL on the oracle: park answers with the next signal, or times out for a deadline. */
export async function throughAsl(signals: readonly PathSignal[]) {
  const queue = [...signals];
  const emails: string[] = [];
  const endOfPath = Object.assign(new Error('the path has no more events'), { name: END_OF_PATH });
  const run = await runOnLocalSfn(lifecycleDefinition, initialInput, {
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
      return { ...next.signal, timeoutSeconds: next.signal.timeoutSeconds ?? 0, entered: null };
    },
    notify: (state, _action, params) => {
      emails.push(emailLine(state, params as unknown as NotifyParams));
    },
  });
  // A park answered twice in a row (the re-park of a transition within one state) is entered again.
  const trace: Trace = { states: modelStatesOf(run.visited), emails };
  return { run, trace, transitions: run.visited.length };
}
