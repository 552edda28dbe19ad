// The interpreter: a pure function from (definition, execution, trigger) to the Plan of one step.
// It does no I/O and reads no clock: the runner supplies `now` and fresh ids, writes the Plan in
// one conditional transaction and only then makes the calls the Plan lists. A step ends where the
// execution waits (a Task's call) or ends: definition.ts lets a Choice lead only to a Task, a
// Succeed or a Fail, so a step enters at most two states.
import type { ChoiceState, JsonValue, TaskState } from './definition.ts';
import { runtimeError, StatesError } from './errors.ts';
import type { ExecutionRecord, Outcome, Plan, RetryPosition, TaskPosition, Trigger } from './model.ts';
import { readPath } from './paths.ts';
import { StepBuilder, type StepEnv } from './step-builder.ts';
import { completeTask, failTask, type Next, scheduleTask, submitTask } from './tasks.ts';

/** What StartExecution decided; the rest of the record starts empty. */
export interface NewExecution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly definitionId: string;
  readonly input: string;
}

/** The first rule whose comparisons (StringEquals, alone or under And) all hold, else Default. */
function chooseNext(state: ChoiceState, input: JsonValue): string {
  const holds = (c: { readonly Variable: string; readonly StringEquals: string }) => {
    const value = readPath(input, c.Variable);
    if (value === undefined) {
      throw runtimeError(
        `Invalid path '${c.Variable}': The choice state's condition path references an invalid value.`,
      );
    }
    return value === c.StringEquals;
  };
  const match = state.Choices.find((rule) => ('And' in rule ? rule.And.every(holds) : holds(rule)));
  const next = match?.Next ?? state.Default;
  if (next === undefined) {
    throw new StatesError(
      'States.NoChoiceMatched',
      `No Choice rule matched the input '${JSON.stringify(input)}'`,
    );
  }
  return next;
}

/** Enters one state; returns the next one when it runs in this same step (after a Choice). */
function enter(b: StepBuilder, name: string, input: JsonValue): Next | undefined {
  const state = b.env.definition.States[name];
  if (state === undefined) throw runtimeError(`The definition has no state '${name}'`);
  b.entered(state.Type, name, input);
  switch (state.Type) {
    case 'Choice': {
      const next = chooseNext(state, input);
      b.exited('Choice', name, input);
      return { name: next, input };
    }
    case 'Succeed':
      b.exited('Succeed', name, input);
      b.succeed(input);
      return undefined;
    case 'Fail':
      b.fail(state.Error, state.Cause);
      return undefined;
    case 'Task':
      scheduleTask(b, { name, state }, input, []);
      return undefined;
  }
}

/** Runs states from `next` until the execution waits or ends; a States error fails it. */
function runFrom(b: StepBuilder, next: Next | undefined): void {
  for (let current = next; current !== undefined; ) {
    const { name, input } = current;
    try {
      current = enter(b, name, input);
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      b.fail(error.error, error.cause);
      return;
    }
  }
}

/** The first step of an execution: ExecutionStarted, then its states up to the first wait. */
export function startPlan(env: StepEnv, execution: NewExecution): Plan {
  const record: ExecutionRecord = {
    ...execution,
    status: 'RUNNING',
    startDate: env.now,
    revision: 0,
    eventCount: 0,
  };
  const b = new StepBuilder(env, undefined, record);
  b.emit('ExecutionStarted', { input: execution.input, inputDetails: { truncated: false } });
  runFrom(b, { name: env.definition.StartAt, input: JSON.parse(execution.input) as JsonValue });
  return b.plan();
}

function taskStateOf(b: StepBuilder, position: TaskPosition | RetryPosition): TaskState {
  const state = b.env.definition.States[position.state];
  if (state?.Type !== 'Task')
    throw new Error(`execution ${b.record.executionArn}: '${position.state}' is no Task`);
  return state;
}

const statesError = (outcome: Extract<Outcome, { ok: false }>): StatesError =>
  new StatesError(outcome.error, outcome.cause);

/** The call of the current attempt returned. */
function onInvoked(b: StepBuilder, position: TaskPosition, outcome: Outcome): void {
  const state = taskStateOf(b, position);
  const failed = { event: 'TaskFailed', tokenStatus: 'CLOSED' } as const;
  if (!outcome.ok) runFrom(b, failTask(b, position, state, statesError(outcome), failed));
  // A waitForTaskToken call that returned only means the token is out; its answer comes later.
  else if (position.token !== undefined) submitTask(b, position, state, outcome.value);
  else runFrom(b, completeTask(b, position, state, outcome.value));
}

/** SendTaskSuccess / SendTaskFailure on the current attempt's token. */
function onAnswer(b: StepBuilder, position: TaskPosition, outcome: Outcome): void {
  const state = taskStateOf(b, position);
  const next = outcome.ok
    ? completeTask(b, position, state, outcome.value)
    : failTask(b, position, state, statesError(outcome), { event: 'TaskFailed', tokenStatus: 'FAILED' });
  runFrom(b, next);
}

/** A timer fired: a task timeout (States.Timeout, which Retry and Catch may take) or a retry's backoff. */
function onTimer(b: StepBuilder, timer: string): boolean {
  const position = b.record.position;
  if (position === undefined || position.timer !== timer) return false;
  const state = taskStateOf(b, position);
  if (position.kind === 'task') {
    const error = new StatesError('States.Timeout', 'The task did not finish within its timeout');
    runFrom(b, failTask(b, position, state, error, { event: 'TaskTimedOut', tokenStatus: 'TIMED_OUT' }));
  } else {
    b.release(position, 'CLOSED');
    scheduleTask(b, { name: position.state, state }, position.input, position.retries);
  }
  return true;
}

/** Applies the trigger; false when it no longer concerns the execution (a stale call, token, timer). */
function apply(b: StepBuilder, trigger: Trigger): boolean {
  const position = b.record.position;
  switch (trigger.kind) {
    case 'invoked':
      if (position?.kind !== 'task' || position.invocation !== trigger.invocation || position.submitted)
        return false;
      onInvoked(b, position, trigger.outcome);
      return true;
    case 'answer':
      if (position?.kind !== 'task' || position.token !== trigger.token) return false;
      onAnswer(b, position, trigger.outcome);
      return true;
    case 'timer':
      return onTimer(b, trigger.timer);
    case 'stop':
      b.abort(trigger.error, trigger.cause);
      return true;
  }
}

/**
 * One step of a RUNNING execution. Returns undefined when the trigger is stale: the execution
 * ended, or moved past the call, token or timer the trigger is about.
 */
export function step(env: StepEnv, record: ExecutionRecord, trigger: Trigger): Plan | undefined {
  if (record.status !== 'RUNNING') return undefined;
  const b = new StepBuilder(env, record, record);
  try {
    if (!apply(b, trigger)) return undefined;
  } catch (error) {
    // A States error no Catch took (a path to nothing in a ResultSelector, a TimeoutSecondsPath…).
    if (!(error instanceof StatesError)) throw error;
    b.fail(error.error, error.cause);
  }
  return b.plan();
}
