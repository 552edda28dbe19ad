// Collects the cleanup writes of many steps (closed tokens, cancelled timers) and sends them in
// BatchWriteItem requests of 25: when a thousand deadlines fire at once, that is 40 requests
// instead of a thousand. The writes are idempotent and nothing waits for them but `idle()`.
import type { CleanupWrite } from './store-writes.ts';

/** BatchWriteItem takes at most 25 requests. */
const BATCH_SIZE = 25;
/** Batches in flight at once. */
const PARALLEL_BATCHES = 4;

export interface CleanupQueueDeps {
  readonly send: (writes: readonly CleanupWrite[]) => Promise<void>;
  readonly track: <T>(work: Promise<T>) => Promise<T>;
  readonly onError: (error: unknown) => void;
}

/** Batches cleanup writes; see the top of this file. */
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
