/**
 * The people's web app on the local stack (DESIGN 3.3, 7): serves the built app (`web/dist/`) at
 * `/` and the local-only sign-in route `/_local/sign-in`, which lists the register's parties (and
 * the DGLZ role of VWS) and signs a local token for the one chosen. The cloud has neither: there
 * CloudFront serves the app and Cognito signs people in.
 *
 * The app's own routes live in the URL's fragment, so the only paths served here are `/`,
 * `/index.html`, `/config.json` and `/assets/…`; every other path stays the API's.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import type { Register } from '#shared/covenant/index.ts';
import { type ProblemSpec, problemBody } from '#shared/http/problems.ts';
import { contentSecurityPolicy } from '../../web/csp.ts';
import { type LocalKey, signLocalToken } from './auth.ts';

/** Where `npm run build:web` writes the app. */
export const WEB_DIST_DIR = resolve(fileURLToPath(new URL('../../web/dist/', import.meta.url)));
export const SIGN_IN_PATH = '/_local/sign-in';

/** Answers a request for the app or its sign-in, or `undefined` when the request is the API's. */
export type WebAppServer = (
  request: IncomingMessage,
  url: URL,
  body: string,
) => Promise<APIGatewayProxyStructuredResultV2 | undefined>;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
};

/** The same policy CloudFront sets in the cloud (web/csp.ts), without Cognito. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

const SignInBody = z
  .object({
    party: z.string().min(1).max(64),
    roles: z
      .array(z.enum(['dglz']))
      .max(1)
      .default([]),
  })
  .strict();

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const problem = (spec: ProblemSpec, path: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode: spec.status,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify(problemBody(spec, path, randomUUID())),
});

const json = (statusCode: number, payload: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify(payload),
});

/** Whether the request names this machine in its Host header (a DNS-rebinding page does not). */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  try {
    return LOOPBACK_HOSTS.has(new URL(`http://${host}`).hostname);
  } catch {
    return false;
  }
}

/** Who one may sign in as: every party of the register, and each DGLZ role holder as DGLZ. */
export function signInChoices(register: Register) {
  return register.parties.flatMap((party) => [
    { party: party.id, name: party.name, roles: [] as string[] },
    ...(party.roles.includes('dglz') ? [{ party: party.id, name: party.name, roles: ['dglz'] }] : []),
  ]);
}

async function signIn(key: LocalKey, register: Register, body: string, path: string) {
  let parsed: z.infer<typeof SignInBody>;
  try {
    parsed = SignInBody.parse(JSON.parse(body || '{}'));
  } catch {
    return problem(
      {
        type: 'invalid-request',
        title: 'The request is not valid',
        status: 400,
        detail: 'send {"party": "<a party of the register>", "roles": [] or ["dglz"]}',
      },
      path,
    );
  }
  const choice = signInChoices(register).find(
    (c) => c.party === parsed.party && c.roles.join(' ') === parsed.roles.join(' '),
  );
  if (!choice) {
    return problem(
      {
        type: 'invalid-request',
        title: 'The request is not valid',
        status: 400,
        detail: `${parsed.party}${parsed.roles.length ? ` with role ${parsed.roles.join(', ')}` : ''} is not a choice of the register`,
      },
      path,
    );
  }
  return json(200, { token: await signLocalToken(key, { party: choice.party, roles: choice.roles }) });
}

async function asset(
  distDir: string,
  pathname: string,
): Promise<APIGatewayProxyStructuredResultV2 | undefined> {
  const file = resolve(distDir, `.${pathname}`);
  if (!file.startsWith(`${resolve(distDir)}${sep}`)) return undefined;
  try {
    const content = await readFile(file);
    return {
      statusCode: 200,
      headers: {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        // Vite names assets by their content hash: they never change.
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
      },
      body: content.toString('base64'),
      isBase64Encoded: true,
    };
  } catch {
    return undefined;
  }
}

async function indexPage(distDir: string, path: string): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    const html = await readFile(join(distDir, 'index.html'), 'utf8');
    return {
      statusCode: 200,
      headers: {
        'content-type': CONTENT_TYPES['.html'] ?? 'text/html',
        'cache-control': 'no-cache',
        ...SECURITY_HEADERS,
      },
      body: html,
    };
  } catch {
    return problem(
      {
        type: 'web-app-not-built',
        title: 'The web app is not built',
        status: 503,
        detail: 'run `npm run build:web` (npm start builds it when it is missing or stale)',
      },
      path,
    );
  }
}

/** The web app's part of the local server; the server asks it first and falls through to the API. */
export function createWebAppServer(options: {
  readonly key: LocalKey;
  readonly register: Register;
  /** @default WEB_DIST_DIR */
  readonly distDir?: string;
}): WebAppServer {
  const distDir = options.distDir ?? WEB_DIST_DIR;
  return async (request, url, body) => {
    const method = request.method ?? 'GET';
    if (url.pathname === SIGN_IN_PATH) {
      if (!isLoopbackHost(request.headers.host)) {
        return problem(
          {
            type: 'forbidden',
            title: 'Forbidden',
            status: 403,
            detail: 'the local sign-in answers only requests addressed to localhost or 127.0.0.1',
          },
          url.pathname,
        );
      }
      if (method === 'GET') return json(200, { choices: signInChoices(options.register) });
      if (method === 'POST') return signIn(options.key, options.register, body, url.pathname);
      return json(405, { title: 'Method not allowed', status: 405 });
    }
    if (method !== 'GET' && method !== 'HEAD') return undefined;
    if (url.pathname === '/' || url.pathname === '/index.html') return indexPage(distDir, url.pathname);
    // The app's runtime settings: no Cognito here, so it signs in through SIGN_IN_PATH.
    if (url.pathname === '/config.json') return json(200, { apiBaseUrl: '' });
    if (url.pathname.startsWith('/assets/')) return asset(distDir, url.pathname);
    return undefined;
  };
}
