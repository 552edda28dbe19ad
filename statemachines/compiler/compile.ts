/**
 * Compiles the model of a validated machine to typed ASL (DESIGN 3.2): per atomic state a park
 * task (timed by the signal that enters it, `timer.ts`), a route on the target dispatch computed,
 * a deadline task or a timed-out choice, a rollover task, and a timer task for a start without a
 * timer; per entered state a chain of notify tasks for its entry actions. Guards are not compiled:
 * dispatch has evaluated them, and the ASL only follows the target it computed. Pure.
 */

import type { ChoiceRule, ChoiceState, State, StateMachineDefinition } from './asl.ts';
import { assertNever } from './assert-never.ts';
import type { MachineModel, ParkedStateModel, StateModel } from './model.ts';
import {
  deadlineName,
  FINAL_MAIL_FAILED,
  finalName,
  notifyName,
  parkName,
  ROLLED_OVER,
  rolloverName,
  routeName,
  START,
  timedOutName,
  timerName,
  transitionNotifyName,
  UNEXPECTED_TRANSITION,
} from './names.ts';
import { PROTOCOL_EVENTS } from './protocol.ts';
import {
  deadlineTask,
  finalNotifyTask,
  notifyTask,
  parkTask,
  rolloverTask,
  timedOutChoice,
  timerTask,
} from './tasks.ts';

/** Names of the definition substitutions that stand for the task Lambdas' ARNs. */
export interface FunctionSubstitutions {
  /** @default 'ParkFunctionArn' */
  readonly park: string;
  /** @default 'DeadlineFunctionArn' */
  readonly deadline: string;
  /** @default 'NotifyFunctionArn' */
  readonly notify: string;
}

/** The substitution names used unless {@link CompileOptions.functionSubstitutions} says otherwise. */
export const DEFAULT_FUNCTION_SUBSTITUTIONS: FunctionSubstitutions = {
  park: 'ParkFunctionArn',
  deadline: 'DeadlineFunctionArn',
  notify: 'NotifyFunctionArn',
};

/** Options of the compiler. */
export interface CompileOptions {
  /**
   * The definition substitutions (`${Name}` in the ASL) for the Lambda ARNs, filled in at deploy
   * time through the state machine's `definitionSubstitutions`.
   * @default DEFAULT_FUNCTION_SUBSTITUTIONS
   */
  readonly functionSubstitutions?: Partial<FunctionSubstitutions>;
}

/** The `${Name}` placeholders of the three task Lambdas, after options. */
interface FunctionArns {
  readonly park: string;
  readonly deadline: string;
  readonly notify: string;
}

/** The substitution names in effect for `options` (for CDK's `definitionSubstitutions`). */
export function functionSubstitutionsOf(options: CompileOptions = {}): FunctionSubstitutions {
  return { ...DEFAULT_FUNCTION_SUBSTITUTIONS, ...options.functionSubstitutions };
}

const SIGNAL_TARGET = '$.signal.target';

const UNEXPECTED_TRANSITION_STATE: State = {
  Type: 'Fail',
  Error: 'UnexpectedTransition',
  // Static: aws-local-stepfunctions does not evaluate intrinsic functions in CausePath.
  // The Fail state's input in the execution history shows the target.
  Cause:
    'dispatch computed a target state that the compiled model does not route to from the state the execution was parked in: the ASL is stale; rebuild it with npm run build:asl and redeploy',
};

const FINAL_MAIL_FAILED_STATE: State = {
  Type: 'Succeed',
  Comment:
    "A final state's last e-mail failed after its retries (kept as $.notifyError): the proposal's decision stands.",
};

const ROLLED_OVER_STATE: State = {
  Type: 'Succeed',
  Comment: 'A successor execution, started by the Rollover task, continues in the same state.',
};

/**
 * The name of entry action `index` (1-based) of `state`: the last one of a final state is the
 * final state itself (it ends the execution).
 */
function entryActionName(state: StateModel, index: number): string {
  const last = index === state.entryActions.length;
  return last && state.kind === 'final' ? finalName(state.key) : notifyName(state.key, index);
}

/**
 * The first ASL state of entering `state`: its first notify task, else its park or final state.
 * The signal that enters it brings the timer of its park along (`timer.ts`): no timer task first.
 */
function entryNameOf(state: StateModel): string {
  if (state.entryActions.length > 0) return entryActionName(state, 1);
  switch (state.kind) {
    case 'parked':
      return parkName(state.key);
    case 'final':
      return finalName(state.key);
    default:
      return assertNever(state);
  }
}

/** Where entering `target` from `state` begins: its entry, or the park when it stays. */
function landingOf(state: ParkedStateModel, target: string, byKey: ReadonlyMap<string, StateModel>): string {
  if (target === state.key) return parkName(state.key);
  const targetState = byKey.get(target);
  if (targetState === undefined) throw new Error(`State '${target}' is missing from the model.`);
  return entryNameOf(targetState);
}

/**
 * Routes the signal that ended a park: a transition with actions of its own first runs them
 * (told apart by event type and target), then the target's entry; any other signal goes to the
 * entry of its target, or parks again on the state itself.
 */
function routeChoice(state: ParkedStateModel, byKey: ReadonlyMap<string, StateModel>): ChoiceState {
  const withActions = state.transitionActions.map(
    (transition, index): ChoiceRule => ({
      And: [
        { Variable: '$.signal.type', StringEquals: transition.event },
        { Variable: SIGNAL_TARGET, StringEquals: transition.target },
      ],
      Next: transitionNotifyName(state.key, index + 1, 1),
    }),
  );
  const rules: ChoiceRule[] = state.targets.map((target) => {
    const targetState = byKey.get(target);
    if (targetState === undefined) throw new Error(`State '${target}' is missing from the model.`);
    return { Variable: SIGNAL_TARGET, StringEquals: target, Next: entryNameOf(targetState) };
  });
  // The deadline Lambda answers `xstate.repark` with the state itself when the timeout fired early.
  rules.push({ Variable: SIGNAL_TARGET, StringEquals: state.key, Next: parkName(state.key) });
  // ... and `xstate.rollover` when the execution's life ends before the deadline.
  const rollover: ChoiceRule[] =
    state.delay === undefined
      ? []
      : [
          {
            And: [
              { Variable: '$.signal.type', StringEquals: PROTOCOL_EVENTS.rollover },
              { Variable: SIGNAL_TARGET, StringEquals: state.key },
            ],
            Next: rolloverName(state.key),
          },
        ];
  return { Type: 'Choice', Choices: [...rollover, ...withActions, ...rules], Default: UNEXPECTED_TRANSITION };
}

/** The notify chains of a state's transitions with actions, each ending where its target begins. */
function transitionNotifyStates(
  state: ParkedStateModel,
  byKey: ReadonlyMap<string, StateModel>,
  arns: FunctionArns,
): [string, State][] {
  return state.transitionActions.flatMap((transition, t) =>
    transition.actions.map((action, index): [string, State] => {
      const isLast = index === transition.actions.length - 1;
      const next = isLast
        ? landingOf(state, transition.target, byKey)
        : transitionNotifyName(state.key, t + 1, index + 2);
      // The payload names the state entered, as an entry action's does.
      return [
        transitionNotifyName(state.key, t + 1, index + 1),
        notifyTask(transition.target, action, arns.notify, next),
      ];
    }),
  );
}

/**
 * Sends a successor (or restarted) execution straight to its park, timer first (its input has no
 * timer); anything else is a new proposal's start, whose input brings the first park's timer
 * (`initialTimer`) and enters the initial state — through its timer task should it have a
 * deadline, which the start's timer does not know.
 */
function startChoice(rollovers: readonly ParkedStateModel[], initial: StateModel): ChoiceState {
  const rules = rollovers.map(
    (state): ChoiceRule => ({
      And: [
        { Variable: '$.signal.type', StringEquals: PROTOCOL_EVENTS.rollover },
        { Variable: SIGNAL_TARGET, StringEquals: state.key },
      ],
      Next: timerName(state.key),
    }),
  );
  const timed = initial.kind === 'parked' && initial.delay !== undefined;
  return { Type: 'Choice', Choices: rules, Default: timed ? timerName(initial.key) : entryNameOf(initial) };
}

/** The notify chain of `state`, ending in `next`. */
function notifyStates(state: StateModel, arns: FunctionArns, next: string): [string, State][] {
  return state.entryActions.map((action, index) => {
    const isLast = index === state.entryActions.length - 1;
    const following = isLast ? next : entryActionName(state, index + 2);
    return [entryActionName(state, index + 1), notifyTask(state.key, action, arns.notify, following)];
  });
}

/**
 * The states of a final state: a Succeed, or its e-mails with the last one ending the execution
 * (a Succeed after it would be one more state transition per lifecycle, issue 16).
 */
function finalStates(state: StateModel, arns: FunctionArns): [string, State][] {
  const last = state.entryActions.at(-1);
  if (last === undefined) return [[finalName(state.key), { Type: 'Succeed' }]];
  // Every notify but the last, each leading to the next; `notifyStates` would name them after the
  // shortened list and call the last of them the final state.
  const chain = notifyStates(state, arns, finalName(state.key)).slice(0, -1);
  return [...chain, [finalName(state.key), finalNotifyTask(state.key, last, arns.notify)]];
}

/** All ASL states of one model state, in a fixed order. */
function statesOf(
  state: StateModel,
  byKey: ReadonlyMap<string, StateModel>,
  arns: FunctionArns,
): [string, State][] {
  switch (state.kind) {
    case 'final':
      return finalStates(state, arns);
    case 'parked': {
      const timedOut: [string, State] =
        state.delay === undefined
          ? [timedOutName(state.key), timedOutChoice(state)]
          : [deadlineName(state.key), deadlineTask(state, state.delay, arns.deadline)];
      return [
        ...notifyStates(state, arns, parkName(state.key)),
        [timerName(state.key), timerTask(state, arns.park)],
        [parkName(state.key), parkTask(state, arns.park)],
        [routeName(state.key), routeChoice(state, byKey)],
        ...transitionNotifyStates(state, byKey, arns),
        timedOut,
        [rolloverName(state.key), rolloverTask(state)],
      ];
    }
    default:
      return assertNever(state);
  }
}

/** The shared end states, each only when some state leads to it (AWS refuses unreachable states). */
function endStates(states: readonly StateModel[], parked: readonly ParkedStateModel[]): [string, State][] {
  const ends: [string, State][] = [];
  if (states.some((state) => state.kind === 'final' && state.entryActions.length > 0))
    ends.push([FINAL_MAIL_FAILED, FINAL_MAIL_FAILED_STATE]);
  if (parked.length > 0) ends.push([ROLLED_OVER, ROLLED_OVER_STATE]);
  if (parked.length > 0) ends.push([UNEXPECTED_TRANSITION, UNEXPECTED_TRANSITION_STATE]);
  return ends;
}

/**
 * Compiles `model` to a state machine definition. States appear in a fixed order: `Start`, then
 * per model state (document order) its notify chain, timer, park, route, transition notify chains,
 * timed-out choice (without a deadline) or deadline, and rollover, then the shared end states. Pure.
 *
 * A transition costs two state transitions (the route and the target's park) plus one per e-mail:
 * the signal brings the timer of the target's park along, and a final state's last e-mail ends the
 * execution itself (issue 16).
 */
export function compile(model: MachineModel, options: CompileOptions = {}): StateMachineDefinition {
  const names = functionSubstitutionsOf(options);
  const arns: FunctionArns = {
    park: `\${${names.park}}`,
    deadline: `\${${names.deadline}}`,
    notify: `\${${names.notify}}`,
  };
  const byKey = new Map(model.states.map((state) => [state.key, state]));
  const initial = byKey.get(model.initial);
  if (initial === undefined) {
    throw new Error(`The initial state '${model.initial}' is missing from the model.`);
  }
  const parked = model.states.filter((state): state is ParkedStateModel => state.kind === 'parked');
  // Every parked state can roll over; without one, no execution starts as a successor: no Start needed.
  const start: [string, State][] = parked.length > 0 ? [[START, startChoice(parked, initial)]] : [];
  return {
    Comment: `XState machine '${model.id}' compiled to ASL. Generated by npm run build:asl: do not edit.`,
    StartAt: start.length > 0 ? START : entryNameOf(initial),
    States: Object.fromEntries([
      ...start,
      ...model.states.flatMap((state) => statesOf(state, byKey, arns)),
      ...endStates(model.states, parked),
    ]),
  };
}
