/**
 * API Gateway's `$default` route: a request no route of the table serves gets the same problem
 * as on the local server — 405 with `Allow` when the path is a route for other methods, else 404 —
 * instead of API Gateway's own `{"message":"Not Found"}`. Reads nothing, needs no token.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { languageOf } from '#shared/http/language.ts';
import { problemReply, toResult } from '#shared/http/response.ts';
import type { RouteDef } from '#shared/http/route.ts';
import { unmatchedProblem } from '#shared/http/unmatched.ts';
import { routes } from './routes.ts';

/** The fallback over a route table. */
export const createFallbackHandler =
  (table: Readonly<Record<string, RouteDef>>) =>
  async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const correlationId = event.requestContext?.requestId || randomUUID();
    const path = event.rawPath || '/';
    const language = languageOf(event.headers ?? {});
    const spec = unmatchedProblem(table, event.requestContext.http.method, path, language);
    return toResult(problemReply(spec, path, correlationId), correlationId);
  };

/** The Lambda entry point. */
export const handler = createFallbackHandler(routes);
