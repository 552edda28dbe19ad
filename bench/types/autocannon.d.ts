/**
 * The part of autocannon's programmatic API the benchmark uses (autocannon ships no types, and the
 * benchmark adds no @types package for one call). See node_modules/autocannon/README.md.
 */
declare module 'autocannon' {
  namespace autocannon {
    interface RawRequest {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
    }

    interface Request extends RawRequest {
      /** Called before each request of a connection; returns the request to send. */
      setupRequest?: (request: RawRequest, context: Record<string, unknown>) => RawRequest;
    }

    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      requests?: Request[];
      /** Seconds before a request counts as timed out. */
      timeout?: number;
    }

    /** autocannon's histogram summary: average, percentiles `p50`, `p99`, … */
    interface Histogram {
      readonly average: number;
      readonly mean: number;
      readonly stddev: number;
      readonly min: number;
      readonly max: number;
      readonly total: number;
      readonly p50: number;
      readonly p90: number;
      readonly p99: number;
    }

    interface Result {
      readonly requests: Histogram;
      readonly latency: Histogram;
      readonly throughput: Histogram;
      readonly errors: number;
      readonly timeouts: number;
      readonly non2xx: number;
      readonly duration: number;
      readonly '2xx': number;
      readonly connections: number;
    }
  }

  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export default autocannon;
}
