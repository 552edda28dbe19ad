/**
 * A Lambda entry point that builds its handler on the first invocation: importing the module (a
 * test, a bundle check) wires nothing, and a container wires once. The Tracer is loaded first
 * (where it traces: ./tracing.ts), so the clients the build creates are captured and every
 * invocation is traced, without the entry point saying so.
 */
import { loadTracer, withTracing } from './tracing.ts';

export function onFirstCall<E, R>(build: () => (event: E) => Promise<R>): (event: E) => Promise<R> {
  let built: ((event: E) => Promise<R>) | undefined;
  return async (event) => {
    if (!built) {
      await loadTracer();
      // A build that throws is tried again on the next invocation.
      built ??= withTracing(build());
    }
    return built(event);
  };
}
