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
    // A targetless transition parks again after its e-mail (the signal brings the park's timer); a
    // targeted one enters its target.
    expect(taskOf(definition, 'Notify open on 1.1')).toMatchObject({
      Next: 'Park open',
      Parameters: {
        Payload: {
          state: 'open',
          action: 'notify',
          params: { step: 'objection-lodged' },
          'signal.$': '$.signal',
        },
      },
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

  it('times a park with its own task only where the signal brings no timer: a successor’s start, a catch-up', () => {
    const definition = compileMachine(objection);
    const timer = taskOf(definition, 'Time objection.awaitingArguments');
    expect(timer.Parameters?.Payload).toEqual({
      'proposalId.$': '$.proposalId',
      state: 'objection.awaitingArguments',
      deadline: true,
      'signal.$': '$.signal',
      'startTime.$': '$$.Execution.StartTime',
      'executionName.$': '$$.Execution.Name',
    });
    expect(timer).toMatchObject({ ResultPath: '$.signal.timer', Next: 'Park objection.awaitingArguments' });
    expect(taskOf(definition, 'Time decided').Parameters?.Payload).toMatchObject({ deadline: false });
    // Issue 16: no transition passes through a timer task; only Start and a timed-out park lead there.
    const intoTimers = Object.entries(definition.States).flatMap(([name, state]) =>
      successorsOf(state)
        .filter((next) => next.startsWith('Time '))
        .map(() => name),
    );
    // (the states without a deadline: their timed-out choice re-times a catch-up's park)
    expect([...new Set(intoTimers)].sort()).toEqual([
      'Start',
      'Timed out decided',
      'Timed out objection.reconsideration',
    ]);
  });

  it('parks a state with a deadline for the timer, then runs the deadline or rolls over', () => {
    const definition = compileMachine(objection);
    const park = taskOf(definition, 'Park objection.awaitingArguments');
    expect(park.TimeoutSecondsPath).toBe('$.signal.timer.seconds');
    expect(park.TimeoutSeconds).toBeUndefined();
    // The deadline task itself tells the end of the execution's life apart (issue 16): no Choice.
    expect(park.Catch).toEqual([
      {
        ErrorEquals: ['States.Timeout'],
        ResultPath: '$.timeout',
        Next: 'Deadline objection.awaitingArguments',
      },
    ]);
    expect(definition.States['Timed out objection.awaitingArguments']).toBeUndefined();
    expect(routesOf(definition, 'Route objection.awaitingArguments')).toMatchObject({
      And: 'Rollover objection.awaitingArguments',
    });
    const deadline = taskOf(definition, 'Deadline objection.awaitingArguments');
    expect(deadline.Parameters?.Payload).toMatchObject({
      event: 'xstate.after.argumentsDeadline.proposal.objection.awaitingArguments',
    });
    expect(deadline.ResultSelector).toHaveProperty(['timeoutSeconds.$'], '$.Payload.timeoutSeconds');
    expect(deadline.ResultSelector).toHaveProperty(['timer.$'], '$.Payload.timer');
    // The state the deadline entered goes on with the signal to that state's e-mails (issue 16).
    expect(deadline.ResultSelector).toHaveProperty(['entered.$'], '$.Payload.entered');
    expect(deadline.Parameters?.Payload).toMatchObject({
      'startTime.$': '$$.Execution.StartTime',
      'executionName.$': '$$.Execution.Name',
      'timer.$': '$.signal.timer',
    });
  });

  it('parks a state without a deadline until the execution nears its end, then rolls over', () => {
    const definition = compileMachine(objection);
    const park = taskOf(definition, 'Park decided');
    expect(park.TimeoutSecondsPath).toBe('$.signal.timer.seconds');
    expect(park.Parameters?.Payload).toMatchObject({ 'startTime.$': '$$.Execution.StartTime' });
    expect(park.Catch?.[0]?.Next).toBe('Timed out decided');
    // A catch-up's provisional timer (no deadline known) times out at once: timed properly then.
    expect(stateOf(definition, 'Timed out decided')).toEqual({
      Type: 'Choice',
      Choices: [{ Variable: '$.signal.timer.onTimeout', StringEquals: 'rollover', Next: 'Rollover decided' }],
      Default: 'Time decided',
    });
    expect(definition.States['Deadline decided']).toBeUndefined();
  });

  it('starts the successor under the name the timer chose, carrying the deadline’s due moment', () => {
    const rollover = taskOf(compileMachine(objection), 'Rollover objection.awaitingArguments');
    expect(rollover.Parameters).toMatchObject({
      'Name.$': '$.signal.timer.successorName',
      Input: { signal: { type: 'xstate.rollover', 'due.$': '$.signal.timer.due' } },
    });
    expect(rollover.Catch).toEqual([
      {
        ErrorEquals: [
          'StepFunctions.ExecutionAlreadyExists',
          'StepFunctions.ExecutionAlreadyExistsException',
        ],
        ResultPath: null,
        Next: 'Rolled over',
      },
    ]);
    expect(rollover.Next).toBe('Rolled over');
  });

  it('catches every error of every notify task, so that an e-mail never fails the execution', () => {
    for (const machine of [objection, notices]) {
      const definition = compileMachine(machine);
      const notifies = Object.entries(definition.States).filter(([name]) => name.startsWith('Notify '));
      expect(notifies.length).toBeGreaterThan(0);
      for (const [name, state] of notifies) {
        if (state.Type !== 'Task') throw new Error(`${name} is no Task`);
        expect(state.Catch, name).toEqual([
          { ErrorEquals: ['States.ALL'], ResultPath: '$.notifyError', Next: state.Next },
        ]);
      }
    }
  });

  it('routes both guarded branches of a delay and the events a state inherits, and re-parks on itself', () => {
    expect(routesOf(compileMachine(objection), 'Route objection.awaitingArguments')).toEqual({
      // The deadline task's rollover, the one rule with `And` here.
      And: 'Rollover objection.awaitingArguments',
      'objection.reconsideration': 'Notify objection.reconsideration 1',
      // A final state with one e-mail is that e-mail, ending the execution (issue 16).
      lapsed: 'Final lapsed',
      decisionStands: 'Final decisionStands',
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

  it('runs entry actions as a notify chain with their params, leaving out assign; the last ends a final state', () => {
    const definition = compileMachine(notices);
    const first = taskOf(definition, 'Notify adopted 1');
    // Issue 16: a final state's last e-mail ends the execution itself, with no Succeed after it.
    const second = taskOf(definition, 'Final adopted');
    expect(first.Parameters?.Payload).toMatchObject({
      state: 'adopted',
      action: 'sendMail',
      params: { step: 'decision-taken', to: ['members', 'chair'] },
    });
    expect(first.Next).toBe('Final adopted');
    expect(second.Parameters?.Payload).toMatchObject({ state: 'adopted', action: 'publishDecision' });
    expect(second.Parameters?.Payload).not.toHaveProperty('params');
    expect(second).toMatchObject({ ResultPath: null, End: true });
    expect(second.Next).toBeUndefined();
    expect(definition.States['Notify adopted 2']).toBeUndefined();
    // Its e-mail failing after the retries still ends the execution successfully.
    expect(second.Catch).toEqual([
      { ErrorEquals: ['States.ALL'], ResultPath: '$.notifyError', Next: names.FINAL_MAIL_FAILED },
    ]);
    expect(stateOf(definition, names.FINAL_MAIL_FAILED)).toMatchObject({ Type: 'Succeed' });
    // A final state without e-mails stays a Succeed.
    expect(stateOf(compileMachine(review), 'Final withdrawn')).toEqual({ Type: 'Succeed' });
  });

  it('starts a successor at its park’s timer and a new execution at the initial state entry', () => {
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
          Next: 'Time voting',
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
    expect(taskOf(definition, 'Final lapsed').Parameters?.FunctionName).toBe(`\${MailFunctionArn}`);
  });
});
