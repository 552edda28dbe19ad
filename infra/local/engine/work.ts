// Counts the work in flight (steps, calls, timer firings) so that `idle()` can tell a test or a
// demo when every consequence of an action has played out, and `stop()` what it must wait for.
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Tracks promises of work in flight. */
export class WorkTracker {
  #count = 0;
  #waiters: (() => void)[] = [];

  /** Counts `work` as in flight until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    this.#count++;
    return work.finally(() => {
      this.#count--;
      if (this.#count > 0) return;
      for (const resolve of this.#waiters.splice(0)) resolve();
    });
  }

  /** True while some work is in flight. */
  get busy(): boolean {
    return this.#count > 0;
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
