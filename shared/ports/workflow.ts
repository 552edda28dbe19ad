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
