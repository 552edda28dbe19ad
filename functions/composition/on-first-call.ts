/**
 * A Lambda entry point that builds its handler on the first invocation: importing the module (a
 * test, a bundle check) wires nothing, and a container wires once. Every invocation is traced
 * (./tracing.ts), so each entry point that uses this is traced without saying so.
 */
import { withTracing } from './tracing.ts';

type Handler<E, R> = (event: E) => Promise<R>;

/**
 * `build` may be async (the cloud's AppDeps read the covenant version in force first); a build that
 * fails is not kept, so the next invocation tries again instead of failing for the container's life.
 */
export function onFirstCall<E, R>(build: () => Handler<E, R> | Promise<Handler<E, R>>): Handler<E, R> {
  let built: Promise<Handler<E, R>> | undefined;
  return withTracing(async (event) => {
    built ??= Promise.resolve()
      .then(build)
      .catch((error: unknown) => {
        built = undefined;
        throw error;
      });
    return (await built)(event);
  });
}
