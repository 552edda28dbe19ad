import { describe, expect, it } from 'vitest';
import { routes } from '#functions/http/index.ts';
import { gatewayEvent, matchRoute } from '#infra/local/gateway-event.ts';

const eventFor = (target: string) => {
  const url = new URL(`http://localhost:3000${target}`);
  const matched = matchRoute(routes, 'GET', url.pathname);
  if (!matched) throw new Error(`no route for ${target}`);
  return gatewayEvent(
    {
      method: 'GET',
      url,
      headers: { host: 'localhost:3000' },
      body: '',
      sourceIp: '127.0.0.1',
      now: new Date(),
    },
    matched,
    { party: 'VNG' },
  );
};

describe('infra/local/gateway-event', () => {
  it('passes no query parameters for a request without a query, as API Gateway does', () => {
    for (const target of ['/proposals/p-1', '/proposals/p-1?']) {
      const event = eventFor(target);
      expect(event.queryStringParameters).toBeUndefined();
      expect(event.rawQueryString).toBe('');
      expect(event.pathParameters).toEqual({ id: 'p-1' });
    }
  });

  it('joins a repeated query parameter with commas, as API Gateway does', () => {
    const event = eventFor('/proposals?phase=voting&standard=iWmo&standard=iJw');
    expect(event.queryStringParameters).toEqual({ phase: 'voting', standard: 'iWmo,iJw' });
    expect(event.rawQueryString).toBe('phase=voting&standard=iWmo&standard=iJw');
  });
});
