/**
 * The logger of one request: every line it writes carries the request's correlation id.
 *
 * Powertools' `createChild` builds a whole Logger (its options, the environment read again, a
 * Console of its own): a tenth of a warm `GET /proposals/{id}`'s CPU on the local stack, for a
 * logger that the use cases write to only now and then. So the child is made when a use case first
 * uses the logger; until then nothing is built. The request's own line goes through the parent with
 * the id as a key of that line (`requestLine`): the same JSON as a child's line.
 */
import type { Logger } from '@aws-lambda-powertools/logger';

export function requestLogger(parent: Logger, correlationId: string): Logger {
  let child: Logger | undefined;
  const real = () => {
    child ??= parent.createChild({ persistentKeys: { correlationId } });
    return child;
  };
  // The parent is only the proxy's shape (`instanceof Logger` holds); every use reaches the child.
  return new Proxy(parent, {
    get: (_, name) => {
      const target = real();
      const value = Reflect.get(target, name, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set: (_, name, value) => Reflect.set(real(), name, value),
    has: (_, name) => Reflect.has(real(), name),
  });
}
