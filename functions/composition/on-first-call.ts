/**
 * A Lambda entry point that builds its handler on the first invocation: importing the module (a
 * test, a bundle check) wires nothing, and a container wires once.
 */
export function onFirstCall<E, R>(build: () => (event: E) => Promise<R>): (event: E) => Promise<R> {
  let built: ((event: E) => Promise<R>) | undefined;
  return (event) => {
    built ??= build();
    return built(event);
  };
}
