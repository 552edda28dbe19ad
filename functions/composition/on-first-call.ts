/**
 * A Lambda entry point that builds its handler on the first invocation: importing the module (a
 * test, a bundle check) wires nothing, and a container wires once. The Tracer is loaded first
 * (where it traces: ./tracing.ts), so the clients the build creates are captured and every
 * invocation is traced, without the entry point saying so.
 */
import { loadTracer, withTracing } from './tracing.ts';

type Handler<E, R> = (event: E) => Promise<R>;

/**
 * `build` may be async (the cloud's AppDeps read the covenant version in force first); a build that
 * fails is not kept, so the next invocation tries again instead of failing for the container's life.
 */
export function onFirstCall<E, R>(build: () => Handler<E, R> | Promise<Handler<E, R>>): Handler<E, R> {
  let built: Promise<Handler<E, R>> | undefined;
  return async (event) => {
    built ??= loadTracer()
      .then(() => build())
      .then((handler) => withTracing(handler))
      .catch((error: unknown) => {
        built = undefined;
        throw error;
      });
    return (await built)(event);
  };
}
