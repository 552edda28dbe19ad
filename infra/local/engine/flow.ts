// Leaving a state and ending an execution: the events Step Functions records for each, and the
// release of whatever the execution was waiting on (its timer, its parked token).
import type { JsonValue, TaskState } from './definition.ts';
import type { Position, TokenStatus } from './model.ts';
import type { StepBuilder } from './step-builder.ts';

/** The state to enter next and its input. */
export interface Next {
  readonly name: string;
  readonly input: JsonValue;
}

/** Details of a `…StateEntered` event. */
export const entered = (name: string, input: JsonValue) => ({
  name,
  input: JSON.stringify(input),
  inputDetails: { truncated: false },
});

/** Details of a `…StateExited` event. */
export const exited = (name: string, output: JsonValue) => ({
  name,
  output: JSON.stringify(output),
  outputDetails: { truncated: false },
});

/**
 * Cancels the timer and closes the token of `position` and leaves it. Every trigger that ends a
 * position calls this first, so nothing of a finished position can fire or be answered later.
 */
export function release(b: StepBuilder, position: Position | undefined, tokenStatus: TokenStatus): void {
  if (position === undefined) return;
  if (position.timer !== undefined) b.cancelTimer(position.timer);
  if (position.kind === 'task' && position.token !== undefined) {
    b.closeToken(position.token, position.state, tokenStatus);
  }
  b.moveTo(undefined);
}

export function succeedExecution(b: StepBuilder, output: JsonValue): void {
  b.emit('ExecutionSucceeded', { output: JSON.stringify(output), outputDetails: { truncated: false } });
  b.update({ status: 'SUCCEEDED', output: JSON.stringify(output), stopDate: b.now });
}

/** Fails the execution (a Fail state, an uncaught error, States.Runtime). */
export function failExecution(b: StepBuilder, error: string, cause: string): void {
  release(b, b.record.position, 'CLOSED');
  b.emit('ExecutionFailed', { error, cause });
  b.update({ status: 'FAILED', error, cause, stopDate: b.now });
}

/** StopExecution: the execution ends ABORTED, its token can no longer be answered. */
export function abortExecution(b: StepBuilder, error: string | undefined, cause: string | undefined): void {
  release(b, b.record.position, 'CLOSED');
  b.emit('ExecutionAborted', {
    ...(error === undefined ? {} : { error }),
    ...(cause === undefined ? {} : { cause }),
  });
  b.update({
    status: 'ABORTED',
    stopDate: b.now,
    ...(error === undefined ? {} : { error }),
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Records `TaskStateExited` and returns where to go, or ends the execution on `End`. */
export function leave(b: StepBuilder, name: string, state: TaskState, output: JsonValue): Next | undefined {
  b.emit('TaskStateExited', exited(name, output));
  if (state.Next === undefined) {
    succeedExecution(b, output);
    return undefined;
  }
  return { name: state.Next, input: output };
}
