// Shared test setup: runs before every test file.
// aws-local-stepfunctions 3 calls Promise.withResolvers, which Node 22 has and Node 20 lacks: on
// Node 22 (the project's engines, .ci/run) this does nothing; it keeps an older Node usable.
const promiseConstructor = Promise as unknown as { withResolvers?: unknown };
if (typeof promiseConstructor.withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: <T>() => {
      let resolve: (value: T | PromiseLike<T>) => void = () => undefined;
      let reject: (reason?: unknown) => void = () => undefined;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
