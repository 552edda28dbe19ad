/**
 * The local HTTP server: API Gateway's part on one machine. It verifies the bearer token (as the
 * JWT authorizer does in the cloud), builds the same payload-format-2.0 event and calls the same
 * handlers; plus the local-only routes under `/_local/` (outbox, clock), for ZIN only.
 *
 * It answers only requests addressed to `localhost` or `127.0.0.1` (a page whose DNS name was
 * rebound to this machine reads nothing) and never lets a malformed request stop it.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpHandler } from '#shared/http/handler.ts';
import { languageOf } from '#shared/http/language.ts';
import { type ProblemSpec, problemBody } from '#shared/http/problems.ts';
import type { RouteDef } from '#shared/http/route.ts';
import { unmatchedProblem } from '#shared/http/unmatched.ts';
import { API_VERSION } from '#shared/http/version.ts';
import { isProblemSlug, messagesFor } from '#shared/messages/index.ts';
import { createTokenVerifier, LocalAuthError, type LocalKey, type LocalTokenVerifier } from './auth.ts';
import { gatewayEvent, matchRoute } from './gateway-event.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { WebAppServer } from './web-app.ts';

const MAX_BODY_BYTES = 1_000_000;

/** A local-only route: answers JSON. */
export type LocalRoute = (request: {
  method: string;
  body: string;
}) => Promise<{ status: number; body: unknown }>;

export interface LocalServerOptions {
  readonly routes: Readonly<Record<string, RouteDef>>;
  /** The handler of each handler module, as `functions/http/<module>.ts` builds it. */
  readonly handlers: Readonly<Record<string, HttpHandler>>;
  readonly key: LocalKey;
  /** `/_local/<name>` routes, by name (a Map: no inherited member of an object is a route). */
  readonly localRoutes: ReadonlyMap<string, LocalRoute>;
  readonly now: () => Date;
  /** A token bucket per party for the API's routes. @default none: no limit */
  readonly rateLimiter?: RateLimiter;
  /** The web app and its local sign-in (web-app.ts); asked first, the API answers the rest. */
  readonly webApp?: WebAppServer;
}

/**
 * A refusal of the server itself, in the request's language (DESIGN 5): the catalogue's title and,
 * in Dutch, the problem type's own text for the server's English detail. A problem already written
 * in a language (the API's unmatched routes) is kept as it is.
 */
function problem(spec: ProblemSpec, path: string, request: IncomingMessage) {
  const language = spec.language ?? languageOf(request.headers as Record<string, string | undefined>);
  const m = messagesFor(language);
  const written =
    spec.language !== undefined || !isProblemSlug(spec.type)
      ? spec
      : {
          ...spec,
          title: m.problems[spec.type].title,
          detail: m.problemDetails.fromCore(spec.type, spec.detail),
          language,
        };
  return {
    statusCode: spec.status,
    headers: { 'content-type': 'application/problem+json', 'content-language': language, ...spec.headers },
    body: JSON.stringify(problemBody(written, path, randomUUID())),
  };
}

/** The party that administers the system (DESIGN 5): the only one that may use the local routes. */
const LOCAL_ROUTES_PARTY = 'ZIN';

/** The only names this server answers to: it listens on 127.0.0.1 (DNS rebinding defence). */
const LOOPBACK_HOST = /^(?:localhost|127\.0\.0\.1)(?::\d{1,5})?$/i;
/** A syntactically valid Host: a DNS name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
const VALID_HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

const invalidHost = (detail: string): ProblemSpec => ({
  type: 'invalid-host',
  title: 'The request target is not valid',
  status: 400,
  detail,
});

/**
 * The request's URL, from a Host this server answers to and a path in origin form; or the problem
 * that refuses it. Never throws: a request must not be able to stop the server.
 */
function requestUrl(request: IncomingMessage): { url: URL } | { refusal: ProblemSpec } {
  const host = request.headers.host ?? '';
  const target = request.url ?? '/';
  if (!VALID_HOST.test(host)) {
    return { refusal: invalidHost('send a Host header naming this server, e.g. Host: localhost:3000') };
  }
  if (!LOOPBACK_HOST.test(host)) {
    return {
      refusal: {
        type: 'forbidden-host',
        title: 'This server answers only to localhost',
        status: 403,
        detail: `the local stack answers requests for localhost or 127.0.0.1, not for ${host}`,
      },
    };
  }
  if (!target.startsWith('/')) return { refusal: invalidHost('the request target must be a path (/…)') };
  try {
    return { url: new URL(`http://${host}${target}`) };
  } catch {
    return { refusal: invalidHost('the request target is not a valid URL') };
  }
}

const isJson = (contentType: string | undefined) => /^application\/json\s*(?:;|$)/i.test(contentType ?? '');

/** Who calls a local route: ZIN with a valid token, or the problem that refuses the caller. */
async function localCaller(
  verify: LocalTokenVerifier,
  request: IncomingMessage,
): Promise<ProblemSpec | undefined> {
  let party: unknown;
  try {
    party = (await verify(request.headers.authorization)).party;
  } catch (error) {
    if (!(error instanceof LocalAuthError)) throw error;
    return {
      type: 'unauthenticated',
      title: 'Not authenticated',
      status: 401,
      detail: error.message,
      headers: { 'WWW-Authenticate': 'Bearer' },
    };
  }
  if (party === LOCAL_ROUTES_PARTY) return undefined;
  return {
    type: 'forbidden',
    title: 'Your party may not do this',
    status: 403,
    detail: 'the local routes are for ZIN, which administers the system (npm run token -- ZIN)',
  };
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')),
    );
    request.on('error', reject);
  });
}

async function claimsFor(verify: LocalTokenVerifier, route: RouteDef, authorization: string | undefined) {
  if (route.who.kind === 'public' && !authorization) return { claims: undefined };
  if (!authorization) return { claims: undefined }; // the handler answers 401, naming what is missing
  try {
    return { claims: await verify(authorization) };
  } catch (error) {
    if (error instanceof LocalAuthError) return { refused: error.message };
    throw error;
  }
}

/** The 429 of a party whose bucket is empty; requests without a valid token share one bucket. */
function rateLimited(options: LocalServerOptions, party: unknown, path: string, request: IncomingMessage) {
  if (!options.rateLimiter) return undefined;
  const key = typeof party === 'string' ? `party:${party}` : 'anonymous';
  const decision = options.rateLimiter.take(key);
  if (decision.allowed) return undefined;
  const seconds = decision.retryAfterSeconds;
  return problem(
    {
      type: 'too-many-requests',
      title: 'Too many requests',
      status: 429,
      detail: `${typeof party === 'string' ? party : 'this caller'} sent more requests than the limit allows; retry after ${seconds} s`,
      headers: { 'Retry-After': String(seconds) },
    },
    path,
    request,
  );
}

/** The server's options with the token verifier it made from `key` (one for its lifetime). */
type Serving = LocalServerOptions & { readonly verify: LocalTokenVerifier };

async function serveApi(options: Serving, request: IncomingMessage, url: URL, body: string) {
  const matched = matchRoute(options.routes, request.method ?? 'GET', url.pathname);
  if (!matched)
    return problem(
      unmatchedProblem(
        options.routes,
        request.method ?? 'GET',
        url.pathname,
        languageOf(request.headers as Record<string, string | undefined>),
      ),
      url.pathname,
      request,
    );
  const auth = await claimsFor(options.verify, matched.route, request.headers.authorization);
  if ('refused' in auth) {
    return problem(
      {
        type: 'unauthenticated',
        title: 'Not authenticated',
        status: 401,
        detail: auth.refused ?? 'invalid token',
      },
      url.pathname,
      request,
    );
  }
  const limited = rateLimited(options, auth.claims?.party, url.pathname, request);
  if (limited) return limited;
  const handler = options.handlers[matched.route.handler];
  if (!handler) throw new Error(`no handler module '${matched.route.handler}' wired for ${matched.routeKey}`);
  const event = gatewayEvent(
    {
      method: request.method ?? 'GET',
      url,
      headers: request.headers,
      body,
      sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
      now: options.now(),
    },
    matched,
    auth.claims,
  );
  return handler(event);
}

async function serveLocal(options: Serving, request: IncomingMessage, url: URL, body: string) {
  const local = options.localRoutes.get(url.pathname.slice('/_local/'.length));
  if (!local)
    return problem(
      {
        type: 'not-found',
        title: 'No such route',
        status: 404,
        detail: `${url.pathname} is not a local route`,
      },
      url.pathname,
      request,
    );
  const refusal = await localCaller(options.verify, request);
  if (refusal) return problem(refusal, url.pathname, request);
  // JSON only: a cross-site form can send text/plain without a preflight, never application/json.
  if (request.method !== 'GET' && !isJson(request.headers['content-type'])) {
    return problem(
      {
        type: 'unsupported-media-type',
        title: 'Send JSON',
        status: 415,
        detail: 'the local routes take Content-Type: application/json (an empty body may be {})',
      },
      url.pathname,
      request,
    );
  }
  const { status, body: payload } = await local({ method: request.method ?? 'GET', body });
  return {
    statusCode: status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
    body: JSON.stringify(payload),
  };
}

/** Headers on every answer of the local server, whatever produced it (an answer may set its own cache policy). */
const ALWAYS = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'api-version': API_VERSION,
};

/** Header names in lower case, so that an answer's own header replaces the default, never doubles it. */
const lowerCased = (headers: APIGatewayProxyStructuredResultV2['headers']) =>
  Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]),
  );

function send(response: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const body =
    result.isBase64Encoded && result.body ? Buffer.from(result.body, 'base64') : (result.body ?? '');
  response.writeHead(result.statusCode ?? 200, { ...ALWAYS, ...lowerCased(result.headers) });
  response.end(body);
}

/** The request listener of the local server. Every request ends with an answer: unexpected errors are a 500. */
export function createRequestListener(given: LocalServerOptions): RequestListener {
  // Each request's token is verified; a token verified before is checked only for its times (auth.ts).
  const options: Serving = { ...given, verify: createTokenVerifier(given.key) };
  return (request, response) => {
    const target = requestUrl(request);
    if ('refusal' in target) {
      // The body is not read: drain it so the connection ends cleanly.
      request.resume();
      send(response, problem(target.refusal, '/', request));
      return;
    }
    const { url } = target;
    const answer = async () => {
      const body = await readBody(request);
      if (body === undefined) {
        return problem(
          {
            type: 'payload-too-large',
            title: 'Request body too large',
            status: 413,
            detail: `at most ${MAX_BODY_BYTES} bytes`,
          },
          url.pathname,
          request,
        );
      }
      const page = await options.webApp?.(request, url, body);
      if (page) return page;
      return url.pathname.startsWith('/_local/')
        ? serveLocal(options, request, url, body)
        : serveApi(options, request, url, body);
    };
    answer()
      .then((result) => send(response, result))
      .catch((error: unknown) => {
        console.error('local server: unexpected error', error);
        // The answer may have been half sent (e.g. a header it could not write): then end the
        // connection instead; nothing here may throw, or one request would stop the server.
        if (response.headersSent) {
          response.destroy();
          return;
        }
        try {
          send(
            response,
            problem(
              {
                type: 'internal-error',
                title: 'Internal error',
                status: 500,
                detail: 'the request failed unexpectedly',
              },
              url.pathname,
              request,
            ),
          );
        } catch {
          response.destroy();
        }
      });
  };
}
