import { describe, expect, it } from 'vitest';
import { AdjustableClock } from '#infra/local/clock.ts';
import { decideRetry, matchesError } from '#infra/local/engine/interpreter.ts';
import { MemoryRun } from './memory-run.ts';

/** A task that fails with `Lambda.ServiceException` on its first `failures` calls. */
function flaky(failures: number, clock: AdjustableClock) {
  const calls: number[] = [];
  const start = clock.now().getTime();
  const handler = async () => {
    calls.push((clock.now().getTime() - start) / 1000);
    if (calls.length <= failures) {
      throw Object.assign(new Error('throttled'), { name: 'Lambda.ServiceException' });
    }
    return 'done';
  };
  return { calls, handler };
}

const withRetry = (retrier: Record<string, unknown>) => ({
  StartAt: 'Call',
  States: {
    Call: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'flaky', Payload: {} },
      Retry: [{ ErrorEquals: ['Lambda.ServiceException'], ...retrier }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Gave up' }],
      End: true,
    },
    'Gave up': { Type: 'Succeed' },
  },
});

describe('retry', () => {
  it('retries after IntervalSeconds × BackoffRate^n on the adjustable clock, not before', async () => {
    const clock = new AdjustableClock(0, () => 0);
    const { calls, handler } = flaky(2, clock);
    const run = await new MemoryRun(
      withRetry({ IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 3 }),
      clock,
      {
        flaky: handler,
      },
    ).start({});
    expect(calls).toEqual([0]);
    await run.advance(1_999);
    expect(calls).toEqual([0]);
    await run.advance(1);
    expect(calls).toEqual([0, 2]);
    await run.advance(3_999);
    expect(calls).toEqual([0, 2]);
    await run.advance(1);
    expect(calls).toEqual([0, 2, 6]);
    expect(run.record.status).toBe('SUCCEEDED');
    expect(run.entered()).toEqual(['Call']);
  });

  it('goes to Catch with the last error once MaxAttempts retries have failed', async () => {
    // Each retry is planned from the time its attempt failed.
    const clock = new AdjustableClock(0, () => 0);
    const { calls, handler } = flaky(10, clock);
    const run = await new MemoryRun(
      withRetry({ IntervalSeconds: 1, BackoffRate: 3, MaxAttempts: 2 }),
      clock,
      {
        flaky: handler,
      },
    ).start({});
    await run.advance(1_000);
    await run.advance(3_000);
    expect(calls).toEqual([0, 1, 4]);
    expect(run.entered()).toEqual(['Call', 'Gave up']);
    expect(JSON.parse(String(run.record.output))).toEqual({
      error: { Error: 'Lambda.ServiceException', Cause: 'throttled' },
    });
  });

  it('counts retries per retrier and uses only the first retrier that names the error', () => {
    const retriers = [
      { ErrorEquals: ['A'], MaxAttempts: 1 },
      { ErrorEquals: ['A', 'B'], MaxAttempts: 5 },
    ];
    expect(decideRetry(retriers, [0, 0], 'A')).toEqual({ retrier: 0, delayMs: 1000 });
    expect(decideRetry(retriers, [1, 0], 'A')).toBeUndefined();
    expect(decideRetry(retriers, [1, 2], 'B')).toEqual({ retrier: 1, delayMs: 4000 });
    expect(decideRetry([{ ErrorEquals: ['A'], MaxAttempts: 0 }], [0], 'A')).toBeUndefined();
    // Without IntervalSeconds and BackoffRate: 1 s, doubling.
    expect(decideRetry([{ ErrorEquals: ['A'] }], [1], 'A')).toEqual({ retrier: 0, delayMs: 2000 });
  });

  it('matches States.ALL to everything but States.Runtime, and States.TaskFailed to everything but timeouts', () => {
    expect(matchesError(['States.ALL'], 'Lambda.ServiceException')).toBe(true);
    expect(matchesError(['States.ALL'], 'States.Runtime')).toBe(false);
    expect(matchesError(['States.TaskFailed'], 'Rejected')).toBe(true);
    expect(matchesError(['States.TaskFailed'], 'States.Timeout')).toBe(false);
    expect(matchesError(['States.Timeout'], 'States.Timeout')).toBe(true);
  });
});
