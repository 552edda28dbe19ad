// A Task's life: an attempt is scheduled (its call registered, its token parked, its timeout
// armed), then it succeeds (ResultSelector → ResultPath) or fails (Retry, then Catch, else the
// execution fails), as Step Functions runs it.
import { type JsonValue, TASK_RESOURCES, type TaskResource, type TaskState } from './definition.ts';
import { runtimeError, StatesError } from './errors.ts';
import { exited, failExecution, leave, type Next, release } from './flow.ts';
import type { TaskPosition, TokenStatus } from './model.ts';
import { applyResultPath, evaluateTemplate, readPath } from './paths.ts';
import { decideRetry, findCatcher } from './retry.ts';
import { contextObject, type StepBuilder } from './step-builder.ts';

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
  attempt: { readonly retries: readonly number[]; readonly enteredAt: number },
): void {
  const { name, state } = where;
  const resource = state.Resource as TaskResource;
  const token = resource === TASK_RESOURCES.invokeWaitForTaskToken ? b.env.newId() : undefined;
  const context = contextObject(b, token);
  const request = state.Parameters ? evaluateTemplate(state.Parameters, input, context) : input;
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
    enteredAt: attempt.enteredAt,
    retries: attempt.retries,
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
  state: TaskState,
  error: StatesError,
): Next | undefined {
  const catcher = findCatcher(state.Catch, error.error);
  if (catcher === undefined) {
    failExecution(b, error.error, error.cause);
    return undefined;
  }
  const output = applyResultPath(
    position.input,
    { Error: error.error, Cause: error.cause },
    catcher.ResultPath,
  );
  b.emit('TaskStateExited', exited(position.state, output));
  return { name: catcher.Next, input: output };
}

/** The task succeeded with `result` (a Lambda's wrapped answer, or the token's output). */
export function completeTask(
  b: StepBuilder,
  position: TaskPosition,
  state: TaskState,
  result: JsonValue,
): Next | undefined {
  release(b, position, 'SUCCEEDED');
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
    return catchOrFail(b, position, state, error);
  }
  return leave(b, position.state, state, output);
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
  release(b, position, how.tokenStatus);
  b.emit(how.event, { ...resourceDetails(state), error: error.error, cause: error.cause });
  const retry = decideRetry(state.Retry, position.retries, error.error);
  if (retry === undefined) return catchOrFail(b, position, state, error);
  const retries = (state.Retry ?? []).map(
    (_, i) => (position.retries[i] ?? 0) + (i === retry.retrier ? 1 : 0),
  );
  const timer = b.armTimer('retry', b.now + retry.delayMs);
  const { state: name, input, enteredAt } = position;
  b.moveTo({ kind: 'retry', state: name, input, enteredAt, retries, timer });
  return undefined;
}
