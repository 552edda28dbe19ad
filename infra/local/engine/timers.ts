// The one wake-up loop behind every timer (task timeouts and retry backoffs), the count of work
// in flight behind `idle()` and `stop()`, and the limit of work at once (requests, calls). A
// timer lives in its execution's position; this loop holds the timers of this instance's
// executions in memory (re-armed from the positions at start) with a single setTimeout for the
// soonest (Node caps one timeout at 2^31-1 ms, about 24.8 days, so a 43-day deadline cannot be
// one setTimeout). When the clock is advanced it wakes at once and fires every timer now due,
// soonest first.

import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AdvanceableClock } from '#infra/local/clock.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { TimerRecord } from './model.ts';

/** Runs at most `limit` tasks at once, the others in arrival order. */
export class Limiter {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#running++;
    try {
      return await task();
    } finally {
      this.#running--;
      this.#waiting.shift()?.();
    }
  }
}

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
/** How long after a failed firing a timer is fired again. */
const RETRY_FAILED_MS = 1000;

export interface TimerLoopDeps {
  /** The engine's clock; when it can be advanced, the loop re-plans on every advance. */
  readonly clock: Clock & Partial<Pick<AdvanceableClock, 'onAdvance'>>;
  /** Fires one timer (applies it to its execution). */
  readonly fire: (timer: TimerRecord) => Promise<unknown>;
  /** Counts a firing as work in flight. */
  readonly track: <T>(work: Promise<T>) => Promise<T>;
  readonly onError: (error: unknown) => void;
}

/** The wake-up loop; see the top of this file. */
export class TimerLoop {
  readonly #known = new Map<string, TimerRecord>();
  #timeout: NodeJS.Timeout | undefined;
  #firing: Promise<void> | undefined;
  /** Woken while firing: fire once more after it. */
  #again = false;
  #running = false;
  #unsubscribe: (() => void) | undefined;

  constructor(private readonly deps: TimerLoopDeps) {}

  /** Starts with the timers of the running executions, firing the overdue ones at once. */
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
    this.#again = true;
    if (this.#firing) return;
    clearTimeout(this.#timeout);
    this.#firing = this.deps.track(this.#fireWhileWoken());
  }

  /** One tracked piece of work for the firings a wake asks for and those asked meanwhile. */
  async #fireWhileWoken(): Promise<void> {
    while (this.#again && this.#running) {
      this.#again = false;
      await this.#fireDue();
    }
    this.#firing = undefined;
    this.#schedule();
  }

  async #fireDue(): Promise<void> {
    const now = this.deps.clock.now().getTime();
    const due = [...this.#known.values()].filter((timer) => timer.due <= now);
    due.sort((a, b) => a.due - b.due || a.id.localeCompare(b.id));
    for (const timer of due) this.#known.delete(timer.id);
    // Soonest first, all at once: the store bounds the requests in flight. One timer failing (the
    // store unreachable) must not keep the others from firing; it is tried again a second later.
    const failed = (timer: TimerRecord) => (error: unknown) => {
      this.deps.onError(error);
      this.#known.set(timer.id, { ...timer, due: now + RETRY_FAILED_MS });
    };
    await Promise.all(due.map((timer) => this.deps.fire(timer).catch(failed(timer))));
  }

  /** One setTimeout for the soonest known timer (none while no timer is known). */
  #schedule(): void {
    if (!this.#running) return;
    clearTimeout(this.#timeout);
    let soonest = Number.POSITIVE_INFINITY;
    for (const timer of this.#known.values()) soonest = Math.min(soonest, timer.due);
    if (soonest === Number.POSITIVE_INFINITY) return;
    const delay = Math.max(0, Math.min(soonest - this.deps.clock.now().getTime(), MAX_TIMEOUT_MS));
    this.#timeout = setTimeout(() => this.wake(), delay);
    this.#timeout.unref();
  }
}
