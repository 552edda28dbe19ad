/**
 * A small HTTP client for the API as one party calls it: a bearer token per party (and roles),
 * JSON in, JSON or problem+json (or text, e.g. Markdown minutes) out.
 */
import { expect } from 'vitest';

/** An answer of the API. */
export interface Reply<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** The API as one party calls it. */
export interface PartyClient {
  get<T = unknown>(path: string, headers?: Record<string, string>): Promise<Reply<T>>;
  /** GET a document (a Word file, a CSV) as its bytes. */
  bytes(path: string, headers?: Record<string, string>): Promise<Reply<Uint8Array>>;
  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
  put<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
}

/** Sends one request; the body is parsed when the answer is JSON (problem+json included). */
export async function send<T>(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  const json = /json/.test(response.headers.get('content-type') ?? '');
  return {
    status: response.status,
    body: (json && text ? JSON.parse(text) : text) as T,
    headers: response.headers,
  };
}

/** A {@link PartyClient} whose requests carry the token `token()` gives. */
export function partyClient(baseUrl: () => string, token: () => Promise<string>): PartyClient {
  const call =
    (method: string) =>
    async <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
      send<T>(baseUrl(), method, path, {
        body,
        token: await token(),
        ...(headers ? { headers } : {}),
      });
  const bytes = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${baseUrl()}${path}`, {
      headers: { authorization: `Bearer ${await token()}`, ...headers },
    });
    return {
      status: response.status,
      body: new Uint8Array(await response.arrayBuffer()),
      headers: response.headers,
    };
  };
  return {
    get: (path, headers) => call('GET')(path, undefined, headers),
    bytes,
    post: call('POST'),
    put: call('PUT'),
  };
}

/** Asserts the status (showing the body when it differs) and returns the body. */
export function expectStatus<T>(reply: Reply<T>, status: number): T {
  expect(reply.status, `HTTP ${reply.status}: ${JSON.stringify(reply.body)}`).toBe(status);
  return reply.body;
}
