// The one wake-up loop behind every timer (task timeouts and retry backoffs), and the count of
// work in flight behind `idle()` and `stop()`. Timers
// live in the store; this loop keeps the ones it knows in memory only to decide when to wake,
// with a single setTimeout for the soonest (Node caps one timeout at 2^31-1 ms, about 24.8 days,
// so a 43-day deadline cannot be one setTimeout). When the clock is advanced it wakes at once and
// fires every timer now due, soonest first; at each wake it also asks the store, so timers another
// instance armed, or that a crash left, are fired too.

import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AdvanceableClock } from '#infra/local/clock.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { TimerRecord } from './model.ts';

/** Tracks promises of work in flight. */
export class WorkTracker {
  #count = 0;
  #waiters: (() => void)[] = [];

  /** Counts `work` as in flight until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    this.#count++;
    return work.finally(() => {
      if (--this.#count === 0) for (const resolve of this.#waiters.splice(0)) resolve();
    });
  }

  /**
   * Resolves once nothing is in flight, checked again a turn later: work that ends by starting
   * more (a step that makes a call) is never seen as idle in between.
   */
  async idle(): Promise<void> {
    for (;;) {
      if (this.#count === 0) {
        await nextTurn();
        if (this.#count === 0) return;
      }
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }
}

/** The longest single setTimeout Node honours. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export interface TimerLoopDeps {
  /** The engine's clock; when it can be advanced, the loop re-plans on every advance. */
  readonly clock: Clock & Partial<Pick<AdvanceableClock, 'onAdvance'>>;
  /** The timers due at or before `now` according to the store. */
  readonly loadDue: (now: number) => Promise<TimerRecord[]>;
  /** Fires one timer (applies it to its execution). */
  readonly fire: (timer: TimerRecord) => Promise<void>;
  /** Counts a firing as work in flight. */
  readonly track: <T>(work: Promise<T>) => Promise<T>;
  readonly onError: (error: unknown) => void;
  /** Wake at least this often, to pick up timers armed by another instance. @default 60_000 */
  readonly maxSleepMs?: number;
  /** Timers fired at the same time (each is a transaction). @default 32 */
  readonly concurrency?: number;
}

/** Runs `fn` over `items` in order, at most `limit` at a time. */
async function inOrderWithLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) await fn(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const byDue = (a: TimerRecord, b: TimerRecord): number => a.due - b.due || a.id.localeCompare(b.id);

/** The wake-up loop; see the top of this file. */
export class TimerLoop {
  readonly #known = new Map<string, TimerRecord>();
  #timeout: NodeJS.Timeout | undefined;
  #firing: Promise<void> | undefined;
  #again = false;
  #running = false;
  #unsubscribe: (() => void) | undefined;

  constructor(private readonly deps: TimerLoopDeps) {}

  /** Starts with the timers found in the store, firing the overdue ones at once. */
  start(timers: readonly TimerRecord[]): void {
    for (const timer of timers) this.#known.set(timer.id, timer);
    this.#running = true;
    this.#unsubscribe = this.deps.clock.onAdvance?.(() => this.wake());
    this.wake();
  }

  /** Stops waking; resolves when a firing in progress has finished. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#unsubscribe?.();
    clearTimeout(this.#timeout);
    await this.#firing;
  }

  add(timer: TimerRecord): void {
    this.#known.set(timer.id, timer);
    if (!this.#firing) this.#schedule();
  }

  remove(timerId: string): void {
    this.#known.delete(timerId);
  }

  /** Fires what is due now; if a firing is under way, runs once more after it. */
  wake(): void {
    if (!this.#running) return;
    if (this.#firing) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timeout);
    this.#firing = this.deps.track(this.#fireAndReplan());
  }

  async #fireAndReplan(): Promise<void> {
    try {
      await this.#fireDue();
    } catch (error) {
      this.deps.onError(error);
    }
    this.#firing = undefined;
    // Still inside the tracked work: a follow-up wake is counted before this one ends.
    if (this.#again) {
      this.#again = false;
      this.wake();
    } else {
      this.#schedule();
    }
  }

  async #fireDue(): Promise<void> {
    const now = this.deps.clock.now().getTime();
    const due = new Map<string, TimerRecord>();
    for (const timer of await this.deps.loadDue(now)) due.set(timer.id, timer);
    for (const timer of this.#known.values()) if (timer.due <= now) due.set(timer.id, timer);
    const ordered = [...due.values()].sort(byDue);
    await inOrderWithLimit(ordered, this.deps.concurrency ?? 32, async (timer) => {
      this.#known.delete(timer.id);
      // One timer failing (the store unreachable) must not keep the others from firing; it stays
      // in the store and is found again at the next wake.
      await this.deps.fire(timer).catch(this.deps.onError);
    });
  }

  /** One setTimeout for the soonest known timer (or the longest sleep). */
  #schedule(): void {
    if (!this.#running) return;
    clearTimeout(this.#timeout);
    const maxSleep = Math.min(this.deps.maxSleepMs ?? 60_000, MAX_TIMEOUT_MS);
    let soonest = Number.POSITIVE_INFINITY;
    for (const timer of this.#known.values()) soonest = Math.min(soonest, timer.due);
    const delay = Math.max(0, Math.min(soonest - this.deps.clock.now().getTime(), maxSleep));
    this.#timeout = setTimeout(() => this.wake(), delay);
    this.#timeout.unref();
  }
}
