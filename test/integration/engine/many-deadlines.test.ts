/**
 * Load: a thousand executions parked with a 6-week deadline all fire after ONE clock advance of
 * 43 days. The requirement is within 10 s (a benchmark times it); this test asserts that every
 * deadline fired exactly once and reports the time, with a generous limit of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { days } from '#infra/local/clock.ts';
import { useDynamoDbLocal } from '#test/support/dynamodb.ts';
import { type EngineFixture, startEngine } from './engine-fixture.ts';

const ddb = useDynamoDbLocal();
const EXECUTIONS = 1000;
const SIX_WEEKS_SECONDS = 42 * 24 * 60 * 60;

/** The lifecycle's deadline pattern in small: park with a timeout read from the input, then a deadline task. */
const parkWithDeadline = {
  StartAt: 'Park',
  States: {
    Park: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'park', Payload: { 'taskToken.$': '$$.Task.Token', 'id.$': '$.id' } },
      TimeoutSecondsPath: '$.timeoutSeconds',
      ResultPath: '$.signal',
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'Deadline' }],
      Next: 'Answered',
    },
    Deadline: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'deadline', Payload: { 'id.$': '$.id' } },
      ResultSelector: { 'lapsed.$': '$.Payload.lapsed' },
      ResultPath: '$.deadline',
      Next: 'Lapsed',
    },
    Lapsed: { Type: 'Succeed' },
    Answered: { Type: 'Succeed' },
  },
};

const parked = new Set<number>();
const deadlines = new Map<number, number>();
let fixture: EngineFixture;

beforeAll(async () => {
  fixture = await startEngine(ddb, {
    definitions: { deadlines: parkWithDeadline },
    handlers: {
      park: async (payload) => {
        parked.add((payload as { id: number }).id);
        return null;
      },
      deadline: async (payload) => {
        const { id } = payload as { id: number };
        deadlines.set(id, (deadlines.get(id) ?? 0) + 1);
        return { lapsed: true };
      },
    },
  });
});

afterAll(() => fixture?.stop());

async function countSucceeded(): Promise<number> {
  let count = 0;
  let nextToken: string | undefined;
  do {
    const page = await fixture.engine.listExecutions({
      stateMachineArn: fixture.engine.stateMachineArn('deadlines'),
      statusFilter: 'SUCCEEDED',
      maxResults: 1000,
      ...(nextToken === undefined ? {} : { nextToken }),
    });
    count += page.executions?.length ?? 0;
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return count;
}

describe('local engine under load', () => {
  it('fires the deadlines of 1,000 parked executions after one clock advance', {
    timeout: 180_000,
  }, async () => {
    const { engine, clock } = fixture;
    const stateMachineArn = engine.stateMachineArn('deadlines');
    await Promise.all(
      Array.from({ length: EXECUTIONS }, (_, id) =>
        engine.startExecution({
          stateMachineArn,
          input: JSON.stringify({ id, timeoutSeconds: SIX_WEEKS_SECONDS }),
        }),
      ),
    );
    await engine.idle();
    expect(parked.size).toBe(EXECUTIONS);
    expect(deadlines.size).toBe(0);

    const started = performance.now();
    clock.advance(days(43));
    await engine.idle();
    const elapsedMs = performance.now() - started;
    console.info(
      `${EXECUTIONS} deadlines fired in ${(elapsedMs / 1000).toFixed(2)} s after one clock advance`,
    );

    expect(deadlines.size).toBe(EXECUTIONS);
    expect([...deadlines.values()].every((calls) => calls === 1)).toBe(true);
    expect(await countSucceeded()).toBe(EXECUTIONS);
    expect(elapsedMs).toBeLessThan(60_000);
  });
});
