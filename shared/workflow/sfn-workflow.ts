/**
 * The workflow port on `@aws-sdk/client-sfn`: AWS Step Functions in the cloud, the embedded
 * engine's endpoint locally (the same client, another endpoint). The client is injected.
 */
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  type ExecutionListItem,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import type { TransitionSignal } from '#shared/ports/store.ts';
import type {
  ExecutionInput,
  ExecutionReader,
  ExecutionRecord,
  ExecutionStep,
  ExecutionSummary,
  TaskAnswer,
  WorkflowPort,
} from '#shared/ports/workflow.ts';

export interface SfnWorkflowOptions {
  /**
   * Link each execution to the Step Functions console (in the cloud; the local engine has none).
   * @default false
   */
  readonly consoleUrls?: boolean;
}

export class SfnWorkflow implements WorkflowPort, ExecutionReader {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
    private readonly options: SfnWorkflowOptions = {},
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

  async listExecutions(): Promise<ExecutionSummary[]> {
    const executions: ExecutionSummary[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListExecutionsCommand({ stateMachineArn: this.stateMachineArn, nextToken, maxResults: 100 }),
      );
      executions.push(...(page.executions ?? []).map(summaryOf));
      nextToken = page.nextToken;
    } while (nextToken);
    return executions;
  }

  async proposalExecution(
    proposalId: string,
    executions?: readonly ExecutionSummary[],
  ): Promise<ExecutionRecord | undefined> {
    const chain = chainOf(executions ?? (await this.listExecutions()), proposalId);
    const latest = chain.at(-1);
    if (!latest) return undefined;
    const { executionArn } = latest;
    const description = await this.client.send(new DescribeExecutionCommand({ executionArn }));
    const history: ExecutionStep[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(
        new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }),
      );
      history.push(...(page.events ?? []).map(stepOf));
      nextToken = page.nextToken;
    } while (nextToken);
    const execution = { ...latest, status: String(description.status ?? latest.status) };
    const consoleUrl = this.options.consoleUrls ? consoleUrlOf(executionArn) : undefined;
    return { execution, history, chain, ...(consoleUrl ? { consoleUrl } : {}) };
  }
}

/** `arn:aws:states:r:a:stateMachine:N` + name → `arn:aws:states:r:a:execution:N:name`. */
export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

const iso = (date: Date | undefined) => (date ? date.toISOString() : new Date(0).toISOString());

function summaryOf(item: ExecutionListItem): ExecutionSummary {
  return {
    name: item.name ?? '',
    executionArn: item.executionArn ?? '',
    status: String(item.status ?? ''),
    startedAt: iso(item.startDate),
    ...(item.stopDate ? { stoppedAt: iso(item.stopDate) } : {}),
  };
}

/**
 * The proposal's executions, oldest first: `<id>`, its successors `<id>-g2`, … and any the
 * sweeper restarted, `<id>-v<version>`. The last started is the live one.
 */
export function chainOf(executions: readonly ExecutionSummary[], proposalId: string): ExecutionSummary[] {
  return executions
    .filter(
      (e) =>
        e.name === proposalId ||
        (e.name.startsWith(proposalId) && /^-[gv]\d/.test(e.name.slice(proposalId.length))),
    )
    .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
}

/** The history event in the port's terms: its state, input, output or error, whichever it has. */
function stepOf(event: HistoryEvent): ExecutionStep {
  const entered = event.stateEnteredEventDetails;
  const failure =
    event.taskFailedEventDetails ?? event.executionFailedEventDetails ?? event.taskTimedOutEventDetails;
  const output = event.taskSucceededEventDetails?.output;
  return {
    at: iso(event.timestamp),
    type: String(event.type ?? ''),
    ...(entered?.name ? { state: entered.name } : {}),
    ...(entered?.input ? { input: entered.input } : {}),
    ...(output ? { output } : {}),
    ...(failure?.error ? { error: failure.error } : {}),
    ...(failure?.cause ? { cause: failure.cause } : {}),
  };
}

/** `arn:aws:states:<region>:…:execution:…` → the execution's page in the Step Functions console. */
export function consoleUrlOf(executionArn: string): string | undefined {
  const region = executionArn.split(':')[3];
  if (!region) return undefined;
  return `https://${region}.console.aws.amazon.com/states/home?region=${region}#/v2/executions/details/${encodeURIComponent(executionArn)}`;
}
