// A Task's life: an attempt is scheduled (its call registered, its token parked, its timeout
// armed), then it succeeds (ResultSelector → ResultPath) or fails (Retry, then Catch, else the
// execution fails), as Step Functions runs it.
import type { Catcher, Retrier } from '#statemachines/compiler/asl.ts';
import { type JsonValue, TASK_RESOURCES, type TaskResource, type TaskState } from './definition.ts';
import { runtimeError, StatesError } from './errors.ts';
import type { TaskPosition, TokenStatus } from './model.ts';
import { applyResultPath, evaluateTemplate, readPath } from './paths.ts';
import { contextObject, type StepBuilder } from './step-builder.ts';

/** The state to enter next and its input. */
export interface Next {
  readonly name: string;
  readonly input: JsonValue;
}

/**
 * True when `errorEquals` names `error`. `States.ALL` matches every error and `States.TaskFailed`
 * every error but `States.Timeout`; neither, nor anything else, matches `States.Runtime`, which
 * always fails the execution.
 */
export function matchesError(errorEquals: readonly string[], error: string): boolean {
  if (error === 'States.Runtime') return false;
  return errorEquals.some(
    (name) =>
      name === error || name === 'States.ALL' || (name === 'States.TaskFailed' && error !== 'States.Timeout'),
  );
}

/** The delay before retry number `retriesDone + 1` of `retrier`: IntervalSeconds × BackoffRate^retriesDone. */
export function retryDelayMs(retrier: Retrier, retriesDone: number): number {
  return Math.round((retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** retriesDone * 1000);
}

/**
 * Whether to retry after `error`: only the FIRST retrier naming the error counts; once its
 * MaxAttempts are used up the error goes to Catch, even if a later retrier names it too.
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
  return { retrier: index, delayMs: retryDelayMs(retrier, done) };
}

/** `resourceType`/`resource` of task events: `lambda` / `invoke.waitForTaskToken`. */
function resourceDetails(state: TaskState): { resourceType: string; resource: string } {
  const [resourceType = '', resource = ''] = (state.Resource.split(':::')[1] ?? '').split(/:(.*)/s);
  return { resourceType, resource };
}

/** The task timeout in seconds: static, or read from the STATE INPUT (not Parameters), as AWS does. */
function timeoutSecondsOf(state: TaskState, input: JsonValue): number | undefined {
  if (state.TimeoutSecondsPath === undefined) return state.TimeoutSeconds;
  const value = readPath(input, state.TimeoutSecondsPath);
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  throw runtimeError(
    `The value of TimeoutSecondsPath '${state.TimeoutSecondsPath}' must be a positive integer, got ${JSON.stringify(value)}`,
  );
}

/** Schedules one attempt of the task: a fresh call (and token), its timeout, TaskScheduled/TaskStarted. */
export function scheduleTask(
  b: StepBuilder,
  where: { readonly name: string; readonly state: TaskState },
  input: JsonValue,
  retries: readonly number[],
): void {
  const { name, state } = where;
  const resource = state.Resource as TaskResource;
  const token = resource === TASK_RESOURCES.invokeWaitForTaskToken ? b.env.newId() : undefined;
  const request = state.Parameters
    ? evaluateTemplate(state.Parameters, input, contextObject(b, token))
    : input;
  const timeoutSeconds = timeoutSecondsOf(state, input);
  const invocation = b.invoke(resource, request);
  if (token !== undefined) b.parkToken(token, name);
  const timer =
    timeoutSeconds === undefined ? undefined : b.armTimer('timeout', b.now + timeoutSeconds * 1000);
  b.emit('TaskScheduled', {
    ...resourceDetails(state),
    region: b.env.region,
    parameters: JSON.stringify(request),
    ...(timeoutSeconds === undefined ? {} : { timeoutInSeconds: timeoutSeconds }),
  });
  b.emit('TaskStarted', resourceDetails(state));
  b.moveTo({
    kind: 'task',
    state: name,
    input,
    retries,
    invocation,
    request,
    submitted: false,
    ...(token === undefined ? {} : { token }),
    ...(timer === undefined ? {} : { timer }),
  });
}

/** A waitForTaskToken call returned: the task now waits for its token (TaskSubmitted). */
export function submitTask(
  b: StepBuilder,
  position: TaskPosition,
  state: TaskState,
  response: JsonValue,
): void {
  b.emit('TaskSubmitted', {
    ...resourceDetails(state),
    output: JSON.stringify(response),
    outputDetails: { truncated: false },
  });
  b.moveTo({ ...position, submitted: true });
}

/** Moves to the first Catch naming `error` with `{Error, Cause}` at its ResultPath, or fails the execution. */
function catchOrFail(
  b: StepBuilder,
  position: TaskPosition,
  catchers: readonly Catcher[] | undefined,
  error: StatesError,
): Next | undefined {
  const catcher = catchers?.find((c) => matchesError(c.ErrorEquals, error.error));
  if (catcher === undefined) {
    b.fail(error.error, error.cause);
    return undefined;
  }
  const output = applyResultPath(
    position.input,
    { Error: error.error, Cause: error.cause },
    catcher.ResultPath,
  );
  b.exited('Task', position.state, output);
  return { name: catcher.Next, input: output };
}

/** The task succeeded with `result` (a Lambda's wrapped answer, or the token's output). */
export function completeTask(
  b: StepBuilder,
  position: TaskPosition,
  state: TaskState,
  result: JsonValue,
): Next | undefined {
  b.release(position, 'SUCCEEDED');
  b.emit('TaskSucceeded', {
    ...resourceDetails(state),
    output: JSON.stringify(result),
    outputDetails: { truncated: false },
  });
  let output: JsonValue;
  try {
    const selected = state.ResultSelector
      ? evaluateTemplate(state.ResultSelector, result, contextObject(b))
      : result;
    output = applyResultPath(position.input, selected, state.ResultPath);
  } catch (error) {
    // A ResultPath that cannot be applied is an error of the state, which Catch may take.
    if (!(error instanceof StatesError) || error.error === 'States.Runtime') throw error;
    return catchOrFail(b, position, state.Catch, error);
  }
  b.exited('Task', position.state, output);
  if (state.Next !== undefined) return { name: state.Next, input: output };
  b.succeed(output);
  return undefined;
}

/** How a task attempt failed: the event it records and what becomes of its token. */
export interface TaskFailure {
  readonly event: 'TaskFailed' | 'TaskTimedOut';
  readonly tokenStatus: TokenStatus;
}

/** The attempt failed with `error`: retry after a backoff, else Catch, else fail the execution. */
export function failTask(
  b: StepBuilder,
  position: TaskPosition,
  state: TaskState,
  error: StatesError,
  how: TaskFailure,
): Next | undefined {
  b.release(position, how.tokenStatus);
  b.emit(how.event, { ...resourceDetails(state), error: error.error, cause: error.cause });
  const retry = decideRetry(state.Retry, position.retries, error.error);
  if (retry === undefined) return catchOrFail(b, position, state.Catch, error);
  const retries = (state.Retry ?? []).map(
    (_, i) => (position.retries[i] ?? 0) + (i === retry.retrier ? 1 : 0),
  );
  const timer = b.armTimer('retry', b.now + retry.delayMs);
  b.moveTo({ kind: 'retry', state: position.state, input: position.input, retries, timer });
  return undefined;
}
