/**
 * The route table (functions/http/routes.ts) as the API construct needs it: a route needs a token
 * unless its authority is `anyone` (only `GET /openapi.json`).
 */
import { routes } from '#functions/http/routes.ts';
import type { ApiRoute } from '#infra/constructs/party-api.ts';

/** Every route of the table, in its order. */
export function apiRoutes(): ApiRoute[] {
  return Object.values(routes).map((route) => ({
    method: route.method,
    path: route.path,
    module: route.handler,
    authenticated: route.who.kind !== 'public',
  }));
}
