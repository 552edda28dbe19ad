// The engine's data: an execution and where it stands, its history events, its parked task
// tokens and timers, the triggers that move it, and the Plan of one step (what the store writes
// in ONE transaction, and the calls to make once it is written).
import type { JsonValue, TaskResource } from './definition.ts';

/** An execution's status, as Step Functions names it. */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** Every status, for queries that list executions whatever their status. */
export const EXECUTION_STATUSES: readonly ExecutionStatus[] = [
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
];

/** Inside a Task: its call is out (or, for a waitForTaskToken task, its token is parked). */
export interface TaskPosition {
  readonly kind: 'task';
  readonly state: string;
  /** The state input: ResultPath and Catch write into it. */
  readonly input: JsonValue;
  /** Retries made so far, per retrier of the state. */
  readonly retries: readonly number[];
  /** Identifies this attempt's call: a result for another attempt is ignored. */
  readonly invocation: string;
  /** The evaluated Parameters: kept so that a restart repeats the very same call. */
  readonly request: JsonValue;
  readonly token?: string;
  /** True once the waitForTaskToken call returned (TaskSubmitted). */
  readonly submitted: boolean;
  /** The timer of the task timeout, if it has one. */
  readonly timer?: string;
}

/** Between two attempts of a Task: waiting for the retry's backoff timer. */
export interface RetryPosition {
  readonly kind: 'retry';
  readonly state: string;
  readonly input: JsonValue;
  readonly retries: readonly number[];
  readonly timer: string;
}

export type Position = TaskPosition | RetryPosition;

/** An execution as the store keeps it. */
export interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  /** The definition it runs (content hash): a redeployed machine does not change running executions. */
  readonly definitionId: string;
  readonly status: ExecutionStatus;
  /** The input as JSON text, as StartExecution received it. */
  readonly input: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  /** Epoch ms. */
  readonly startDate: number;
  readonly stopDate?: number;
  /** Where a RUNNING execution stands; absent once it has ended. */
  readonly position?: Position;
  /** Goes up by one with every step: the condition of every write. */
  readonly revision: number;
  /** Events recorded so far: the next event's id is `eventCount + 1`. */
  readonly eventCount: number;
  /**
   * The latest events, kept in the execution item until a step writes more than it alone (see
   * store-items.ts): most steps are then one conditional PutItem. Managed by the store.
   */
  readonly bufferedEvents?: readonly HistoryEvent[];
}

/** History event types, as GetExecutionHistory names them. */
export type HistoryEventType =
  | 'ExecutionStarted'
  | 'ExecutionSucceeded'
  | 'ExecutionFailed'
  | 'ExecutionAborted'
  | `${'Task' | 'Choice' | 'Succeed' | 'Fail'}StateEntered`
  | `${'Task' | 'Choice' | 'Succeed'}StateExited`
  | 'TaskScheduled'
  | 'TaskStarted'
  | 'TaskSubmitted'
  | 'TaskSucceeded'
  | 'TaskFailed'
  | 'TaskTimedOut';

/** One history event; `details` is what the SDK shows under `<type>EventDetails`. */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  /** Epoch ms. */
  readonly timestamp: number;
  readonly type: HistoryEventType;
  readonly details: Readonly<Record<string, unknown>>;
}

/** What happens to a token: parked until answered, timed out, or closed with its task. */
export type TokenStatus = 'WAITING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'CLOSED';

/** A parked task token. */
export interface TokenRecord {
  readonly token: string;
  readonly executionArn: string;
  readonly state: string;
  readonly status: TokenStatus;
}

/** What a timer ends: a task's timeout or a retry's backoff. */
export type TimerKind = 'timeout' | 'retry';

/** A timer; the execution's position names the one it waits for. */
export interface TimerRecord {
  readonly id: string;
  readonly executionArn: string;
  /** Epoch ms. */
  readonly due: number;
  readonly kind: TimerKind;
}

/** A call to make once a step is written: the Lambda or StartExecution of a task attempt. */
export interface Invocation {
  readonly id: string;
  readonly executionArn: string;
  readonly resource: TaskResource;
  /** The evaluated Parameters. */
  readonly request: JsonValue;
}

/** The result of a task: its output, or an error as Step Functions names it. */
export type Outcome =
  | { readonly ok: true; readonly value: JsonValue }
  | { readonly ok: false; readonly error: string; readonly cause: string };

/** Something that moves an execution on. */
export type Trigger =
  | { readonly kind: 'invoked'; readonly invocation: string; readonly outcome: Outcome }
  | { readonly kind: 'answer'; readonly token: string; readonly outcome: Outcome }
  | { readonly kind: 'timer'; readonly timer: string }
  | { readonly kind: 'stop'; readonly error?: string; readonly cause?: string };

/** Everything one step changes: written in one transaction, then the calls are made. */
export interface Plan {
  /** The record the step started from (its revision is the write's condition); none for a start. */
  readonly before: ExecutionRecord | undefined;
  readonly after: ExecutionRecord;
  readonly events: readonly HistoryEvent[];
  readonly tokensParked: readonly TokenRecord[];
  /** Tokens of positions the step ended, with their final status. */
  readonly tokensClosed: readonly TokenRecord[];
  readonly timersArmed: readonly TimerRecord[];
  readonly timersCancelled: readonly string[];
  readonly invocations: readonly Invocation[];
}

/** A state machine as the store keeps it (STANDARD only). */
export interface StateMachineRecord {
  readonly stateMachineArn: string;
  readonly name: string;
  /** The content hash of its current definition text. */
  readonly definitionId: string;
  /** Epoch ms. */
  readonly creationDate: number;
}
