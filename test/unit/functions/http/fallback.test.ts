import { describe, expect, it } from 'vitest';
import { createFallbackHandler, handler as deployed, routePlaces } from '#functions/http/fallback.ts';
import { ROUTE_KEYS } from '#functions/http/route-keys.ts';
import { routes } from '#functions/http/routes.ts';

const event = (method: string, rawPath: string) =>
  ({ rawPath, requestContext: { requestId: 'req-1', http: { method } } }) as never;

describe('functions/http/fallback ($default)', () => {
  const handler = createFallbackHandler(routes);

  it('answers 405 with Allow for a path of the API and a method it does not serve there', async () => {
    const result = await handler(event('DELETE', '/proposals/p-1'));
    expect(result.statusCode).toBe(405);
    expect(result.headers).toMatchObject({ Allow: 'GET', 'API-Version': '1.0.0' });
    expect(JSON.parse(String(result.body))).toMatchObject({ status: 405, instance: '/proposals/p-1' });
  });

  // Issue 16: the deployed fallback carries the routeKeys alone (`npm run openapi` writes them), not
  // the route table with its schemas; it must answer every request as the table would.
  it('deploys over the route table’s own routeKeys, and answers as the table does', async () => {
    expect([...ROUTE_KEYS]).toEqual(Object.keys(routes));
    expect(routePlaces(ROUTE_KEYS)).toEqual(
      Object.fromEntries(Object.entries(routes).map(([key, r]) => [key, { method: r.method, path: r.path }])),
    );
    for (const [method, path] of [
      ['DELETE', '/proposals/p-1'],
      ['PATCH', '/v1/meetings/m-1/attendance'],
      ['GET', '/nowhere'],
    ] as const) {
      expect(await deployed(event(method, path))).toEqual(await handler(event(method, path)));
    }
  });

  it('answers 404 problem+json for a path that is no route at all', async () => {
    const result = await handler(event('GET', '/nowhere'));
    expect(result.statusCode).toBe(404);
    expect(result.headers?.['Content-Type']).toBe('application/problem+json');
  });
});
