/**
 * The typed client of the public API, generated from `openapi.json` (`npm run -w web generate:api`
 * writes `schema.d.ts`; a test fails when it is stale). Nothing else lives in this folder.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths };
export type Schemas = components['schemas'];
export type ApiClient = ReturnType<typeof createClient<paths>>;

/** A client for the API at `baseUrl` (the app's own origin unless `config.json` says otherwise). */
export function createApiClient(
  baseUrl: string,
  headers: () => { token: string | undefined; language: string },
): ApiClient {
  const client = createClient<paths>({ baseUrl });
  const auth: Middleware = {
    onRequest({ request }) {
      const { token, language } = headers();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      request.headers.set('Accept-Language', language);
      return request;
    },
  };
  client.use(auth);
  return client;
}
