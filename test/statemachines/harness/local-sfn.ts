/**
 * Runs a compiled definition on aws-local-stepfunctions (the conformance oracle) with the task
 * Lambdas replaced by test callbacks, and reports the ASL states visited in order.
 *
 * The oracle differs from AWS in the ways that `adaptForOracle` works around on a clone of the
 * definition; the compiler's output is never changed to suit it:
 * 1. It resolves `TimeoutSecondsPath` against the task's Parameters output, whereas AWS reads it
 *    from the state input. The path moves into Parameters (`HarnessTimeoutSeconds`), so it is
 *    still read from the state input and a missing value still fails the execution as on AWS.
 * 2. It arms a real `setTimeout` for the task timeout; Node caps timers at 2^31-1 ms and fires a
 *    longer one (300 days, or a 6-week deadline) after 1 ms. Timeouts are therefore fixed to one
 *    hour; a test triggers a timeout by throwing {@link taskTimeout} from `park` instead.
 * 3. It exempts from `States.TaskFailed` only a timeout of its own making, not the error named
 *    `States.Timeout` that {@link taskTimeout} throws, and it retries errors that AWS does not
 *    (a failed ResultSelector): the retrier on `States.TaskFailed` would retry both, with real
 *    waits. The clone leaves that retrier out; the scripted handlers never fail otherwise.
 * 4. It sets `$$.Execution.StartTime` to the real time, whatever the context says. A run that
 *    plays an execution started at another moment (see {@link LocalSfnExecution}) hands the timer
 *    the start time it was given instead.
 */

import {
  ExecutionError,
  type StateMachineDefinition as OracleDefinition,
  StateMachine,
} from 'aws-local-stepfunctions';
import { parkTimerOf } from '#shared/workflow/park-timer.ts';
import type {
  DeadlinePayload,
  DeadlineResult,
  JsonObject,
  JsonValue,
  ParkPayload,
  ParkTimer,
  ParkTimerPayload,
  Signal,
  State,
  StateDocument,
  StateMachineDefinition,
  TaskState,
} from '#statemachines/compiler/index.ts';
import { executionNameOf, rolloverAnswerOf, timerPayloadOf } from '#statemachines/compiler/index.ts';
import { substitute } from './asl-validator.ts';

/** The test's stand-ins for the task Lambdas. */
export interface LocalSfnHandlers {
  /**
   * Answers a park task: the next signal (what the relay sends with SendTaskSuccess), or throw
   * {@link taskTimeout} to take the deadline or rollover path. `timeoutSeconds` is the task
   * timeout read from the signal, for a state with a deadline.
   */
  readonly park: (stateKey: string, payload: ParkPayload, timeoutSeconds: number | undefined) => Signal;
  /** Answers a deadline task with the winning signal. */
  readonly deadline?: (stateKey: string, payload: DeadlinePayload) => DeadlineResult;
  /** Receives an entry action the notify Lambda would run. */
  readonly notify?: (stateKey: string, action: string, params: JsonValue | undefined) => void;
  /** Receives the input (and name) of the successor execution a rollover task starts. */
  readonly rollover?: (input: StateDocument, name: string) => void;
  /**
   * Times a park. Default: the real park timer (shared/workflow/park-timer.ts) at the run's start
   * time, so a deadline's timeout is its `timeoutSeconds`.
   */
  readonly timer?: (stateKey: string, payload: ParkTimerPayload) => ParkTimer;
}

/** The execution's name and start time (`$$.Execution`), for a run that plays a successor. */
export interface LocalSfnExecution {
  /** @default 'p-1' */
  readonly name?: string;
  /** @default '2025-01-01T00:00:00.000Z' */
  readonly startTime?: string;
}

/** The outcome of a run. */
export interface LocalSfnRun {
  /** The ASL states entered, in order. */
  readonly visited: readonly string[];
  readonly status: 'SUCCEEDED' | 'FAILED';
  /** The execution's output when it succeeded. */
  readonly output?: JsonValue;
  /** The error and cause when it failed. */
  readonly error?: { readonly Error: string; readonly Cause: unknown };
}

/** The error a park callback throws to make its task time out (matched by name, as AWS does). */
export function taskTimeout(): Error {
  const error = new Error('The park task timed out.');
  error.name = 'States.Timeout';
  return error;
}

/** The oracle's own types for a run's input and its local task handlers (it exports neither). */
type OracleRun = Parameters<StateMachine['run']>;
type OracleInput = OracleRun[0];
type OracleHandlers = NonNullable<NonNullable<OracleRun[1]>['overrides']>['taskResourceLocalHandlers'];

const ACCOUNT = 'arn:aws:states:eu-west-1:123456789012';
const ORACLE_TIMEOUT_SECONDS = 3600;
const HARNESS_TIMEOUT_KEY = 'HarnessTimeoutSeconds';

/** Applies the workarounds described at the top of this file to a clone of `definition`. */
export function adaptForOracle(definition: StateMachineDefinition): StateMachineDefinition {
  const states = Object.entries(withoutTaskFailedRetries(definition).States).map(
    ([name, state]): [string, State] => {
      if (
        state.Type !== 'Task' ||
        (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined)
      ) {
        return [name, state];
      }
      const { TimeoutSecondsPath, TimeoutSeconds: _, ...rest } = state;
      const parameters: JsonObject =
        TimeoutSecondsPath === undefined
          ? (rest.Parameters ?? {})
          : { ...rest.Parameters, [`${HARNESS_TIMEOUT_KEY}.$`]: TimeoutSecondsPath };
      return [name, { ...rest, Parameters: parameters, TimeoutSeconds: ORACLE_TIMEOUT_SECONDS } as TaskState];
    },
  );
  return structuredClone({ ...definition, States: Object.fromEntries(states) });
}

/** A copy of `definition` without retriers on `States.TaskFailed` (see 3. at the top of this file). */
export function withoutTaskFailedRetries(definition: StateMachineDefinition): StateMachineDefinition {
  const states = Object.entries(definition.States).map(([name, state]): [string, State] => {
    if (state.Type !== 'Task' || state.Retry === undefined) return [name, state];
    const Retry = state.Retry.filter((retrier) => !retrier.ErrorEquals.includes('States.TaskFailed'));
    return [name, { ...state, Retry }];
  });
  return { ...definition, States: Object.fromEntries(states) };
}

type TaskRole = 'timer' | 'park' | 'deadline' | 'notify' | 'rollover';

/** Tells the task Lambdas apart by their integration and payload, as the protocol defines them. */
function roleOf(name: string, state: TaskState): TaskRole {
  if (state.Resource.endsWith('.waitForTaskToken')) return 'park';
  if (state.Resource.endsWith(':states:startExecution')) return 'rollover';
  const payload = state.Parameters?.Payload;
  if (typeof payload === 'object' && payload !== null && !Array.isArray(payload)) {
    if ('event' in payload) return 'deadline';
    if ('action' in payload) return 'notify';
    if ('deadline' in payload) return 'timer';
  }
  throw new Error(`Task '${name}' is none of timer, park, deadline, notify or rollover.`);
}

/** The evaluated Parameters a local handler receives. */
interface TaskInput {
  readonly Payload?: JsonObject;
  readonly Input?: StateDocument;
  readonly Name?: string;
  readonly [HARNESS_TIMEOUT_KEY]?: unknown;
}

/** The Lambda payload of a park, deadline or notify task, with the state key it names. */
function payloadOf<T>(input: TaskInput): { readonly stateKey: string; readonly payload: T } {
  const stateKey = input.Payload?.state;
  if (typeof stateKey !== 'string')
    throw new Error(`A task payload names no state: ${JSON.stringify(input)}`);
  return { stateKey, payload: input.Payload as unknown as T };
}

/** The result of an optimised `lambda:invoke`: the function's answer sits in `Payload`. */
const lambdaResult = (payload: unknown): JsonValue =>
  ({ ExecutedVersion: '$LATEST', Payload: payload ?? null, StatusCode: 200 }) as JsonValue;

/** A task timeout read from the input must be a positive integer, or AWS fails the execution. */
function timeoutSecondsOf(input: TaskInput): number | undefined {
  const value = input[HARNESS_TIMEOUT_KEY];
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  const error = new Error(`TimeoutSecondsPath gave ${JSON.stringify(value)}, not a positive integer.`);
  error.name = 'States.Runtime';
  throw error;
}

type LocalHandler = (input: TaskInput) => JsonValue;

/**
 * `signal` with the timer of its target's park, as the relay and the deadline Lambda add it: from
 * the test's `timer` if it has one, else the real timer at the run's start time (4. at the top).
 */
function timed<S extends Signal>(
  signal: S,
  handlers: LocalSfnHandlers,
  context: LocalSfnExecution,
  given: { readonly name: string; readonly startTime?: string | undefined },
): S & { timer: ParkTimer } {
  const startTime = context.startTime ?? given.startTime ?? '2025-01-01T00:00:00.000Z';
  const payload = timerPayloadOf(signal, { name: given.name, startTime });
  const timer = handlers.timer?.(signal.target, payload) ?? parkTimerOf(payload, new Date(startTime));
  return { ...signal, timer };
}

function localHandlerFor(
  role: TaskRole,
  handlers: LocalSfnHandlers,
  context: LocalSfnExecution,
): LocalHandler {
  switch (role) {
    case 'timer':
      return (input) => {
        const { stateKey, payload: given } = payloadOf<ParkTimerPayload>(input);
        // 4. at the top of this file: the oracle's StartTime is the real time.
        const payload = context.startTime === undefined ? given : { ...given, startTime: context.startTime };
        const timer =
          handlers.timer?.(stateKey, payload) ?? parkTimerOf(payload, new Date(payload.startTime));
        return lambdaResult(timer);
      };
    case 'park':
      return (input) => {
        const { stateKey, payload } = payloadOf<ParkPayload>(input);
        const signal = handlers.park(stateKey, payload, timeoutSecondsOf(input));
        // As the relay does: the answer brings the timer of the next park along.
        return timed(signal, handlers, context, {
          name: executionNameOf(payload.executionArn),
          startTime: payload.startTime,
        }) as unknown as JsonValue;
      };
    case 'deadline':
      return (input) => {
        const { stateKey, payload } = payloadOf<DeadlinePayload>(input);
        // As the deadline Lambda does: a park timed out for the end of the execution's life rolls over.
        const rollover = rolloverAnswerOf(payload);
        if (rollover) return lambdaResult(rollover);
        if (handlers.deadline === undefined) throw new Error(`No deadline handler for '${stateKey}'.`);
        const answer = handlers.deadline(stateKey, payload);
        // As the deadline Lambda does, unless the test's answer brings a timer of its own.
        const execution = { name: payload.executionName ?? 'p-1', startTime: payload.startTime };
        return lambdaResult(answer.timer ? answer : timed(answer, handlers, context, execution));
      };
    case 'notify':
      return (input) => {
        const { stateKey, payload } = payloadOf<JsonObject>(input);
        handlers.notify?.(stateKey, String(payload.action), payload.params);
        return lambdaResult(null);
      };
    case 'rollover':
      return (input) => {
        if (input.Input !== undefined) handlers.rollover?.(input.Input, String(input.Name));
        return {
          ExecutionArn: `${ACCOUNT}:execution:harness:successor`,
          StartDate: '2025-01-01T00:00:00.000Z',
        };
      };
  }
}

/** One local handler per Task state of `definition`, keyed by state name. */
function localHandlers(
  definition: StateMachineDefinition,
  handlers: LocalSfnHandlers,
  context: LocalSfnExecution,
): OracleHandlers {
  const tasks = Object.entries(definition.States).flatMap(([name, state]) => {
    if (state.Type !== 'Task') return [];
    const handler = localHandlerFor(roleOf(name, state), handlers, context);
    // The oracle passes the evaluated Parameters, which the compiler builds as a TaskInput.
    return [[name, (input: unknown) => handler(input as TaskInput) as OracleInput] as const];
  });
  return Object.fromEntries(tasks);
}

/** The context object AWS would provide; the oracle has none of its own. */
function contextFor(input: StateDocument, execution: LocalSfnExecution): Record<string, unknown> {
  const name = execution.name ?? input.proposalId;
  return {
    Execution: {
      Id: `${ACCOUNT}:execution:harness:${name}`,
      Name: name,
      Input: input,
      StartTime: execution.startTime ?? '2025-01-01T00:00:00.000Z',
    },
    StateMachine: { Id: `${ACCOUNT}:stateMachine:harness`, Name: 'harness' },
    Task: { Token: 'harness-task-token' },
  };
}

/**
 * Runs `definition` (placeholders substituted, adapted for the oracle) from `input` to its end.
 * A failed execution is a result, not an exception: `status: 'FAILED'` with the error.
 */
export async function runOnLocalSfn(
  definition: StateMachineDefinition,
  input: StateDocument,
  handlers: LocalSfnHandlers,
  context: LocalSfnExecution = {},
): Promise<LocalSfnRun> {
  const adapted = adaptForOracle(substitute(definition));
  const machine = new StateMachine(adapted as unknown as OracleDefinition);
  const execution = machine.run(input as unknown as OracleInput, {
    context: contextFor(input, context),
    overrides: { taskResourceLocalHandlers: localHandlers(adapted, handlers, context) },
  });
  const visited: string[] = [];
  let error: LocalSfnRun['error'];
  const events = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === 'StateEntered') visited.push(event.state.name);
      if (event.type === 'ExecutionFailed') error = { Error: event.Error, Cause: event.Cause };
    }
  })();
  const output = await execution.result.catch((reason: unknown) => {
    if (!(reason instanceof ExecutionError)) throw reason;
    return undefined;
  });
  await events;
  return error === undefined
    ? { visited, status: 'SUCCEEDED', output: output as JsonValue }
    : { visited, status: 'FAILED', error };
}
