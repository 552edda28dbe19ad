import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import {
  compileMachine,
  names,
  type State,
  type StateMachineDefinition,
  serialise,
  successorsOf,
  type TaskState,
  toAslJson,
} from '#statemachines/compiler/index.ts';
import { validateAsl } from '#test/statemachines/harness/asl-validator.ts';
import { FIXTURES } from './fixtures/index.ts';
import { notices } from './fixtures/notices.ts';
import { objection } from './fixtures/objection.ts';
import { review } from './fixtures/review.ts';
import { toggle } from './fixtures/toggle.ts';
import { expectGolden } from './golden.ts';

const fixtures = Object.entries(FIXTURES);
const goldenPath = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/${name}.asl.json`, import.meta.url));

function stateOf(definition: StateMachineDefinition, name: string): State {
  const state = definition.States[name];
  if (state === undefined)
    throw new Error(`No state '${name}' in ${Object.keys(definition.States).join(', ')}`);
  return state;
}

function taskOf(definition: StateMachineDefinition, name: string): TaskState {
  const state = stateOf(definition, name);
  if (state.Type !== 'Task') throw new Error(`'${name}' is a ${state.Type}, not a Task`);
  return state;
}

/** The targets a Choice routes `$.signal.target` to, as `target → next state`. */
function routesOf(definition: StateMachineDefinition, name: string): Record<string, string> {
  const state = stateOf(definition, name);
  if (state.Type !== 'Choice') throw new Error(`'${name}' is a ${state.Type}, not a Choice`);
  return Object.fromEntries(
    state.Choices.map((rule) => ['StringEquals' in rule ? rule.StringEquals : 'And', rule.Next]),
  );
}

describe('compile', () => {
  it('runs a transition’s own e-mails between its source and its target, told apart by event and target', () => {
    // Several objectors (art. 7.1): a second objection keeps the state and must still send its e-mail.
    const machine = setup({ actions: { notify: (_args: unknown, _params: unknown) => {} } }).createMachine({
      id: 'm',
      initial: 'open',
      states: {
        open: {
          on: {
            OBJECT: { actions: { type: 'notify', params: { step: 'objection-lodged' } } },
            CLOSE: { target: 'done', actions: { type: 'notify', params: { step: 'closed' } } },
          },
        },
        done: { type: 'final' },
      },
    });
    const definition = compileMachine(machine);
    const route = stateOf(definition, 'Route open');
    expect(route.Type === 'Choice' && route.Choices.slice(0, 2)).toEqual([
      {
        And: [
          { Variable: '$.signal.type', StringEquals: 'OBJECT' },
          { Variable: '$.signal.target', StringEquals: 'open' },
        ],
        Next: 'Notify open on 1.1',
      },
      {
        And: [
          { Variable: '$.signal.type', StringEquals: 'CLOSE' },
          { Variable: '$.signal.target', StringEquals: 'done' },
        ],
        Next: 'Notify open on 2.1',
      },
    ]);
    // A targetless transition parks again after its e-mail; a targeted one enters its target.
    expect(taskOf(definition, 'Notify open on 1.1')).toMatchObject({
      Next: 'Park open',
      Parameters: { Payload: { state: 'open', action: 'notify', params: { step: 'objection-lodged' } } },
    });
    expect(taskOf(definition, 'Notify open on 2.1')).toMatchObject({
      Next: 'Final done',
      Parameters: { Payload: { state: 'done', params: { step: 'closed' } } },
    });
    expect(validateAsl(definition)).toEqual({ isValid: true, errors: '' });
  });

  it.each(fixtures)('compiles %s to its golden ASL', (name, machine) => {
    expectGolden(goldenPath(name), toAslJson(machine));
  });

  it.each(fixtures)('compiles %s to ASL that asl-validator accepts', (_name, machine) => {
    const definition = compileMachine(machine);
    const before = structuredClone(definition);
    expect(validateAsl(definition)).toEqual({ isValid: true, errors: '' });
    expect(definition).toEqual(before);
  });

  it.each(fixtures)('keeps every ASL state name of %s within 80 characters', (_name, machine) => {
    const tooLong = Object.keys(compileMachine(machine).States).filter((name) => name.length > 80);
    expect(tooLong).toEqual([]);
  });

  it.each(fixtures)('compiles %s to the same text every time', (_name, machine) => {
    expect(toAslJson(machine)).toBe(toAslJson(machine));
  });

  it.each(fixtures)('leaves no state of %s unreachable and no transition dangling', (_name, machine) => {
    const definition = compileMachine(machine);
    const reached = new Set<string>();
    const pending = [definition.StartAt];
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      if (reached.has(name)) continue;
      reached.add(name);
      pending.push(...successorsOf(stateOf(definition, name)));
    }
    expect([...reached].sort()).toEqual(Object.keys(definition.States).sort());
  });

  it('serialises with 2-space indentation and a trailing newline', () => {
    const text = serialise(compileMachine(toggle));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toMatch(
      /^ {2}"Comment": "XState machine 'toggle' .*npm run build:asl: do not edit\."/,
    );
  });

  it('parks a state with a deadline for the signal timeout and runs the deadline on timeout', () => {
    const definition = compileMachine(objection);
    const park = taskOf(definition, 'Park objection.awaitingArguments');
    expect(park.TimeoutSecondsPath).toBe('$.signal.timeoutSeconds');
    expect(park.TimeoutSeconds).toBeUndefined();
    expect(park.Catch).toEqual([
      {
        ErrorEquals: ['States.Timeout'],
        ResultPath: '$.timeout',
        Next: 'Deadline objection.awaitingArguments',
      },
    ]);
    const deadline = taskOf(definition, 'Deadline objection.awaitingArguments');
    expect(deadline.Parameters?.Payload).toMatchObject({
      event: 'xstate.after.argumentsDeadline.proposal.objection.awaitingArguments',
    });
    expect(deadline.ResultSelector).toHaveProperty(['timeoutSeconds.$'], '$.Payload.timeoutSeconds');
  });

  it('parks a state without a deadline for 300 days, then rolls over to a successor execution', () => {
    const definition = compileMachine(objection);
    const park = taskOf(definition, 'Park decided');
    expect(park.TimeoutSeconds).toBe(25_920_000);
    expect(park.Catch?.[0]?.Next).toBe('Rollover decided');
    expect(taskOf(definition, 'Rollover decided').Next).toBe('Rolled over');
    expect(definition.States['Deadline decided']).toBeUndefined();
  });

  it('routes both guarded branches of a delay and the events a state inherits, and re-parks on itself', () => {
    expect(routesOf(compileMachine(objection), 'Route objection.awaitingArguments')).toEqual({
      'objection.reconsideration': 'Notify objection.reconsideration 1',
      lapsed: 'Notify lapsed 1',
      decisionStands: 'Notify decisionStands 1',
      'objection.awaitingArguments': 'Park objection.awaitingArguments',
    });
  });

  it('resolves a compound target to its initial state and routes events inherited from the root', () => {
    const definition = compileMachine(review);
    expect(routesOf(definition, 'Route drafting')).toEqual({
      'reviewing.firstReading': 'Park reviewing.firstReading',
      withdrawn: 'Final withdrawn',
      drafting: 'Park drafting',
    });
    expect(routesOf(definition, 'Route reviewing.secondReading')).toMatchObject({
      approved: 'Final approved',
      drafting: 'Park drafting',
      withdrawn: 'Final withdrawn',
    });
  });

  it('runs entry actions as a notify chain with their params, leaving out assign', () => {
    const definition = compileMachine(notices);
    const first = taskOf(definition, 'Notify adopted 1');
    const second = taskOf(definition, 'Notify adopted 2');
    expect(first.Parameters?.Payload).toMatchObject({
      state: 'adopted',
      action: 'sendMail',
      params: { step: 'decision-taken', to: ['members', 'chair'] },
    });
    expect(first.Next).toBe('Notify adopted 2');
    expect(second.Parameters?.Payload).not.toHaveProperty('params');
    expect(second).toMatchObject({ ResultPath: null, Next: 'Final adopted' });
    expect(definition.States['Notify adopted 3']).toBeUndefined();
    expect(stateOf(definition, 'Final adopted')).toEqual({ Type: 'Succeed' });
  });

  it('starts a successor at its park task and a new execution at the initial state entry', () => {
    const definition = compileMachine(notices);
    expect(definition.StartAt).toBe(names.START);
    expect(stateOf(definition, 'Start')).toEqual({
      Type: 'Choice',
      Choices: [
        {
          And: [
            { Variable: '$.signal.type', StringEquals: 'xstate.rollover' },
            { Variable: '$.signal.target', StringEquals: 'voting' },
          ],
          Next: 'Park voting',
        },
      ],
      Default: 'Notify voting 1',
    });
  });

  it('names the Lambda ARNs by definition substitutions, renamed through the options', () => {
    const definition = compileMachine(objection, { functionSubstitutions: { notify: 'MailFunctionArn' } });
    expect(taskOf(definition, 'Park decided').Parameters?.FunctionName).toBe(`\${ParkFunctionArn}`);
    expect(taskOf(definition, 'Deadline objection.awaitingArguments').Parameters?.FunctionName).toBe(
      `\${DeadlineFunctionArn}`,
    );
    expect(taskOf(definition, 'Notify lapsed 1').Parameters?.FunctionName).toBe(`\${MailFunctionArn}`);
  });
});
