/**
 * Dispatch on a real DynamoDB Local table: the lifecycle model with the default register, a clock
 * the test moves, and a workflow port that records the answers given to task tokens.
 */
import { defaultPolicy, loadDefaultRegister } from '#shared/covenant/index.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { TransitionSignal } from '#shared/ports/store.ts';
import type { ExecutionInput, TaskAnswer, WorkflowPort } from '#shared/ports/workflow.ts';
import type { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { createProposalMachine } from '#statemachines/proposal-lifecycle/index.ts';

export const register = loadDefaultRegister();
export const machine = createProposalMachine(register, defaultPolicy);
export const ZIN = { party: 'ZIN', roles: [] };
export const VOTING = ['ACTIZ', 'GGZ', 'JZN', 'VALENTE', 'VGN', 'ZTNL', 'VNG', 'CAK'];

/** A clock that stands still until the test moves it. */
export class TestClock implements Clock {
  constructor(private current = new Date('2027-02-17T09:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
  advanceMs(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * Records every answer to a task token. A token answers once, as in Step Functions: a second
 * answer to the same token is `gone`.
 */
export class RecordingWorkflow implements WorkflowPort {
  readonly answers: { taskToken: string; signal: TransitionSignal }[] = [];
  readonly started: { name: string; input: ExecutionInput }[] = [];
  /** The executions that ended or were lost; every other one runs. */
  readonly ended = new Set<string>();
  async startExecution(name: string, input: ExecutionInput): Promise<string> {
    this.started.push({ name, input });
    return `arn:aws:states:eu-west-1:000000000000:execution:lifecycle:${name}`;
  }
  async sendTaskSuccess(taskToken: string, signal: TransitionSignal): Promise<TaskAnswer> {
    if (this.answers.some((a) => a.taskToken === taskToken)) return 'gone';
    this.answers.push({ taskToken, signal });
    return 'delivered';
  }
  async isRunning(executionArn: string): Promise<boolean> {
    return !this.ended.has(executionArn);
  }
}

export function depsFor(store: DynamoDbStore, clock = new TestClock()) {
  return { store, machine, register, policy: defaultPolicy, clock };
}

export const MEETING_DATE = '2027-02-17';

export async function openMeeting(store: DynamoDbStore, id: string, clock: Clock) {
  await store.putMeeting({
    id,
    date: MEETING_DATE,
    status: 'open',
    present: [],
    createdAt: clock.now().toISOString(),
  });
}
