import { describe, expect, it } from 'vitest';
import { createFallbackHandler } from '#functions/http/fallback.ts';
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

  it('answers 404 problem+json for a path that is no route at all', async () => {
    const result = await handler(event('GET', '/nowhere'));
    expect(result.statusCode).toBe(404);
    expect(result.headers?.['Content-Type']).toBe('application/problem+json');
  });
});
