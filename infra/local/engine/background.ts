// Background work: counting what is in flight (so `idle()` can tell a test or a demo when every
// consequence of an action has played out, and `stop()` what to wait for), capping the requests
// in flight, and batching the cleanup writes that follow the steps.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CleanupWrite } from './store-items.ts';

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

/**
 * Runs at most `max` of the functions given to it at once, the others in arrival order. A thousand
 * deadlines firing at once would otherwise queue a thousand requests in the SDK's socket pool
 * (50 sockets), which only warns and adds latency; waiting here keeps each request's latency short.
 */
export class Limiter {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#running >= this.max) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#running++;
    try {
      return await fn();
    } finally {
      this.#running--;
      this.#waiting.shift()?.();
    }
  }
}

/** BatchWriteItem takes at most 25 requests. */
const BATCH_SIZE = 25;
/** Batches in flight at once. */
const PARALLEL_BATCHES = 4;

export interface CleanupQueueDeps {
  readonly send: (writes: readonly CleanupWrite[]) => Promise<void>;
  readonly track: <T>(work: Promise<T>) => Promise<T>;
  readonly onError: (error: unknown) => void;
}

/**
 * Collects the cleanup writes of many steps (closed tokens, cancelled timers) and sends them in
 * BatchWriteItem requests of 25: when a thousand deadlines fire at once, that is 40 requests
 * instead of a thousand. The writes are idempotent and nothing waits for them but `idle()`.
 */
export class CleanupQueue {
  #pending: CleanupWrite[] = [];
  #draining = false;

  constructor(private readonly deps: CleanupQueueDeps) {}

  add(writes: readonly CleanupWrite[]): void {
    this.#pending.push(...writes);
    if (this.#draining) return;
    this.#draining = true;
    void this.deps.track(this.#drain());
  }

  async #drain(): Promise<void> {
    // Let the steps running now add theirs before the first batch goes out.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#pending.length > 0) {
      const batches = Array.from({ length: PARALLEL_BATCHES }, () => this.#pending.splice(0, BATCH_SIZE));
      const sends = batches.filter((batch) => batch.length > 0).map((batch) => this.deps.send(batch));
      await Promise.all(sends.map((send) => send.catch(this.deps.onError)));
    }
    this.#draining = false;
  }
}
