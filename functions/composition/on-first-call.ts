/**
 * A Lambda entry point that builds its handler on the first invocation: importing the module (a
 * test, a bundle check) wires nothing, and a container wires once. Every invocation is traced
 * (./tracing.ts), so each entry point that uses this is traced without saying so.
 */
import { withTracing } from './tracing.ts';

export function onFirstCall<E, R>(build: () => (event: E) => Promise<R>): (event: E) => Promise<R> {
  let built: ((event: E) => Promise<R>) | undefined;
  return withTracing((event) => {
    built ??= build();
    return built(event);
  });
}
