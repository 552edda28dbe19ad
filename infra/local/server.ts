/**
 * The local HTTP server: API Gateway's part on one machine. It verifies the bearer token (as the
 * JWT authorizer does in the cloud), builds the same payload-format-2.0 event and calls the same
 * handlers; plus the local-only routes under `/_local/` (outbox, clock).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpHandler } from '#shared/http/handler.ts';
import { type ProblemSpec, problemBody } from '#shared/http/problems.ts';
import type { RouteDef } from '#shared/http/route.ts';
import { LocalAuthError, type LocalKey, verifyLocalToken } from './auth.ts';
import { gatewayEvent, matchRoute } from './gateway-event.ts';
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
  /** `/_local/<name>` routes. */
  readonly localRoutes: Readonly<Record<string, LocalRoute>>;
  readonly now: () => Date;
  /** The web app and its local sign-in (web-app.ts); asked first, the API answers the rest. */
  readonly webApp?: WebAppServer;
}

const problem = (spec: ProblemSpec, path: string) => ({
  statusCode: spec.status,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify(problemBody(spec, path, randomUUID())),
});

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

async function claimsFor(options: LocalServerOptions, route: RouteDef, authorization: string | undefined) {
  if (route.who.kind === 'public' && !authorization) return { claims: undefined };
  if (!authorization) return { claims: undefined }; // the handler answers 401, naming what is missing
  try {
    return { claims: await verifyLocalToken(options.key, authorization) };
  } catch (error) {
    if (error instanceof LocalAuthError) return { refused: error.message };
    throw error;
  }
}

async function serveApi(options: LocalServerOptions, request: IncomingMessage, url: URL, body: string) {
  const matched = matchRoute(options.routes, request.method ?? 'GET', url.pathname);
  if (!matched) {
    return problem(
      {
        type: 'not-found',
        title: 'No such route',
        status: 404,
        detail: `${request.method} ${url.pathname} is not a route of this API; see GET /openapi.json`,
      },
      url.pathname,
    );
  }
  const auth = await claimsFor(options, matched.route, request.headers.authorization);
  if ('refused' in auth) {
    return problem(
      {
        type: 'unauthenticated',
        title: 'Not authenticated',
        status: 401,
        detail: auth.refused ?? 'invalid token',
      },
      url.pathname,
    );
  }
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

async function serveLocal(options: LocalServerOptions, request: IncomingMessage, url: URL, body: string) {
  const local = options.localRoutes[url.pathname.slice('/_local/'.length)];
  if (!local)
    return problem(
      {
        type: 'not-found',
        title: 'No such route',
        status: 404,
        detail: `${url.pathname} is not a local route`,
      },
      url.pathname,
    );
  const { status, body: payload } = await local({ method: request.method ?? 'GET', body });
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  };
}

function send(response: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const body =
    result.isBase64Encoded && result.body ? Buffer.from(result.body, 'base64') : (result.body ?? '');
  response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
  response.end(body);
}

/** The request listener of the local server. Every request ends with an answer: unexpected errors are a 500. */
export function createRequestListener(options: LocalServerOptions): RequestListener {
  return (request, response) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
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
          ),
        );
      });
  };
}
