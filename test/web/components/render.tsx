// Renders a piece of the web app as a signed-in party, against a recorded fake of the API's fetch.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { SessionProvider } from '../../../web/src/session/SessionProvider.tsx';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

export type Answer = { status: number; body: unknown };

/** A token the app reads as `party` (the app never verifies tokens; the API does). */
export function fakeToken(party: string, roles: readonly string[] = []): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none' })}.${encode({ party, ...(roles.length ? { roles: roles.join(' ') } : {}) })}.x`;
}

/** Stubs fetch: each request is recorded and answered by `answer` (200 `{}` by default). */
export function stubApi(answer: (request: RecordedRequest) => Answer = () => ({ status: 200, body: {} })) {
  const requests: RecordedRequest[] = [];
  vi.stubGlobal('fetch', async (input: Request) => {
    const text = await input.text();
    const url = new URL(input.url);
    const request = { method: input.method, path: url.pathname, body: text ? JSON.parse(text) : undefined };
    requests.push(request);
    const { status, body } = answer(request);
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  });
  return requests;
}

export function renderAs(party: string, ui: ReactNode, roles: readonly string[] = []) {
  sessionStorage.setItem('besluitvorming.token', fakeToken(party, roles));
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  return render(
    <QueryClientProvider client={queryClient}>
      <SessionProvider config={{ apiBaseUrl: 'http://localhost:3000' }}>{ui}</SessionProvider>
    </QueryClientProvider>,
  );
}
