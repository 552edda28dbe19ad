/**
 * What the core needs of the workflow engine (Step Functions in the cloud, the embedded engine
 * locally): starting a proposal's execution and answering a parked task token. Adapters map the
 * engine's errors to these outcomes.
 */
import type { TransitionSignal } from './store.ts';

/**
 * `delivered`: the execution took the signal. `gone`: the token can no longer be answered (it was
 * answered already, timed out, or its execution ended) — harmless, since a token answers once.
 */
export type TaskAnswer = 'delivered' | 'gone';

/** The input of an execution of the compiled lifecycle (see statemachines/compiler/protocol.ts). */
export interface ExecutionInput {
  readonly proposalId: string;
  readonly signal: TransitionSignal;
}

export interface WorkflowPort {
  /**
   * Starts the proposal's execution, named after the proposal so that a retried start is
   * recognised (StartExecution is idempotent for the same name and input).
   * @returns the execution's ARN
   */
  startExecution(name: string, input: ExecutionInput): Promise<string>;
  /** `SendTaskSuccess` with the signal as output. Throws only on errors worth retrying. */
  sendTaskSuccess(taskToken: string, signal: TransitionSignal): Promise<TaskAnswer>;
  /**
   * Whether the execution still runs (`DescribeExecution`): false when it ended, was stopped by
   * hand or no longer exists. The sweeper asks it of the execution a token was parked by.
   */
  isRunning(executionArn: string): Promise<boolean>;
}

/** One execution of the lifecycle, as the engine lists it. */
export interface ExecutionSummary {
  /** The execution's name: the proposal id, or a successor's `<id>-g2`, `<id>-v7`. */
  readonly name: string;
  readonly executionArn: string;
  /** RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE. */
  readonly status: string;
  readonly startedAt: string;
  readonly stoppedAt?: string;
}

/** One event of an execution's history, in the engine's terms (Step Functions' history events). */
export interface ExecutionStep {
  readonly at: string;
  /** The history event's type, e.g. `TaskStateEntered`, `TaskTimedOut`, `ExecutionFailed`. */
  readonly type: string;
  /** The state the event entered, for a `…StateEntered` event. */
  readonly state?: string;
  /** The input the state was entered with (JSON), for a `…StateEntered` event. */
  readonly input?: string;
  /** The output of a task that succeeded (JSON). */
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

/** A proposal's latest execution with its history, and the chain of executions it belongs to. */
export interface ExecutionRecord {
  readonly execution: ExecutionSummary;
  readonly history: readonly ExecutionStep[];
  /** The proposal's executions, oldest first: a rolled-over or restarted one has successors. */
  readonly chain: readonly ExecutionSummary[];
  /** Where an administrator sees the execution in the engine's console; absent where there is none. */
  readonly consoleUrl?: string;
}

/** What administrators read of the workflow engine (DESIGN 5: `GET /executions`). */
export interface ExecutionReader {
  /** Every execution of the lifecycle, all pages, newest first. */
  listExecutions(): Promise<ExecutionSummary[]>;
  /**
   * The proposal's latest execution with its history; undefined when it has none.
   * @param executions the list {@link listExecutions} gave, when the caller has it already
   */
  proposalExecution(
    proposalId: string,
    executions?: readonly ExecutionSummary[],
  ): Promise<ExecutionRecord | undefined>;
}
