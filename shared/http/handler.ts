/**
 * The primary adapter's common path, for every route: correlation id → route → caller (401) →
 * path and query (400) → authorization (403, before any write) → body (400) → Idempotency-Key →
 * the route's implementation → problem+json for every refusal. One log line per request.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { withCovenantToday } from '#shared/usecases/covenant-source.ts';
import type { AppDeps, Resumed } from '#shared/usecases/deps.ts';
import type { Caller } from '#statemachines/proposal-lifecycle/events.ts';
import { authorize } from './authority.ts';
import { callerOf } from './claims.ts';
import { checkIfMatch, withEntityTag, withIfMatch } from './conditional.ts';
import { RouteNotFoundError } from './errors.ts';
import { withFirstRead } from './first-read.ts';
import { claimOf, idempotent, requestHash } from './idempotency.ts';
import { languageOf } from './language.ts';
import { internalError, problemFor } from './problems.ts';
import {
  idempotencyKeyOf,
  NO_QUERY,
  parseBody,
  parsePart,
  readJsonBody,
  requireJsonContentType,
} from './request.ts';
import { requestLogger } from './request-logger.ts';
import { problemReply, toResult } from './response.ts';
import type { Reply, RouteDef, RouteImpl, RouteRequest } from './route.ts';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
/** A Lambda handler for API Gateway HTTP API events (payload format 2.0) with the JWT authorizer. */
export type HttpHandler = (event: Event) => Promise<APIGatewayProxyStructuredResultV2>;

/** Route implementations by routeKey. */
// biome-ignore lint/suspicious/noExplicitAny: implementations of routes with different schemas.
export type RouteImpls = Readonly<Record<string, RouteImpl<any>>>;

/** The caller of a public route: in no register, so no authority ever admits it. */
const ANONYMOUS: Caller = Object.freeze({ party: '', roles: [] });

interface RequestScope {
  readonly deps: AppDeps;
  readonly event: Event;
  readonly instance: string;
  readonly correlationId: string;
}

/** Answers a refusal as problem+json; rethrows what is unexpected (or worth a retry: 5xx). */
async function answerRefusals(scope: RequestScope, run: () => Promise<Reply>): Promise<Reply> {
  try {
    return await run();
  } catch (error) {
    const spec = problemFor(error, scope.deps.language);
    if (!spec || spec.status >= 500) throw error;
    return problemReply(spec, scope.instance, scope.correlationId);
  }
}

async function handle(
  given: RequestScope,
  routes: Readonly<Record<string, RouteDef>>,
  impls: RouteImpls,
): Promise<Reply> {
  const { event } = given;
  // Own properties only: a routeKey such as `toString` must not find Object.prototype's.
  const key = String(event.routeKey);
  const route = Object.hasOwn(routes, key) ? routes[key] : undefined;
  const impl = Object.hasOwn(impls, key) ? impls[key] : undefined;
  if (!route || !impl) throw new RouteNotFoundError(key);
  // Every request runs under the covenant version in force today, read from the store (DESIGN 2.5),
  // except a route that applies no rule of it (the OpenAPI document reads no table).
  const scope =
    route.readsCovenant === false ? given : { ...given, deps: await withCovenantToday(given.deps) };
  const caller = route.who.kind === 'public' ? ANONYMOUS : callerOf(event);
  const language = given.deps.language ?? 'nl';
  const params = route.params ? parsePart(route.params, event.pathParameters ?? {}, 'path', language) : {};
  // One policy for every route: a query parameter the route does not know is refused (400).
  const query = parsePart(route.query ?? NO_QUERY, event.queryStringParameters ?? {}, 'query', language);
  const authorized = authorize(scope.deps, route.who, caller, params, scope.deps.clock.now().toISOString());
  const alongside = startAlongside(impl, { caller, params, query, deps: scope.deps, event }, () =>
    parseBody(route, route.body ? readJsonBody(event) : undefined, language),
  );
  const read = await authorized;
  const raw = route.body ? readJsonBody(event) : undefined;
  if (raw !== undefined) requireJsonContentType(event);
  const body = parseBody(route, raw, language);
  const idempotencyKey = idempotencyKeyOf(event, route.method);
  const claim =
    idempotencyKey === undefined
      ? undefined
      : claimOf(
          caller.party,
          idempotencyKey,
          requestHash(event.routeKey, params, raw),
          scope.deps.clock.now(),
        );
  const current = resourceReader(scope, routes, impls, route, caller);
  const run = (resumed?: Resumed) =>
    answerRefusals(scope, async () => {
      // A route that answers with its resource resumes by reading it: its change is in.
      if (resumed && current && answersWithResource(routes, route)) return current();
      // Inside the run: a retried request (same Idempotency-Key) gets its first answer, not a 412.
      const ifMatch = current && !resumed ? await checkIfMatch(event, current) : {};
      // Every write of the request carries its idempotency mark and If-Match's version (DESIGN 5).
      const conditions = { ...(claim ? { idempotency: claim } : {}), ...ifMatch };
      const own =
        Object.keys(conditions).length > 0 ? scope.deps.store.forRequest(conditions) : scope.deps.store;
      // The decision is taken on the read authorization made: one read of the proposal per request.
      const store = read ? withFirstRead(own, read) : own;
      const deps: AppDeps = { ...scope.deps, store, ...(resumed ? { resumed } : {}) };
      const answer = () =>
        impl({ caller, params, query, body, deps, event, ...(alongside ? { alongside } : {}) });
      const reply =
        current && ifMatch.proposalAt ? await withIfMatch(event, current, answer) : await answer();
      return route.method === 'GET' ? withEntityTag(event, reply) : reply;
    });
  if (!claim) return run();
  // The claim's own bookkeeping goes to the store directly: it is not the request's write.
  return idempotent(scope.deps, claim, run);
}

/**
 * Starts the implementation's `alongside` read (RouteImpl) beside authorization's read. None when the
 * route has none or its body does not parse: the body's 400 still comes after authorization's 403.
 */
function startAlongside(
  impl: RouteImpls[string],
  request: Omit<RouteRequest<RouteDef>, 'body' | 'alongside'>,
  body: () => unknown,
): Promise<unknown> | undefined {
  if (!impl.alongside) return undefined;
  let parsed: unknown;
  try {
    parsed = body();
  } catch {
    return undefined;
  }
  const started = impl.alongside({ ...request, body: parsed });
  // Awaited by the implementation; a refusal before it runs must not leave a rejection unhandled.
  started.catch(() => undefined);
  return started;
}

/** Whether the route answers with the representation of the resource it changes (a proposal's routes). */
function answersWithResource(routes: Readonly<Record<string, RouteDef>>, route: RouteDef): boolean {
  const get = route.resource === undefined ? undefined : routes[route.resource];
  return get !== undefined && get.success.schema === route.success.schema && route.success.status === 200;
}

/** Reads the resource a changing route names (`resource`), as its GET would answer this caller now. */
function resourceReader(
  scope: RequestScope,
  routes: Readonly<Record<string, RouteDef>>,
  impls: RouteImpls,
  route: RouteDef,
  caller: Caller,
): (() => Promise<Reply>) | undefined {
  const key = route.resource;
  if (key === undefined || !Object.hasOwn(routes, key) || !Object.hasOwn(impls, key)) return undefined;
  const get = routes[key] as RouteDef;
  const read = impls[key] as RouteImpls[string];
  const { deps, event } = scope;
  return async () => {
    const params = get.params ? parsePart(get.params, event.pathParameters ?? {}, 'path') : {};
    return read({ caller, params, query: {}, body: {}, deps, event });
  };
}

/** The answer to a failed request: its problem, or 500 for the unexpected (logged, never shown). */
function failure(scope: RequestScope, error: unknown): Reply {
  const spec = problemFor(error, scope.deps.language);
  if (!spec || spec.status >= 500) scope.deps.logger.error('request failed', { error });
  return problemReply(spec ?? internalError(scope.deps.language), scope.instance, scope.correlationId);
}

/** Every answer with a body says the language of its human texts, unless the route said it already. */
function withContentLanguage(reply: Reply, language: string): Reply {
  if (reply.status === 204 || reply.status === 304 || reply.headers?.['Content-Language']) return reply;
  return { ...reply, headers: { ...reply.headers, 'Content-Language': language } };
}

/**
 * A Lambda handler for API Gateway HTTP API (payload format 2.0) serving `impls`, which must be
 * routes of `routes` (dispatched on `event.routeKey`).
 */
export function createRouteHandler(
  deps: AppDeps,
  routes: Readonly<Record<string, RouteDef>>,
  impls: RouteImpls,
): HttpHandler {
  return async (event) => {
    const started = Date.now();
    const correlationId = event.requestContext?.requestId || randomUUID();
    // The use cases' logger: a child with the correlation id, made only if one of them writes.
    const logger = requestLogger(deps.logger, correlationId);
    // Human texts (problems, `next`, explanations) in the request's language (DESIGN 5).
    const language = languageOf(event.headers ?? {});
    const scope: RequestScope = {
      deps: { ...deps, logger, language },
      event,
      instance: event.rawPath || '/',
      correlationId,
    };
    let reply: Reply;
    try {
      reply = await handle(scope, routes, impls);
    } catch (error) {
      reply = failure(scope, error);
    }
    // Route, status and timing only: no bodies, no names, no e-mail addresses (DESIGN 6).
    const problem = (reply.body as { type?: unknown } | null)?.type;
    // Through the parent, with the id as a key of the line: no child is made for this line alone.
    deps.logger.info('request', {
      correlationId,
      routeKey: event.routeKey,
      status: reply.status,
      durationMs: Date.now() - started,
      ...(reply.status >= 400 ? { problem } : {}),
    });
    return toResult(withContentLanguage(reply, language), correlationId);
  };
}
