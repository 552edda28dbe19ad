/**
 * The local stand-in for API Gateway's HTTP API: matches a request to a route of the route table
 * and builds the payload-format-2.0 event the handlers receive in the cloud. Pure.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { matchRoute as matchRouteOf, type RouteDef } from '#shared/http/route.ts';

export interface MatchedRoute {
  readonly routeKey: string;
  readonly route: RouteDef;
  readonly pathParameters: Record<string, string>;
}

/** The route serving `method` and `path` (with or without `/v1`), with its path parameters (decoded), if any. */
export function matchRoute(
  routes: Readonly<Record<string, RouteDef>>,
  method: string,
  path: string,
): MatchedRoute | undefined {
  const matched = matchRouteOf(routes, method, path);
  const route = matched ? routes[matched.routeKey] : undefined;
  return matched && route ? { ...matched, route } : undefined;
}

export interface LocalRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly sourceIp: string;
  readonly now: Date;
}

/** Headers as API Gateway passes them: lower-case names, repeated values joined with commas. */
function headersOf(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

function queryOf(url: URL): Record<string, string> | undefined {
  // Most requests have none: then no URLSearchParams is made.
  if (url.search === '') return undefined;
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  return Object.keys(query).length ? query : undefined;
}

/** The API Gateway v2 event for a matched request; `claims` as the JWT authorizer would pass them. */
export function gatewayEvent(
  request: LocalRequest,
  matched: MatchedRoute,
  claims: Record<string, string | number | boolean | string[]> | undefined,
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const headers = headersOf(request.headers);
  const queryStringParameters = queryOf(request.url);
  const requestContext = {
    accountId: 'local',
    apiId: 'local',
    domainName: request.url.host,
    domainPrefix: 'local',
    http: {
      method: request.method,
      path: request.url.pathname,
      protocol: 'HTTP/1.1',
      sourceIp: request.sourceIp,
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: randomUUID(),
    routeKey: matched.routeKey,
    stage: '$default',
    time: request.now.toUTCString(),
    timeEpoch: request.now.getTime(),
    ...(claims
      ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } } }
      : {}),
  };
  return {
    version: '2.0',
    routeKey: matched.routeKey,
    rawPath: request.url.pathname,
    rawQueryString: request.url.search.replace(/^\?/, ''),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    ...(Object.keys(matched.pathParameters).length ? { pathParameters: matched.pathParameters } : {}),
    ...(request.body ? { body: request.body } : {}),
    isBase64Encoded: false,
    requestContext: requestContext as APIGatewayProxyEventV2WithJWTAuthorizer['requestContext'],
  };
}
