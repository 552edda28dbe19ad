/**
 * A route of the API as data: method, path, who may call it and its schemas. The route table
 * (functions/http/routes.ts) lists them; the handlers, the local server, the CDK stack and the
 * OpenAPI document all read it.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { z } from 'zod';
import type { AppDeps } from '#shared/usecases/deps.ts';
import type { Caller } from '#statemachines/proposal-lifecycle/events.ts';
import type { Authority } from './authority.ts';
import { unversionedPath } from './version.ts';

/** The methods the API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One route: where it is, who may call it, what it takes and what it answers. */
export interface RouteDef {
  readonly method: HttpMethod;
  /** The path in API Gateway's form: `/proposals/{id}/vote`. */
  readonly path: string;
  /** The module under functions/http/ whose handler serves the route. */
  readonly handler: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  readonly who: Authority;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  /** The JSON body; `bodyOptional` routes take an empty body as `{}`. */
  readonly body?: z.ZodType;
  readonly bodyOptional?: boolean;
  readonly success: {
    readonly status: 200 | 201 | 204;
    readonly description: string;
    readonly schema: z.ZodType;
    /**
     * The success body's media type when it is not JSON (a document): the route answers only that.
     * @default 'application/json'
     */
    readonly contentType?: string;
  };
  /**
   * A deprecated query parameter that the route answers with a 308 redirect to another route
   * (one media type per operation: `?format=ics` moved to `/deadlines.ics`).
   */
  readonly redirect?: { readonly description: string };
  /**
   * The routeKey of the GET that reads the resource this route changes: `If-Match` is compared with
   * that GET's `ETag` (412 when stale). Absent: the route changes no resource a GET shows.
   */
  readonly resource?: string;
  /**
   * `false` for a route that applies no rule of the covenant (the OpenAPI document): its request
   * reads no covenant version from the store.
   * @default true
   */
  readonly readsCovenant?: false;
  /** The error statuses the route can answer besides 400/401/403 (which every route documents as it applies). */
  readonly problems: readonly (404 | 409 | 412 | 422 | 503)[];
}

/** Where a route is: all that routing a request (and a 405's `Allow`) needs of it. */
export type RoutePlace = Pick<RouteDef, 'method' | 'path'>;

/** `METHOD /path`: API Gateway's routeKey. */
export const routeKeyOf = (route: Pick<RouteDef, 'method' | 'path'>): string =>
  `${route.method} ${route.path}`;

type Parsed<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;

/** What a route's implementation receives: everything parsed, validated and authorized. */
export interface RouteRequest<R extends RouteDef> {
  readonly caller: Caller;
  readonly params: Parsed<R['params']>;
  readonly query: Parsed<R['query']>;
  readonly body: Parsed<R['body']>;
  /** The deps with this request's logger (its correlation id). */
  readonly deps: AppDeps;
  readonly event: APIGatewayProxyEventV2WithJWTAuthorizer;
  /** The implementation's `alongside` read, started with authorization's read (see {@link RouteImpl}). */
  readonly alongside?: Promise<unknown>;
}

/**
 * What an implementation answers. JSON unless `contentType` says otherwise: then `body` is text,
 * or bytes (a `Uint8Array`, e.g. a Word document).
 */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly contentType?: string;
}

/**
 * A route's implementation: one use case or query, its result as a Reply. `alongside` is a read the
 * route needs whatever the proposal holds (another aggregate the request names: the meeting to
 * schedule on): the common path starts it together with authorization's read of the proposal and
 * hands it over as `request.alongside`, so the two reads do not wait on each other (issue 15).
 * Never a write: it runs before the caller is known to be allowed.
 */
export type RouteImpl<R extends RouteDef> = ((request: RouteRequest<R>) => Promise<Reply>) & {
  readonly alongside?: (request: Omit<RouteRequest<R>, 'alongside'>) => Promise<unknown>;
};

/** Identity, for inference: keeps each route's literal schema types in the table. */
export const route = <const R extends RouteDef>(def: R): R => def;

/** A JSON reply. */
export const ok = (body: unknown, status = 200, headers?: Record<string, string>): Reply =>
  headers ? { status, body, headers } : { status, body };

/**
 * The 308 of a deprecated alias (`?format=ics`): to the request's own path plus `suffix`
 * (`/v1/deadlines` → `/v1/deadlines.ics`), so the version prefix the caller chose is kept.
 */
export const movedTo = (rawPath: string, suffix: string): Reply => ({
  status: 308,
  body: null,
  headers: { Location: `${rawPath.replace(/\/+$/, '')}${suffix}` },
});

/** A request's route: its routeKey and its path parameters, as API Gateway would pass them. */
export interface RouteMatch {
  readonly routeKey: string;
  readonly pathParameters: Record<string, string>;
}

const decoded = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed %-escape: pass it on; the parameter's schema refuses it
  }
};

/** A route path's pattern (`{name}` matches one segment) and its parameter names, compiled once. */
const templates = new Map<string, { readonly regex: RegExp; readonly names: readonly string[] }>();

function templateOf(path: string) {
  const cached = templates.get(path);
  if (cached) return cached;
  const names: string[] = [];
  const literal = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  const pattern = literal.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const compiled = { regex: new RegExp(`^${pattern}/?$`), names };
  templates.set(path, compiled);
  return compiled;
}

/**
 * The route of the table that a method and path select, as API Gateway routes them (for the local
 * server, which has no API Gateway in front of it). `{name}` matches one path segment; the path's
 * `/v1` prefix is the version, not part of the route.
 */
export function matchRoute(
  routes: Readonly<Record<string, RoutePlace>>,
  method: string,
  path: string,
): RouteMatch | undefined {
  const unversioned = unversionedPath(path);
  for (const [routeKey, route] of Object.entries(routes)) {
    if (route.method !== method.toUpperCase()) continue;
    const { regex, names } = templateOf(route.path);
    const match = regex.exec(unversioned);
    if (!match) continue;
    const values = match.slice(1).map((v) => decoded(v ?? ''));
    return { routeKey, pathParameters: Object.fromEntries(names.map((name, i) => [name, values[i] ?? ''])) };
  }
  return undefined;
}

/** The methods the route table serves on `path` (for a 405's `Allow`), in a stable order. */
export function allowedMethods(routes: Readonly<Record<string, RoutePlace>>, path: string): HttpMethod[] {
  const methods = new Set<HttpMethod>();
  for (const route of Object.values(routes)) {
    if (matchRoute({ route }, route.method, path)) methods.add(route.method);
  }
  return (['GET', 'POST', 'PUT'] as const).filter((m) => methods.has(m));
}
