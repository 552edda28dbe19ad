// The interpreter: a pure function from (definition, execution, trigger) to the Plan of one step.
// It does no I/O and reads no clock: the runner supplies `now` and fresh ids, writes the Plan
// atomically and only then makes the calls it lists. A step ends where the execution waits (a
// Task's call, token or retry backoff) or ends; definition.ts lets a Choice lead only to a Task,
// a Succeed or a Fail, so a step enters at most a Choice and the state after it.
import type { Retrier } from '#statemachines/compiler/asl.ts';
import {
  applyResultPath,
  type ChoiceState,
  type Definition,
  evaluateTemplate,
  type JsonValue,
  readPath,
  stateOf,
  TASK_RESOURCES,
  type TaskResource,
  type TaskState,
} from './definition.ts';
import { runtimeError, StatesError } from './errors.ts';
import type {
  ExecutionRecord,
  HistoryEvent,
  HistoryEventType,
  Invocation,
  Outcome,
  Plan,
  Position,
  Timer,
  Trigger,
} from './model.ts';

/** What a step may read besides the execution: its definition, the time, fresh ids. */
export interface StepEnv {
  readonly definition: Definition;
  readonly machine: { readonly arn: string; readonly name: string };
  readonly region: string;
  /** Epoch ms: the time of every event of this step. */
  readonly now: number;
  readonly newId: () => string;
}

/** What StartExecution decided; the rest of the record starts empty. */
export type NewExecution = Pick<
  ExecutionRecord,
  'executionArn' | 'stateMachineArn' | 'name' | 'definitionId' | 'input'
>;

/**
 * A task token names its execution, so SendTask* find it without a token item:
 * `<execution ARN, base64url>.<random id>`. Only the token of the current position is answered.
 */
export const tokenFor = (executionArn: string, id: string): string =>
  `${Buffer.from(executionArn).toString('base64url')}.${id}`;

/** The execution ARN a token names, or undefined for a token the engine did not make. */
export function executionOfToken(token: string): string | undefined {
  const arn = Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8');
  return token.includes('.') && arn.startsWith('arn:aws:states:') ? arn : undefined;
}

const json = (value: JsonValue) => JSON.stringify(value);

/** Accumulates one step: the execution as it goes (its position holds its timer), events, calls. */
class Step {
  readonly events: HistoryEvent[] = [];
  readonly invocations: Invocation[] = [];

  constructor(
    readonly env: StepEnv,
    readonly before: ExecutionRecord | undefined,
    public record: ExecutionRecord,
  ) {}

  emit(type: HistoryEventType, details: Readonly<Record<string, unknown>> = {}): void {
    const id = this.record.eventCount + 1;
    this.events.push({ id, previousEventId: id - 1, timestamp: this.env.now, type, details });
    this.record = { ...this.record, eventCount: id };
  }

  /** `<Type>StateEntered` with its input, or `<Type>StateExited` with its output. */
  state(
    type: `${'Task' | 'Choice' | 'Succeed' | 'Fail'}State${'Entered' | 'Exited'}`,
    name: string,
    data: JsonValue,
  ): void {
    const io = type.endsWith('Entered') ? 'input' : 'output';
    this.emit(type as HistoryEventType, { name, [io]: json(data) });
  }

  moveTo(position: Position): void {
    this.record = { ...this.record, position };
  }

  /** A new timer: the position that holds it is all that arms it (the runner reads it from the Plan). */
  timer(due: number): Timer {
    return { id: this.env.newId(), due };
  }

  /** Ends the execution, leaving its position: nothing of it can fire or be answered later. */
  end(status: ExecutionRecord['status'], fields: Partial<ExecutionRecord>): void {
    this.record = { ...this.record, ...fields, status, stopDate: this.env.now, position: undefined };
  }

  succeed(output: JsonValue): void {
    this.emit('ExecutionSucceeded', { output: json(output) });
    this.end('SUCCEEDED', { output: json(output) });
  }

  /** A Fail state, an uncaught error, States.Runtime. */
  fail(error: string, cause: string): void {
    this.emit('ExecutionFailed', { error, cause });
    this.end('FAILED', { error, cause });
  }

  /** `$$`, the context object, with the fields definition.ts lets a template read. */
  context(token?: string): JsonValue {
    const { executionArn, name, startDate } = this.record;
    return {
      Execution: { Id: executionArn, Name: name, StartTime: new Date(startDate).toISOString() },
      StateMachine: { Id: this.env.machine.arn },
      ...(token === undefined ? {} : { Task: { Token: token } }),
    };
  }

  plan(): Plan {
    const { before, events, invocations } = this;
    const after = { ...this.record, revision: (before?.revision ?? 0) + 1 };
    return { before, after, events, invocations };
  }
}

/**
 * True when `errorEquals` names `error`. `States.ALL` matches every error and `States.TaskFailed`
 * every error but `States.Timeout`; neither, nor anything else, matches `States.Runtime`.
 */
export function matchesError(errorEquals: readonly string[], error: string): boolean {
  if (error === 'States.Runtime') return false;
  return errorEquals.some(
    (name) =>
      name === error || name === 'States.ALL' || (name === 'States.TaskFailed' && error !== 'States.Timeout'),
  );
}

/**
 * Whether to retry after `error`, and after how long (IntervalSeconds × BackoffRate^retries done):
 * only the FIRST retrier naming the error counts; once its MaxAttempts are used up the error goes
 * to Catch, even if a later retrier names it too.
 * @param counts the retries each retrier has made since the state was entered
 */
export function decideRetry(
  retriers: readonly Retrier[] | undefined,
  counts: readonly number[],
  error: string,
): { readonly retrier: number; readonly delayMs: number } | undefined {
  const index = (retriers ?? []).findIndex((retrier) => matchesError(retrier.ErrorEquals, error));
  const retrier = retriers?.[index];
  const done = counts[index] ?? 0;
  if (retrier === undefined || done >= (retrier.MaxAttempts ?? 3)) return undefined;
  const seconds = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** done;
  return { retrier: index, delayMs: Math.round(seconds * 1000) };
}

/** `resourceType`/`resource` of task events: `lambda` / `invoke.waitForTaskToken`. */
function resourceDetails(state: TaskState): { resourceType: string; resource: string } {
  const [resourceType = '', resource = ''] = (state.Resource.split(':::')[1] ?? '').split(/:(.*)/s);
  return { resourceType, resource };
}

/** The task timeout in seconds, read from the STATE INPUT (not Parameters), as AWS does. */
function timeoutSecondsOf(state: TaskState, input: JsonValue): number | undefined {
  if (state.TimeoutSecondsPath === undefined) return undefined;
  const value = readPath(input, state.TimeoutSecondsPath);
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  throw runtimeError(
    `The value of TimeoutSecondsPath '${state.TimeoutSecondsPath}' must be a positive integer, got ${JSON.stringify(value)}`,
  );
}

/** One attempt of a task: a fresh call (and token), its timeout, TaskScheduled/TaskStarted. */
function scheduleTask(
  s: Step,
  name: string,
  state: TaskState,
  input: JsonValue,
  retries: readonly number[],
): void {
  const resource = state.Resource as TaskResource;
  const waits = resource === TASK_RESOURCES.invokeWaitForTaskToken;
  const token = waits ? tokenFor(s.record.executionArn, s.env.newId()) : undefined;
  const request = state.Parameters ? evaluateTemplate(state.Parameters, input, s.context(token)) : input;
  const timeoutSeconds = timeoutSecondsOf(state, input);
  const invocation = s.env.newId();
  s.invocations.push({ id: invocation, executionArn: s.record.executionArn, resource, request });
  const timer = timeoutSeconds === undefined ? undefined : s.timer(s.env.now + timeoutSeconds * 1000);
  s.emit('TaskScheduled', {
    ...resourceDetails(state),
    region: s.env.region,
    parameters: json(request),
    timeoutInSeconds: timeoutSeconds, // JSON drops it when undefined, as every undefined field here
  });
  s.emit('TaskStarted', resourceDetails(state));
  s.moveTo({
    kind: 'task',
    state: name,
    input,
    retries,
    invocation,
    request,
    token,
    submitted: false,
    timer,
  });
}

/**
 * The task ended with `outcome` (a Lambda's wrapped answer, the token's output, or an error). The
 * step leaves the position: the next state's, a retry's or none replaces it.
 */
function completeTask(s: Step, position: Position, state: TaskState, outcome: Outcome): void {
  if (!outcome.ok) {
    failTask(s, position, state, new StatesError(outcome.error, outcome.cause), 'TaskFailed');
    return;
  }
  s.emit('TaskSucceeded', { ...resourceDetails(state), output: json(outcome.value) });
  const selected = state.ResultSelector
    ? evaluateTemplate(state.ResultSelector, outcome.value, s.context())
    : outcome.value;
  const output = applyResultPath(position.input, selected, state.ResultPath);
  s.state('TaskStateExited', position.state, output);
  if (state.Next === undefined) s.succeed(output);
  else enter(s, state.Next, output);
}

/**
 * The attempt failed: retry after a backoff (the first retrier naming the error), else go to the
 * first Catch naming it with `{Error, Cause}` at its ResultPath, else fail the execution.
 */
function failTask(
  s: Step,
  position: Position,
  state: TaskState,
  error: StatesError,
  event: 'TaskFailed' | 'TaskTimedOut',
): void {
  s.emit(event, { ...resourceDetails(state), error: error.error, cause: error.cause });
  const retry = decideRetry(state.Retry, position.retries, error.error);
  const catcher = state.Catch?.find((c) => matchesError(c.ErrorEquals, error.error));
  if (retry !== undefined) {
    const retries = (state.Retry ?? []).map(
      (_, i) => (position.retries[i] ?? 0) + (i === retry.retrier ? 1 : 0),
    );
    const timer = s.timer(s.env.now + retry.delayMs);
    s.moveTo({ kind: 'retry', state: position.state, input: position.input, retries, timer });
  } else if (catcher === undefined) s.fail(error.error, error.cause);
  else {
    const caught = { Error: error.error, Cause: error.cause };
    const output = applyResultPath(position.input, caught, catcher.ResultPath);
    s.state('TaskStateExited', position.state, output);
    enter(s, catcher.Next, output);
  }
}

/** The first rule whose comparisons (StringEquals, alone or under And) all hold, else the Default. */
function chooseNext(state: ChoiceState, input: JsonValue): string {
  const holds = (c: { readonly Variable: string; readonly StringEquals: string }) => {
    const value = readPath(input, c.Variable);
    if (value === undefined)
      throw runtimeError(
        `Invalid path '${c.Variable}': The choice state's condition path references an invalid value.`,
      );
    return value === c.StringEquals;
  };
  const match = state.Choices.find((rule) => ('And' in rule ? rule.And.every(holds) : holds(rule)));
  return match?.Next ?? String(state.Default); // definition.ts demands a Default
}

/**
 * Enters state `name` with `input` and runs it: a Task schedules its call (the step ends where
 * the execution waits), a Choice enters the state it picks, a Succeed or a Fail ends the execution.
 */
function enter(s: Step, name: string, input: JsonValue): void {
  const state = stateOf(s.env.definition, name);
  s.state(`${state.Type}StateEntered`, name, input);
  if (state.Type === 'Task') scheduleTask(s, name, state, input, []);
  else if (state.Type === 'Choice') {
    const next = chooseNext(state, input);
    s.state('ChoiceStateExited', name, input);
    enter(s, next, input);
  } else if (state.Type === 'Succeed') {
    s.state('SucceedStateExited', name, input);
    s.succeed(input);
  } else s.fail(state.Error, state.Cause);
}

/** Runs `run`; a States error no Catch took (a path to nothing, a TimeoutSecondsPath…) fails the execution. */
function failOnStatesError<T>(s: Step, run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof StatesError)) throw error;
    s.fail(error.error, error.cause);
    return undefined;
  }
}

/** The first step of an execution: ExecutionStarted, then its states up to the first wait. */
export function startPlan(env: StepEnv, execution: NewExecution): Plan {
  const record = { ...execution, status: 'RUNNING', startDate: env.now, revision: 0, eventCount: 0 } as const;
  const s = new Step(env, undefined, record);
  s.emit('ExecutionStarted', { input: execution.input });
  failOnStatesError(s, () => enter(s, env.definition.StartAt, JSON.parse(execution.input) as JsonValue));
  return s.plan();
}

/** Applies the trigger; false when it no longer concerns the execution (a stale call, token, timer). */
function apply(s: Step, trigger: Trigger): boolean {
  const position = s.record.position;
  if (trigger.kind === 'stop') {
    const { error, cause } = trigger; // either may be undefined: JSON and the store drop it
    s.emit('ExecutionAborted', { error, cause });
    s.end('ABORTED', { error, cause });
    return true;
  }
  if (position === undefined) return false;
  // A position is only ever in a Task: scheduleTask is what makes one.
  const state = stateOf(s.env.definition, position.state) as TaskState;
  const waiting = position.kind === 'task';
  switch (trigger.kind) {
    case 'invoked':
      if (!waiting || position.invocation !== trigger.invocation || position.submitted) return false;
      if (trigger.outcome.ok && position.token !== undefined) {
        // A waitForTaskToken call that returned only means the token is out; its answer comes later.
        s.emit('TaskSubmitted', { ...resourceDetails(state), output: json(trigger.outcome.value) });
        s.moveTo({ ...position, submitted: true });
      } else completeTask(s, position, state, trigger.outcome);
      return true;
    case 'answer':
      if (!waiting || position.token !== trigger.token) return false;
      completeTask(s, position, state, trigger.outcome);
      return true;
    case 'timer':
      if (position.timer?.id !== trigger.timer) return false;
      if (!waiting) scheduleTask(s, position.state, state, position.input, position.retries);
      else {
        const timeout = new StatesError('States.Timeout', 'The task did not finish within its timeout');
        failTask(s, position, state, timeout, 'TaskTimedOut');
      }
      return true;
  }
}

/**
 * One step of a RUNNING execution. Returns undefined when the trigger is stale: the execution
 * ended, or moved past the call, token or timer the trigger is about.
 */
export function step(env: StepEnv, record: ExecutionRecord, trigger: Trigger): Plan | undefined {
  if (record.status !== 'RUNNING') return undefined;
  const s = new Step(env, record, record);
  return failOnStatesError(s, () => apply(s, trigger)) === false ? undefined : s.plan();
}
