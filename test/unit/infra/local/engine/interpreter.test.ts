import { describe, expect, it } from 'vitest';
import { AdjustableClock } from '#infra/local/clock.ts';
import type { LambdaHandler } from '#infra/local/engine/runner.ts';
import { MemoryRun } from './memory-run.ts';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
const PARK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

function run(definition: unknown, handlers: Record<string, LambdaHandler> = {}) {
  const clock = new AdjustableClock(0, () => Date.UTC(2027, 1, 17));
  return { clock, execution: new MemoryRun(definition, clock, handlers) };
}

const output = (execution: MemoryRun): unknown => JSON.parse(String(execution.record.output));

describe('interpreter: Lambda tasks', () => {
  it('wraps a handler result as lambda:invoke does and applies ResultSelector and ResultPath', async () => {
    const { execution } = run(
      {
        StartAt: 'Call',
        States: {
          Call: {
            Type: 'Task',
            Resource: LAMBDA,
            Parameters: { FunctionName: 'echo', 'Payload.$': '$.request' },
            ResultSelector: { 'answer.$': '$.Payload', 'status.$': '$.StatusCode' },
            ResultPath: '$.result',
            End: true,
          },
        },
      },
      { echo: async (payload) => ({ echoed: payload }) },
    );
    await execution.start({ request: { q: 1 } });
    expect(output(execution)).toEqual({
      request: { q: 1 },
      result: { answer: { echoed: { q: 1 } }, status: 200 },
    });
    const succeeded = execution.events.find((e) => e.type === 'TaskSucceeded');
    expect(JSON.parse(String(succeeded?.details.output))).toEqual({
      ExecutedVersion: '$LATEST',
      Payload: { echoed: { q: 1 } },
      StatusCode: 200,
    });
  });

  it("reports a throwing handler with its error's name and message, as Lambda does, to the Catch", async () => {
    const { execution } = run(
      {
        StartAt: 'Call',
        States: {
          Call: {
            Type: 'Task',
            Resource: LAMBDA,
            Parameters: { FunctionName: 'refuse', Payload: {} },
            Catch: [{ ErrorEquals: ['VersionConflictError'], ResultPath: '$.error', Next: 'Handled' }],
            End: true,
          },
          Handled: { Type: 'Succeed' },
        },
      },
      {
        refuse: async () => {
          throw Object.assign(new Error('proposal p-1 moved on'), { name: 'VersionConflictError' });
        },
      },
    );
    await execution.start({ proposalId: 'p-1' });
    expect(execution.entered()).toEqual(['Call', 'Handled']);
    expect(output(execution)).toEqual({
      proposalId: 'p-1',
      error: { Error: 'VersionConflictError', Cause: 'proposal p-1 moved on' },
    });
  });

  it('fails the execution for a path to nothing, even with a Catch on States.ALL', async () => {
    const { execution } = run({
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: LAMBDA,
          Parameters: { FunctionName: 'f', Payload: { 'version.$': '$.signal.version' } },
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handled' }],
          End: true,
        },
        Handled: { Type: 'Succeed' },
      },
    });
    await execution.start({ signal: {} });
    expect(execution.record).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(execution.entered()).toEqual(['Call']);
  });

  it('fails a task whose function has no handler with Lambda.ResourceNotFoundException', async () => {
    const { execution } = run({
      StartAt: 'Call',
      States: { Call: { Type: 'Task', Resource: LAMBDA, Parameters: { FunctionName: 'nobody' }, End: true } },
    });
    await execution.start({});
    expect(execution.record).toMatchObject({ status: 'FAILED', error: 'Lambda.ResourceNotFoundException' });
  });
});

const parkWithDeadline = {
  StartAt: 'Park',
  States: {
    Park: {
      Type: 'Task',
      Resource: PARK,
      Parameters: { FunctionName: 'park', Payload: { 'token.$': '$$.Task.Token', 'seconds.$': '$.seconds' } },
      TimeoutSecondsPath: '$.signal.timeoutSeconds',
      ResultPath: '$.signal',
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'Deadline' }],
      Next: 'Answered',
    },
    Deadline: { Type: 'Succeed' },
    Answered: { Type: 'Succeed' },
  },
};

describe('interpreter: waitForTaskToken', () => {
  it('parks with the context token and continues with the answer', async () => {
    const payloads: unknown[] = [];
    const { execution } = run(parkWithDeadline, { park: async (p) => payloads.push(p) });
    await execution.start({ seconds: 1, signal: { timeoutSeconds: 60 } });
    expect(payloads).toEqual([{ token: execution.token, seconds: 1 }]);
    expect(execution.record.status).toBe('RUNNING');
    await execution.answer(String(execution.token), { ok: true, value: { target: 'ready' } });
    expect(execution.record.status).toBe('SUCCEEDED');
    expect(output(execution)).toEqual({ seconds: 1, signal: { target: 'ready' } });
  });

  it('times out after the seconds TimeoutSecondsPath reads from the state input, not before', async () => {
    const { execution } = run(parkWithDeadline, { park: async () => null });
    await execution.start({ seconds: 1, signal: { timeoutSeconds: 3600 } });
    await execution.advance(3_599_999);
    expect(execution.entered()).toEqual(['Park']);
    await execution.advance(1);
    expect(execution.entered()).toEqual(['Park', 'Deadline']);
    expect(output(execution)).toMatchObject({ timeout: { Error: 'States.Timeout' } });
    expect(execution.events.map((e) => e.type)).toContain('TaskTimedOut');
  });

  it('ignores an answer to a token that timed out', async () => {
    const { execution } = run(parkWithDeadline, { park: async () => null });
    await execution.start({ seconds: 1, signal: { timeoutSeconds: 10 } });
    const token = String(execution.token);
    await execution.advance(10_000);
    expect(await execution.answer(token, { ok: true, value: {} })).toBe(false);
    expect(execution.entered()).toEqual(['Park', 'Deadline']);
  });

  it('fails the execution when TimeoutSecondsPath gives no positive integer', async () => {
    const { execution } = run(parkWithDeadline, { park: async () => null });
    await execution.start({ signal: { timeoutSeconds: 0 } });
    expect(execution.record).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('does not let States.TaskFailed catch a timeout', async () => {
    const definition = structuredClone(parkWithDeadline);
    definition.States.Park.Catch = [
      { ErrorEquals: ['States.TaskFailed'], ResultPath: '$.timeout', Next: 'Deadline' },
    ];
    const { execution } = run(definition, { park: async () => null });
    await execution.start({ seconds: 1, signal: { timeoutSeconds: 5 } });
    await execution.advance(5_000);
    expect(execution.record).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });
});

describe('interpreter: Choice, Succeed, Fail', () => {
  const routes = {
    StartAt: 'Route',
    States: {
      Route: {
        Type: 'Choice',
        Choices: [
          {
            And: [
              { Variable: '$.signal.type', StringEquals: 'xstate.rollover' },
              { Variable: '$.signal.target', StringEquals: 'ready' },
            ],
            Next: 'Rolled over',
          },
          { Variable: '$.signal.target', StringEquals: 'ready', Next: 'Ready' },
        ],
        Default: 'Unexpected',
      },
      'Rolled over': { Type: 'Succeed' },
      Ready: { Type: 'Succeed' },
      Unexpected: { Type: 'Fail', Error: 'UnexpectedTransition', Cause: 'the ASL is stale' },
    },
  };

  it.each([
    [{ type: 'xstate.rollover', target: 'ready' }, 'Rolled over'],
    [{ type: 'DRAFT', target: 'ready' }, 'Ready'],
  ])('routes %j to the first rule whose every comparison holds', async (signal, target) => {
    const { execution } = run(routes);
    await execution.start({ signal });
    expect(execution.entered()).toEqual(['Route', target]);
    expect(execution.record.status).toBe('SUCCEEDED');
    expect(output(execution)).toEqual({ signal });
  });

  it('ends in the Default Fail state with its error and cause when no rule holds', async () => {
    const { execution } = run(routes);
    await execution.start({ signal: { type: 'DRAFT', target: 'elsewhere' } });
    expect(execution.entered()).toEqual(['Route', 'Unexpected']);
    expect(execution.record).toMatchObject({
      status: 'FAILED',
      error: 'UnexpectedTransition',
      cause: 'the ASL is stale',
    });
  });

  it('fails the execution when a Variable points to nothing', async () => {
    const { execution } = run(routes);
    await execution.start({ signal: { target: 'ready' } });
    expect(execution.record).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});
