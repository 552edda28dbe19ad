// The local stack's one clock: real time plus an offset that demos and tests move forward, so
// "advance the clock 43 days and the deadline fires" works without waiting 43 days.
import type { Clock } from '#shared/ports/clock.ts';

/** Called after the clock moved forward, with the new time. */
export type ClockListener = (now: Date) => void;

/** A {@link Clock} that can tell others when it jumps, so they can re-plan their timers. */
export interface AdvanceableClock extends Clock {
  /** Registers `listener` for every advance; returns the function that removes it. */
  onAdvance(listener: ClockListener): () => void;
}

/**
 * Real time plus an offset. `advance(ms)` moves it forward and then calls every listener
 * synchronously; the clock never moves back, because timers already fired cannot un-fire.
 */
export class AdjustableClock implements AdvanceableClock {
  readonly #realNow: () => number;
  readonly #listeners = new Set<ClockListener>();
  #offsetMs: number;

  /**
   * @param offsetMs where to start relative to real time. @default 0
   * @param realNow the underlying time source in epoch ms. @default Date.now
   */
  constructor(offsetMs = 0, realNow: () => number = Date.now) {
    this.#offsetMs = offsetMs;
    this.#realNow = realNow;
  }

  /** The current time: real time plus the offset. */
  now(): Date {
    return new Date(this.#realNow() + this.#offsetMs);
  }

  /** How far this clock is ahead of real time, in ms. */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  /**
   * Moves the clock forward by `ms` and notifies the listeners.
   * @throws RangeError for a negative or non-finite `ms`
   * @returns the new time
   */
  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`the clock only moves forward: advance needs ms >= 0, got ${ms}`);
    }
    this.#offsetMs += ms;
    const now = this.now();
    for (const listener of [...this.#listeners]) listener(now);
    return now;
  }

  /** Registers `listener` for every advance; returns the function that removes it. */
  onAdvance(listener: ClockListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}

/** Milliseconds in `days` days: `clock.advance(days(43))`. */
export const days = (count: number): number => count * 24 * 60 * 60 * 1000;
