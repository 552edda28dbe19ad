// Runs states one after another within one step until the execution has to wait (a Task's call,
// a Wait's timer) or ends. Choice, Pass, Succeed and Fail need nothing from outside, so a step
// records them together with the Task or Wait that follows.
import { chooseNext } from './choice.ts';
import type { ChoiceState, FailState, JsonValue, PassState, SucceedState, WaitState } from './definition.ts';
import { runtimeError, StatesError } from './errors.ts';
import { entered, exited, failExecution, leave, type Next, succeedExecution } from './flow.ts';
import { applyResultPath, filterPath, selectPath } from './paths.ts';
import { contextObject, type StepBuilder } from './step-builder.ts';
import { scheduleTask } from './tasks.ts';
import { evaluateTemplate } from './template.ts';

/**
 * States run in one step at most; a longer run continues in the next step (an `enter` position),
 * which keeps every transaction far below DynamoDB's 100 items.
 */
export const MAX_STATES_PER_STEP = 25;

function runPass(b: StepBuilder, name: string, state: PassState, input: JsonValue): Next | undefined {
  const effective = filterPath(input, state.InputPath, 'InputPath');
  const context = contextObject(b, { name, enteredAt: b.now, retryCount: 0 });
  const parameters = state.Parameters ? evaluateTemplate(state.Parameters, effective, context) : effective;
  const result = state.Result === undefined ? parameters : state.Result;
  const output = filterPath(applyResultPath(input, result, state.ResultPath), state.OutputPath, 'OutputPath');
  return leave(b, name, state, output);
}

function runChoice(b: StepBuilder, name: string, state: ChoiceState, input: JsonValue): Next {
  const effective = filterPath(input, state.InputPath, 'InputPath');
  const next = chooseNext(state, effective);
  const output = filterPath(effective, state.OutputPath, 'OutputPath');
  b.emit('ChoiceStateExited', exited(name, output));
  return { name: next, input: output };
}

/** When a Wait state ends, from its Seconds/SecondsPath/Timestamp/TimestampPath. */
function waitUntil(b: StepBuilder, state: WaitState, input: JsonValue): number {
  if (state.Seconds !== undefined) return b.now + state.Seconds * 1000;
  if (state.Timestamp !== undefined) return Date.parse(state.Timestamp);
  if (state.SecondsPath !== undefined) {
    const seconds = selectPath(input, state.SecondsPath, 'SecondsPath');
    if (typeof seconds !== 'number' || seconds < 0)
      throw runtimeError(`SecondsPath gave ${JSON.stringify(seconds)}`);
    return b.now + seconds * 1000;
  }
  const timestamp = selectPath(input, String(state.TimestampPath), 'TimestampPath');
  const due = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(due)) throw runtimeError(`TimestampPath gave ${JSON.stringify(timestamp)}`);
  return due;
}

function startWait(b: StepBuilder, name: string, state: WaitState, input: JsonValue): undefined {
  const effective = filterPath(input, state.InputPath, 'InputPath');
  const due = waitUntil(b, state, effective);
  const output = filterPath(effective, state.OutputPath, 'OutputPath');
  b.moveTo({ kind: 'wait', state: name, output, timer: b.armTimer('wait', due) });
  return undefined;
}

function runSucceed(b: StepBuilder, name: string, state: SucceedState, input: JsonValue): undefined {
  const output = filterPath(filterPath(input, state.InputPath, 'InputPath'), state.OutputPath, 'OutputPath');
  b.emit('SucceedStateExited', exited(name, output));
  succeedExecution(b, output);
  return undefined;
}

function runFail(b: StepBuilder, state: FailState, input: JsonValue): undefined {
  const error = state.ErrorPath === undefined ? state.Error : selectPath(input, state.ErrorPath, 'ErrorPath');
  const cause = state.CausePath === undefined ? state.Cause : selectPath(input, state.CausePath, 'CausePath');
  failExecution(b, String(error ?? ''), String(cause ?? ''));
  return undefined;
}

/** Enters one state; returns the next one when it can run in this same step. */
function enter(b: StepBuilder, name: string, input: JsonValue): Next | undefined {
  const state = b.env.definition.States[name];
  if (state === undefined) throw runtimeError(`The definition has no state '${name}'`);
  b.emit(`${state.Type}StateEntered`, entered(name, input));
  switch (state.Type) {
    case 'Pass':
      return runPass(b, name, state, input);
    case 'Choice':
      return runChoice(b, name, state, input);
    case 'Wait':
      return startWait(b, name, state, input);
    case 'Succeed':
      return runSucceed(b, name, state, input);
    case 'Fail':
      return runFail(b, state, input);
    case 'Task':
      scheduleTask(b, { name, state }, input, { retries: [], enteredAt: b.now });
      return undefined;
  }
}

/** Runs an error-raising part of a step; a States error fails the execution (nothing catches it here). */
export function failOnStatesError<T>(b: StepBuilder, run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof StatesError)) throw error;
    failExecution(b, error.error, error.cause);
    return undefined;
  }
}

/** Runs states from `next` until the execution waits or ends, or the step is long enough. */
export function runFrom(b: StepBuilder, next: Next | undefined): void {
  let current = next;
  for (let count = 0; current !== undefined; count++) {
    if (count >= MAX_STATES_PER_STEP) {
      b.moveTo({ kind: 'enter', state: current.name, input: current.input });
      return;
    }
    const { name, input } = current;
    current = failOnStatesError(b, () => enter(b, name, input));
  }
}
