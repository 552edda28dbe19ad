/**
 * The answer to a request no route serves, the same locally and in the cloud (API Gateway's
 * `$default` route): 405 with `Allow` when the path is a route for other methods, else 404
 * (NL API Design Rules; RFC 9110 15.5.6).
 */
import type { ProblemSpec } from './problems.ts';
import { allowedMethods, type RouteDef } from './route.ts';

/** The problem for `method path`, which no route of `routes` serves. */
export function unmatchedProblem(
  routes: Readonly<Record<string, RouteDef>>,
  method: string,
  path: string,
): ProblemSpec {
  const allowed = allowedMethods(routes, path);
  if (allowed.length > 0) {
    return {
      type: 'method-not-allowed',
      title: 'Method not allowed',
      status: 405,
      detail: `${path} answers ${allowed.join(', ')}, not ${method}`,
      headers: { Allow: allowed.join(', ') },
    };
  }
  return {
    type: 'not-found',
    title: 'No such route',
    status: 404,
    detail: `${method} ${path} is not a route of this API; see GET /openapi.json`,
  };
}
