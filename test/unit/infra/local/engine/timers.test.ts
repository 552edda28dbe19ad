import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { AdjustableClock, days } from '#infra/local/clock.ts';
import type { TimerRecord } from '#infra/local/engine/model.ts';
import { TimerLoop, WorkTracker } from '#infra/local/engine/timers.ts';

/** A loop that records what it fires; `failFirst` fails the first firing of those timers. */
function loopWith(failFirst: readonly string[] = []) {
  const clock = new AdjustableClock();
  const work = new WorkTracker();
  const fired: string[] = [];
  const errors: unknown[] = [];
  const failing = new Set(failFirst);
  const loop = new TimerLoop({
    clock,
    fire: async (timer) => {
      if (failing.delete(timer.id)) throw new Error(`store unreachable for ${timer.id}`);
      fired.push(timer.id);
    },
    track: (promise) => work.track(promise),
    onError: (error) => errors.push(error),
  });
  return { clock, work, fired, errors, loop };
}

const timer = (id: string, dueInMs: number): TimerRecord => ({
  id,
  executionArn: `arn:${id}`,
  due: Date.now() + dueInMs,
});

let stopLoop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stopLoop?.();
});

describe('timer loop', () => {
  it('fires every timer due after an advance, soonest first, and none that is not due', async () => {
    const { clock, work, fired, loop } = loopWith();
    // The timers of the executions found running at start, as the engine re-arms them.
    loop.start([
      timer('six-weeks', days(42)),
      timer('one-week', days(7)),
      timer('one-month', days(31)),
      timer('next-year', days(365)),
    ]);
    stopLoop = () => loop.stop();
    await work.idle();
    expect(fired).toEqual([]);
    clock.advance(days(43));
    await work.idle();
    expect(fired).toEqual(['one-week', 'one-month', 'six-weeks']);
  });

  it('does not fire a deadline beyond setTimeout’s 24.8-day limit early', async () => {
    const { work, fired, loop } = loopWith();
    loop.start([timer('thirty-days', days(30))]);
    stopLoop = () => loop.stop();
    await sleep(50);
    await work.idle();
    expect(fired).toEqual([]);
  });

  it('fires a timer that became due while it was stopped as soon as it starts', async () => {
    const { work, fired, loop } = loopWith();
    loop.start([timer('overdue', -1000)]);
    stopLoop = () => loop.stop();
    await work.idle();
    expect(fired).toEqual(['overdue']);
  });

  it('fires on real time too, with one wake-up for the soonest timer', async () => {
    const { work, fired, loop } = loopWith();
    loop.start([]);
    stopLoop = () => loop.stop();
    loop.add(timer('soon', 30));
    loop.add(timer('later', days(2)));
    await sleep(80);
    await work.idle();
    expect(fired).toEqual(['soon']);
  });

  it('fires a timer whose firing failed again a second later, without holding up the others', async () => {
    const { clock, work, fired, errors, loop } = loopWith(['deadline']);
    loop.start([timer('deadline', days(42)), timer('reminder', days(42) + 1)]);
    stopLoop = () => loop.stop();
    clock.advance(days(43));
    await work.idle();
    expect(fired).toEqual(['reminder']);
    expect(errors).toHaveLength(1);
    clock.advance(1000);
    await work.idle();
    expect(fired).toEqual(['reminder', 'deadline']);
  });
});
