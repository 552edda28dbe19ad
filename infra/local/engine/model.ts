// The engine's data: an execution and where it waits (with its timer), its history events, the
// triggers that move it, and the Plan of one step (what the store writes in ONE atomic write, and
// the calls to make once it is written).
import type { JsonValue, TaskResource } from './definition.ts';

/** An execution's status, as Step Functions names it. */
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

export const EXECUTION_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;

/**
 * Where a RUNNING execution waits: inside a Task (its call is out, or its token parked) or, with
 * `kind: 'retry'`, between two attempts of it (on the backoff timer).
 */
export interface Position {
  readonly kind: 'task' | 'retry';
  readonly state: string;
  /** The state input: ResultPath and Catch write into it. */
  readonly input: JsonValue;
  /** Retries made so far, per retrier of the state. */
  readonly retries: readonly number[];
  /** This attempt's call: a result for another one is stale. Absent while retrying. */
  readonly invocation?: string;
  /** The evaluated Parameters, so that a restart repeats the very same call. */
  readonly request?: JsonValue;
  /** The waitForTaskToken token (it names the execution, see api.ts): only it is answered. */
  readonly token?: string;
  /** True once the waitForTaskToken call returned (TaskSubmitted): a restart does not repeat it. */
  readonly submitted?: boolean;
  /**
   * The timer this position waits for (the task timeout or the retry backoff). Kept here and
   * nowhere else: at start the engine re-arms every running execution's timer from its position.
   */
  readonly timer?: Timer;
}

/** A timer in a position: due at epoch ms `due`. */
export interface Timer {
  readonly id: string;
  readonly due: number;
}

/** An execution as the store keeps it. */
export interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  /** The definition it runs (content hash): a redeployed machine does not change running executions. */
  readonly definitionId: string;
  readonly status: ExecutionStatus;
  readonly input: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly startDate: number; // epoch ms, as every date here
  readonly stopDate?: number;
  readonly position?: Position;
  /** Goes up by one with every step: the condition of every write. */
  readonly revision: number;
  /** Events recorded so far: the next event's id is `eventCount + 1`. */
  readonly eventCount: number;
  /** The latest events, kept in the execution item until a step needs a transaction (store.ts). */
  readonly bufferedEvents?: readonly HistoryEvent[];
}

/** History event types, as GetExecutionHistory names them. */
export type HistoryEventType =
  | `Execution${'Started' | 'Succeeded' | 'Failed' | 'Aborted'}`
  | `${'Task' | 'Choice' | 'Succeed' | 'Fail'}StateEntered`
  | `${'Task' | 'Choice' | 'Succeed'}StateExited`
  | `Task${'Scheduled' | 'Started' | 'Submitted' | 'Succeeded' | 'Failed' | 'TimedOut'}`;

/** One history event; `details` is what the SDK shows under `<type>EventDetails`. */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: number;
  readonly type: HistoryEventType;
  readonly details: Readonly<Record<string, unknown>>;
}

/** A timer as the wake-up loop holds it; the execution's position names the one it waits for. */
export interface TimerRecord extends Timer {
  readonly executionArn: string;
}

/** A call to make once a step is written: the Lambda or StartExecution of a task attempt. */
export interface Invocation {
  readonly id: string;
  readonly executionArn: string;
  readonly resource: TaskResource;
  readonly request: JsonValue; // the evaluated Parameters
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
  | { readonly kind: 'stop'; readonly error: string | undefined; readonly cause: string | undefined };

/** Everything one step changes: written at once, then the calls are made. */
export interface Plan {
  /** The record the step started from (its revision is the write's condition); none for a start. */
  readonly before: ExecutionRecord | undefined;
  readonly after: ExecutionRecord;
  readonly events: readonly HistoryEvent[];
  readonly invocations: readonly Invocation[];
}

/** The timer a step leaves (its position's before) and the one it arms (its position's after). */
export function timersOf({ before, after }: Plan): { left?: Timer; armed?: Timer } {
  const [left, armed] = [before?.position?.timer, after.position?.timer];
  return left?.id === armed?.id ? {} : { ...(left && { left }), ...(armed && { armed }) };
}
