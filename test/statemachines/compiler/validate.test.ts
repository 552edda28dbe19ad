import { describe, expect, it } from 'vitest';
import { type AnyStateMachine, assign, createMachine, fromPromise, setup } from 'xstate';
import { UnsupportedMachineError, validate } from '#statemachines/compiler/index.ts';
import { FIXTURES } from './fixtures/index.ts';

/** Named actions and delays for the machines below; `save` is implemented by a built-in. */
const withImplementations = setup({
  actions: { sendMail: () => undefined, save: assign({}) },
  delays: { argumentsDeadline: 1000, reminder: 2000 },
  guards: { argumentsReceived: () => true },
});

/** One unsupported machine per row, with the exact message the compiler must give. */
const REFUSALS: readonly (readonly [string, () => AnyStateMachine, string])[] = [
  [
    'a parallel state',
    () =>
      createMachine({ id: 'm', initial: 'p', states: { p: { type: 'parallel', states: { a: {}, b: {} } } } }),
    "State 'm.p' is a parallel state, which the ASL compiler does not support: model its regions as one compound state.",
  ],
  [
    'a history state',
    () =>
      createMachine({
        id: 'm',
        initial: 'c',
        states: { c: { initial: 'a', states: { a: { on: { GO: 'h' } }, h: { type: 'history' } } } },
      }),
    "State 'm.c.h' is a history state, which the ASL compiler does not support: target a state of its parent explicitly.",
  ],
  [
    'an invoked actor',
    () =>
      createMachine({
        id: 'm',
        initial: 'a',
        states: { a: { invoke: { src: fromPromise(async () => 1) } } },
      }),
    "State 'm.a' invokes an actor, which the ASL compiler does not support: call the service from the API handler or a task Lambda and send its result to the machine as an event.",
  ],
  [
    'an always transition',
    () => createMachine({ id: 'm', initial: 'a', states: { a: { always: 'b' }, b: {} } }),
    "State 'm.a' has an eventless (always) transition, which the ASL compiler does not support: let dispatch send an explicit event, or guard the transitions that enter this state instead.",
  ],
  [
    'entry actions on a compound state',
    () =>
      withImplementations.createMachine({
        id: 'm',
        initial: 'c',
        states: { c: { entry: 'sendMail', initial: 'a', states: { a: {} } } },
      }),
    "State 'm.c' is a compound state with entry actions ('sendMail'), which the ASL compiler does not support: move them to its atomic states.",
  ],
  [
    'exit actions',
    () =>
      withImplementations.createMachine({
        id: 'm',
        initial: 'a',
        states: { a: { exit: 'sendMail', on: { GO: 'b' } }, b: {} },
      }),
    "State 'm.a' has exit actions ('sendMail'), which the ASL compiler does not support: move them to the entry actions of the states its transitions target, or onto the transitions.",
  ],
  [
    'a transition that re-enters its source',
    () => createMachine({ id: 'm', initial: 'a', states: { a: { on: { AGAIN: 'a' } } } }),
    "State 'm.a' re-enters itself on 'AGAIN' (a transition defined on 'm.a'), which the ASL compiler does not support: drop the target to stay in the state, or target another state.",
  ],
  [
    'an inherited transition that re-enters the state',
    () =>
      createMachine({
        id: 'm',
        initial: 'c',
        states: { c: { initial: 'a', on: { RESET: 'c' }, states: { a: { on: { GO: 'b' } }, b: {} } } },
      }),
    "State 'm.c.a' re-enters itself on 'RESET' (a transition defined on 'm.c'), which the ASL compiler does not support: drop the target to stay in the state, or target another state.",
  ],
  [
    'two delays in one state',
    () =>
      withImplementations.createMachine({
        id: 'm',
        initial: 'a',
        states: { a: { after: { argumentsDeadline: 'b', reminder: 'b' } }, b: {} },
      }),
    "State 'm.a' has 2 delays (argumentsDeadline, reminder), which the ASL compiler does not support: keep one named delay per state and branch on guards under it.",
  ],
  [
    'a delayed transition on a compound state',
    () =>
      withImplementations.createMachine({
        id: 'm',
        initial: 'c',
        states: { c: { initial: 'a', after: { argumentsDeadline: 'b' }, states: { a: {} } }, b: {} },
      }),
    "State 'm.c' is a compound state with a delayed transition (after 'argumentsDeadline'), which the ASL compiler does not support: move the delay to its atomic states.",
  ],
  [
    'a delay given as a number',
    () => createMachine({ id: 'm', initial: 'a', states: { a: { after: { 5000: 'b' } }, b: {} } }),
    "State 'm.a' has a delay given as a number (5000 ms), which the ASL compiler does not support: name the delay (after: { argumentsDeadline: ... }) and define it in setup({ delays }), because the park task reads its timeout from the signal that dispatch computed.",
  ],
  [
    'a state key too long for the ASL state names',
    () => createMachine({ id: 'm', initial: 'x'.repeat(72), states: { ['x'.repeat(72)]: {} } }),
    `State 'm.${'x'.repeat(72)}' has a state key of 72 characters, too long for the ASL state name 'Rollover ${'x'.repeat(72)}' (81 characters), which the ASL compiler does not support: shorten the keys on its path so that every ASL state name stays within 80 characters.`,
  ],
  [
    'a nested final state',
    () =>
      createMachine({
        id: 'm',
        initial: 'c',
        states: { c: { initial: 'a', states: { a: { on: { GO: 'done' } }, done: { type: 'final' } } } },
      }),
    "State 'm.c.done' is a final state inside a compound state, which the ASL compiler does not support: move it to the top level of the machine.",
  ],
  [
    'an inline entry action',
    () => createMachine({ id: 'm', initial: 'a', states: { a: { entry: () => undefined } } }),
    "State 'm.a' has an inline entry action, which the ASL compiler does not support: name it in setup({ actions }) and refer to it by name.",
  ],
  [
    'entry action params that are not JSON',
    () =>
      withImplementations.createMachine({
        id: 'm',
        initial: 'a',
        states: { a: { entry: { type: 'sendMail', params: () => ({ step: 'x' }) } } },
      }),
    "State 'm.a' has entry action 'sendMail' with params that are not plain JSON, which the ASL compiler does not support: give it static JSON params (the ASL embeds them in the notify payload).",
  ],
  [
    'a params key that reads as a path',
    () =>
      withImplementations.createMachine({
        id: 'm',
        initial: 'a',
        states: { a: { entry: { type: 'sendMail', params: { recipients: { 'to.$': '$.x' } } } } },
      }),
    "State 'm.a' has entry action 'sendMail' with a params key 'to.$' that Step Functions would read as a path, which the ASL compiler does not support: rename the key.",
  ],
  [
    'an inline function on a transition',
    () =>
      withImplementations.createMachine({
        id: 'm',
        initial: 'a',
        states: { a: { on: { GO: { target: 'b', actions: () => {} } } }, b: {} },
      }),
    "State 'm.a' runs an inline function on its 'GO' transition, which the ASL compiler does not support: name it in setup({ actions }) and refer to it by name.",
  ],
  [
    // The route tells a transition's e-mails apart by event type and target only (several objectors, art. 7.1).
    'two branches with the same event and target but different actions',
    () =>
      withImplementations.createMachine({
        id: 'm',
        initial: 'a',
        states: {
          a: {
            on: {
              GO: [{ guard: () => true, target: 'b', actions: 'sendMail' }, { target: 'b' }],
            },
          },
          b: {},
        },
      }),
    "State 'm.a' has two 'GO' transitions to 'b' that run different actions, which the ASL compiler does not support: give them the same actions, or different targets (the route knows a transition by its event and target).",
  ],
];

describe('validate', () => {
  it.each(REFUSALS)(
    'refuses %s with a message naming the state and the fix',
    (_feature, machine, message) => {
      expect(() => validate(machine())).toThrow(message);
    },
  );

  it('throws an UnsupportedMachineError that carries the state id', () => {
    const machine = createMachine({ id: 'm', initial: 'a', states: { a: { always: 'b' }, b: {} } });
    const error = (() => {
      try {
        validate(machine);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UnsupportedMachineError);
    expect(error).toMatchObject({ name: 'UnsupportedMachineError', stateId: 'm.a' });
  });

  it.each(Object.entries(FIXTURES))('accepts the %s fixture and returns the machine', (_name, machine) => {
    expect(validate(machine)).toBe(machine);
  });

  it('accepts guards, targetless transitions and built-in actions anywhere', () => {
    const machine = withImplementations.createMachine({
      id: 'm',
      initial: 'c',
      entry: assign({}),
      states: {
        c: {
          initial: 'a',
          exit: 'save',
          on: { NOTE: { actions: ['save', assign({})] } },
          states: {
            a: {
              after: {
                argumentsDeadline: [{ target: '#m.b', guard: 'argumentsReceived' }, { target: '#m.b' }],
              },
            },
          },
        },
        b: { type: 'final' },
      },
    });
    expect(validate(machine)).toBe(machine);
  });
});
