/**
 * The workflow port on `@aws-sdk/client-sfn`: AWS Step Functions in the cloud, the embedded
 * engine's endpoint locally (the same client, another endpoint). The client is injected.
 */
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidToken,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import type { TransitionSignal } from '#shared/ports/store.ts';
import type { ExecutionInput, TaskAnswer, WorkflowPort } from '#shared/ports/workflow.ts';

export class SfnWorkflow implements WorkflowPort {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async startExecution(name: string, input: ExecutionInput): Promise<string> {
    try {
      const result = await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name,
          input: JSON.stringify(input),
        }),
      );
      return result.executionArn ?? executionArnOf(this.stateMachineArn, name);
    } catch (error) {
      // Same name, other input: the execution exists already (a retried create); it is the proposal's.
      if (error instanceof ExecutionAlreadyExists) return executionArnOf(this.stateMachineArn, name);
      throw error;
    }
  }

  async sendTaskSuccess(taskToken: string, signal: TransitionSignal): Promise<TaskAnswer> {
    try {
      await this.client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(signal) }));
      return 'delivered';
    } catch (error) {
      // A token answers once; one that timed out or whose execution ended cannot be answered.
      if (error instanceof TaskTimedOut || error instanceof InvalidToken || error instanceof TaskDoesNotExist)
        return 'gone';
      throw error;
    }
  }

  async isRunning(executionArn: string): Promise<boolean> {
    try {
      const { status } = await this.client.send(new DescribeExecutionCommand({ executionArn }));
      return status === 'RUNNING';
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return false;
      throw error;
    }
  }
}

/** `arn:aws:states:r:a:stateMachine:N` + name → `arn:aws:states:r:a:execution:N:name`. */
export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}
