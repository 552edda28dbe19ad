// Caps the requests the engine has in flight. A thousand deadlines firing at once would otherwise
// queue a thousand requests in the SDK's socket pool (50 sockets by default), which only warns
// and adds latency; waiting here keeps each request's own latency short.

/** Runs at most `max` of the functions given to it at once, the others in arrival order. */
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
