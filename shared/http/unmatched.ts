/**
 * The answer to a request no route serves, the same locally and in the cloud (API Gateway's
 * `$default` route): 405 with `Allow` when the path is a route for other methods, else 404
 * (NL API Design Rules; RFC 9110 15.5.6).
 */
import { type Language, problemMessagesFor } from '#shared/messages/index.ts';
import type { ProblemSpec } from './problems.ts';
import { allowedMethods, type RoutePlace } from './route.ts';

/** The problem for `method path`, which no route of `routes` serves, in `language` (Dutch by default). */
export function unmatchedProblem(
  routes: Readonly<Record<string, RoutePlace>>,
  method: string,
  path: string,
  language: Language = 'nl',
): ProblemSpec {
  const m = problemMessagesFor(language);
  const allowed = allowedMethods(routes, path);
  if (allowed.length > 0) {
    return {
      type: 'method-not-allowed',
      title: m.problems['method-not-allowed'].title,
      status: 405,
      detail: m.problemDetails.methodNotAllowed(path, allowed, method),
      headers: { Allow: allowed.join(', ') },
      language,
    };
  }
  return {
    type: 'not-found',
    title: m.problems['route-not-found'].title,
    status: 404,
    detail: m.problemDetails.noSuchRoute(method, path),
    language,
  };
}
