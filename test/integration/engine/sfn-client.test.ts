/**
 * `@aws-sdk/client-sfn`, configured as the project's adapters configure it, against the local
 * engine's HTTP endpoint: every operation the project uses, and the named exceptions the SDK
 * throws for what Step Functions refuses.
 */
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  ValidationException,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDynamoDbLocal } from '#test/support/dynamodb.ts';
import { type EngineFixture, enteredStates, fullHistory, startEngine } from './engine-fixture.ts';

const ddb = useDynamoDbLocal();

/** A review: ask (parks a token, 1 hour), then approved, rejected (a caught failure) or timed out. */
const review = {
  Comment: 'A question waits for an answer through SendTaskSuccess or SendTaskFailure.',
  StartAt: 'Ask',
  States: {
    Ask: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: 'ask',
        Payload: { 'taskToken.$': '$$.Task.Token', 'question.$': '$.question' },
      },
      TimeoutSecondsPath: '$.timeoutSeconds',
      ResultPath: '$.answer',
      Catch: [
        { ErrorEquals: ['Rejected'], ResultPath: '$.rejection', Next: 'Rejected' },
        { ErrorEquals: ['States.Timeout'], Next: 'Unanswered' },
      ],
      Next: 'Approved',
    },
    Approved: { Type: 'Succeed' },
    Rejected: { Type: 'Fail', Error: 'Rejected', Cause: 'the answer was no' },
    Unanswered: { Type: 'Fail', Error: 'Unanswered', Cause: 'nobody answered within the hour' },
  },
};

const tokens = new Map<string, string>();
let fixture: EngineFixture;
let sfn: SFNClient;
let stateMachineArn: string;

beforeAll(async () => {
  fixture = await startEngine(ddb, {
    definitions: { review },
    handlers: {
      ask: async (payload) => {
        const { taskToken, question } = payload as { taskToken: string; question: string };
        tokens.set(question, taskToken);
        return { asked: question };
      },
    },
  });
  sfn = fixture.sfn;
  stateMachineArn = fixture.engine.stateMachineArn('review');
});

afterAll(() => fixture?.stop());

/** Starts a review of `question` and waits until its token is parked. */
async function ask(question: string, name?: string) {
  const started = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn,
      name,
      input: JSON.stringify({ question, timeoutSeconds: 3600 }),
    }),
  );
  await fixture.engine.idle();
  const token = tokens.get(question);
  if (token === undefined) throw new Error(`no token parked for '${question}'`);
  return { executionArn: String(started.executionArn), token };
}

const describeExecution = (executionArn: string) => sfn.send(new DescribeExecutionCommand({ executionArn }));

describe('local engine through @aws-sdk/client-sfn', () => {
  it('runs an execution to success through SendTaskSuccess', async () => {
    const { executionArn, token } = await ask('ship 3.3?', 'ship-3-3');
    expect((await describeExecution(executionArn)).status).toBe('RUNNING');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ yes: true }) }));
    await fixture.engine.idle();
    const done = await describeExecution(executionArn);
    expect(done).toMatchObject({
      status: 'SUCCEEDED',
      name: 'ship-3-3',
      input: '{"question":"ship 3.3?","timeoutSeconds":3600}',
    });
    expect(JSON.parse(String(done.output))).toEqual({
      question: 'ship 3.3?',
      timeoutSeconds: 3600,
      answer: { yes: true },
    });
    expect(done.stopDate?.getTime()).toBeGreaterThanOrEqual(Number(done.startDate?.getTime()));
  });

  it('pages the history oldest first with the events Step Functions records, and refuses reverseOrder', async () => {
    const { executionArn, token } = await ask('history?');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '"fine"' }));
    await fixture.engine.idle();
    const events = await fullHistory(sfn, executionArn);
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events[2]?.taskScheduledEventDetails).toMatchObject({
      resourceType: 'lambda',
      timeoutInSeconds: 3600,
    });
    const firstPage = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 3 }));
    expect(firstPage.events?.map((e) => e.id)).toEqual([1, 2, 3]);
    const secondPage = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 3, nextToken: firstPage.nextToken }),
    );
    expect(secondPage.events?.map((e) => e.id)).toEqual([4, 5, 6]);
    // No caller reads a history newest first (shared/workflow, `npm run executions`): refused.
    await expect(
      sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true })),
    ).rejects.toBeInstanceOf(ValidationException);
  });

  it('takes a SendTaskFailure to the Catch that names its error', async () => {
    const { executionArn, token } = await ask('drop it?');
    await sfn.send(
      new SendTaskFailureCommand({ taskToken: token, error: 'Rejected', cause: 'not this release' }),
    );
    await fixture.engine.idle();
    expect(await describeExecution(executionArn)).toMatchObject({
      status: 'FAILED',
      error: 'Rejected',
      cause: 'the answer was no',
    });
    expect(enteredStates(await fullHistory(sfn, executionArn))).toEqual(['Ask', 'Rejected']);
  });

  it('lists executions by state machine and status, newest first', async () => {
    const { executionArn } = await ask('still open?');
    const running = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING' }));
    expect(running.executions?.map((e) => e.executionArn)).toContain(executionArn);
    expect(running.executions?.every((e) => e.status === 'RUNNING')).toBe(true);
    const succeeded = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn, statusFilter: 'SUCCEEDED' }),
    );
    expect(succeeded.executions?.map((e) => e.executionArn)).not.toContain(executionArn);
    const all = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 2 }));
    expect(all.executions?.[0]?.executionArn).toBe(executionArn);
    expect(all.nextToken).toBeDefined();
  });

  it('starts an execution once for the same name and input, and refuses the name with another input', async () => {
    const first = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn,
        name: 'once',
        input: '{"question":"once?","timeoutSeconds":60}',
      }),
    );
    const again = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn,
        name: 'once',
        input: '{"question":"once?","timeoutSeconds":60}',
      }),
    );
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate).toEqual(first.startDate);
    await expect(
      sfn.send(
        new StartExecutionCommand({
          stateMachineArn,
          name: 'once',
          input: '{"question":"twice?","timeoutSeconds":60}',
        }),
      ),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it('stops an execution; its token can no longer be answered', async () => {
    const { executionArn, token } = await ask('stop me?');
    await sfn.send(new StopExecutionCommand({ executionArn, error: 'Withdrawn', cause: 'by the submitter' }));
    await fixture.engine.idle();
    expect(await describeExecution(executionArn)).toMatchObject({ status: 'ABORTED', error: 'Withdrawn' });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toBeInstanceOf(TaskDoesNotExist);
  });

  it('refuses a made-up token, a timed-out one and one answered before, with the exceptions AWS uses', async () => {
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: 'made-up', output: '{}' })),
    ).rejects.toBeInstanceOf(InvalidToken);
    const answered = await ask('answered twice?');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: answered.token, output: '{}' }));
    await fixture.engine.idle();
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: answered.token, output: '{}' })),
    ).rejects.toBeInstanceOf(TaskTimedOut);

    const late = await ask('too late?');
    fixture.clock.advance(3600 * 1000);
    await fixture.engine.idle();
    expect(await describeExecution(late.executionArn)).toMatchObject({
      status: 'FAILED',
      error: 'Unanswered',
    });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: late.token, output: '{}' })),
    ).rejects.toThrow(TaskTimedOut);
  });

  it('names an unknown execution and an unknown state machine', async () => {
    const missing = fixture.engine.stateMachineArn('missing');
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: missing }))).rejects.toBeInstanceOf(
      StateMachineDoesNotExist,
    );
    const executionArn = stateMachineArn.replace(':stateMachine:', ':execution:').concat(':nope');
    await expect(describeExecution(executionArn)).rejects.toBeInstanceOf(ExecutionDoesNotExist);
  });
});
