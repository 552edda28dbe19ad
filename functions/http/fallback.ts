/**
 * API Gateway's `$default` route: a request no route of the table serves gets the same problem
 * as on the local server — 405 with `Allow` when the path is a route for other methods, else 404 —
 * instead of API Gateway's own `{"message":"Not Found"}`. Reads nothing, needs no token.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { languageOf } from '#shared/http/language.ts';
import { problemReply, toResult } from '#shared/http/response.ts';
import type { HttpMethod, RoutePlace } from '#shared/http/route.ts';
import { unmatchedProblem } from '#shared/http/unmatched.ts';
import { ROUTE_KEYS } from './route-keys.ts';

/** The fallback over a route table (only where each route is: its method and path). */
export const createFallbackHandler =
  (table: Readonly<Record<string, RoutePlace>>) =>
  async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const correlationId = event.requestContext?.requestId || randomUUID();
    const path = event.rawPath || '/';
    const language = languageOf(event.headers ?? {});
    const spec = unmatchedProblem(table, event.requestContext.http.method, path, language);
    return toResult(problemReply(spec, path, correlationId), correlationId);
  };

/**
 * Every route's place, from its routeKey (`route-keys.ts`, written by `npm run openapi` from the
 * route table): the fallback needs no schema, so it carries neither zod nor the route table (issue 16).
 */
export const routePlaces = (keys: readonly string[]): Record<string, RoutePlace> =>
  Object.fromEntries(
    keys.map((key) => {
      const [method, path] = key.split(' ') as [HttpMethod, string];
      return [key, { method, path }];
    }),
  );

/** The Lambda entry point. */
export const handler = createFallbackHandler(routePlaces(ROUTE_KEYS));
