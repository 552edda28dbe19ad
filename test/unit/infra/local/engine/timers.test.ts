import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { AdjustableClock, days } from '#infra/local/clock.ts';
import type { TimerRecord } from '#infra/local/engine/model.ts';
import { TimerLoop, WorkTracker } from '#infra/local/engine/timers.ts';

/** A loop over an in-memory timer store that records what it fires. */
function loopWith(timers: TimerRecord[]) {
  const clock = new AdjustableClock();
  const work = new WorkTracker();
  const fired: string[] = [];
  const store = new Map(timers.map((t) => [t.id, t]));
  const loop = new TimerLoop({
    clock,
    loadDue: async (now) => [...store.values()].filter((t) => t.due <= now),
    fire: async (timer) => {
      store.delete(timer.id);
      fired.push(timer.id);
    },
    track: (promise) => work.track(promise),
    onError: (error) => {
      throw error;
    },
  });
  return { clock, work, fired, loop, store };
}

const timer = (id: string, dueInMs: number): TimerRecord => ({
  id,
  executionArn: `arn:${id}`,
  due: Date.now() + dueInMs,
  kind: 'timeout',
});

let stopLoop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stopLoop?.();
});

describe('timer loop', () => {
  it('fires every timer due after an advance, soonest first, and none that is not due', async () => {
    const { clock, work, fired, loop } = loopWith([
      timer('six-weeks', days(42)),
      timer('one-week', days(7)),
      timer('one-month', days(31)),
      timer('next-year', days(365)),
    ]);
    loop.start([]);
    stopLoop = () => loop.stop();
    await work.idle();
    expect(fired).toEqual([]);
    clock.advance(days(43));
    await work.idle();
    expect(fired).toEqual(['one-week', 'one-month', 'six-weeks']);
  });

  it('does not fire a deadline beyond setTimeout’s 24.8-day limit early', async () => {
    const { work, fired, loop } = loopWith([]);
    loop.start([timer('thirty-days', days(30))]);
    stopLoop = () => loop.stop();
    await sleep(50);
    await work.idle();
    expect(fired).toEqual([]);
  });

  it('fires a timer that became due while it was stopped as soon as it starts', async () => {
    const overdue = timer('overdue', -1000);
    const { work, fired, loop } = loopWith([overdue]);
    loop.start([overdue]);
    stopLoop = () => loop.stop();
    await work.idle();
    expect(fired).toEqual(['overdue']);
  });

  it('fires on real time too, with one wake-up for the soonest timer', async () => {
    const { work, fired, loop } = loopWith([]);
    loop.start([]);
    stopLoop = () => loop.stop();
    loop.add(timer('soon', 30));
    loop.add(timer('later', days(2)));
    await sleep(80);
    await work.idle();
    expect(fired).toEqual(['soon']);
  });
});
