// The interpreter: a pure function from (definition, execution, trigger) to the Plan of one step.
// It does no I/O and reads no clock: the runner supplies `now` and fresh ids, writes the Plan in
// one conditional transaction and only then makes the calls the Plan lists.
import type { JsonValue, TaskState } from './definition.ts';
import { StatesError } from './errors.ts';
import { abortExecution, failExecution, leave, release } from './flow.ts';
import type {
  ExecutionRecord,
  Outcome,
  Plan,
  RetryPosition,
  TaskPosition,
  Trigger,
  WaitPosition,
} from './model.ts';
import { runFrom } from './states.ts';
import { StepBuilder, type StepEnv } from './step-builder.ts';
import { completeTask, failTask, scheduleTask, submitTask } from './tasks.ts';

/** What StartExecution decided; the rest of the record starts empty. */
export interface NewExecution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly definitionId: string;
  readonly input: string;
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
  b.emit('ExecutionStarted', {
    input: execution.input,
    inputDetails: { truncated: false },
    roleArn: env.machine.roleArn,
  });
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
  if (position.token !== undefined) {
    // A waitForTaskToken call that returned only means the token is out; its answer comes later.
    if (outcome.ok) submitTask(b, position, state, outcome.value);
    else runFrom(b, failTask(b, position, state, statesError(outcome), failed));
    return;
  }
  const next = outcome.ok
    ? completeTask(b, position, state, outcome.value)
    : failTask(b, position, state, statesError(outcome), failed);
  runFrom(b, next);
}

/** SendTaskSuccess / SendTaskFailure on the current attempt's token. */
function onAnswer(b: StepBuilder, position: TaskPosition, outcome: Outcome): void {
  const state = taskStateOf(b, position);
  const next = outcome.ok
    ? completeTask(b, position, state, outcome.value)
    : failTask(b, position, state, statesError(outcome), { event: 'TaskFailed', tokenStatus: 'FAILED' });
  runFrom(b, next);
}

/** The task timeout fired: States.Timeout, which Retry and Catch may take. */
function onTimeout(b: StepBuilder, position: TaskPosition): void {
  const state = taskStateOf(b, position);
  const error = new StatesError('States.Timeout', 'The task did not finish within its timeout');
  runFrom(b, failTask(b, position, state, error, { event: 'TaskTimedOut', tokenStatus: 'TIMED_OUT' }));
}

/** A retry's backoff is over: the next attempt of the same task. */
function onRetry(b: StepBuilder, position: RetryPosition): void {
  const state = taskStateOf(b, position);
  release(b, position, 'CLOSED');
  scheduleTask(b, { name: position.state, state }, position.input, position);
}

/** A Wait state's time has come. */
function onWaitOver(b: StepBuilder, position: WaitPosition): void {
  const state = b.env.definition.States[position.state];
  release(b, position, 'CLOSED');
  if (state?.Type !== 'Wait')
    throw new Error(`execution ${b.record.executionArn}: '${position.state}' is no Wait`);
  runFrom(b, leave(b, position.state, state, position.output));
}

function onTimer(b: StepBuilder, timer: string): boolean {
  const position = b.record.position;
  if (position === undefined || !('timer' in position) || position.timer !== timer) return false;
  if (position.kind === 'task') onTimeout(b, position);
  else if (position.kind === 'retry') onRetry(b, position);
  else onWaitOver(b, position);
  return true;
}

/** Applies the trigger; false when it no longer concerns the execution (a stale call, token, timer). */
function apply(b: StepBuilder, trigger: Trigger): boolean {
  const position = b.record.position;
  switch (trigger.kind) {
    case 'run':
      if (position?.kind !== 'enter') return false;
      b.moveTo(undefined);
      runFrom(b, { name: position.state, input: position.input });
      return true;
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
      abortExecution(b, trigger.error, trigger.cause);
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
    // A States error no Catch took (a path to nothing, a ResultPath that cannot apply…).
    if (!(error instanceof StatesError)) throw error;
    failExecution(b, error.error, error.cause);
  }
  return b.plan();
}
