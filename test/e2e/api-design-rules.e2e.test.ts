/**
 * The NL API Design Rules over HTTP (issue 18, item 4): the major version in the path (`/v1`,
 * the unversioned paths as its aliases), `API-Version` on every answer, 405 with `Allow` for a
 * known path and another method, 415 for a body that is not JSON, and one policy for query keys
 * a route does not know: refused.
 */
import { describe, expect, it } from 'vitest';
import { expectStatus, type ProblemBody, useLocalStack } from './support/index.ts';

const stack = useLocalStack();

describe('the NL API Design Rules', () => {
  it('serves every route under /v1 and keeps the unversioned path as its alias (API-20)', async () => {
    const versioned = await stack.as('KBSD').get<{ parties: unknown[] }>('/v1/parties');
    const alias = await stack.as('KBSD').get<{ parties: unknown[] }>('/parties');
    expect(expectStatus(versioned, 200).parties).toEqual(expectStatus(alias, 200).parties);
    const created = await stack.as('ZIN').post('/v1/meetings', { date: '2027-03-01', title: 'Versioned' });
    expect(created.status).toBe(201);
  });

  it('names the full version on every answer, problems included (API-57)', async () => {
    expect((await stack.as('KBSD').get('/v1/parties')).headers.get('api-version')).toBe('1.0.0');
    expect((await stack.as('KBSD').get('/v1/proposals/p-unknown')).headers.get('api-version')).toBe('1.0.0');
    const openapi = await fetch(`${stack.baseUrl}/v1/openapi.json`);
    expect(openapi.headers.get('api-version')).toBe('1.0.0');
    const document = (await openapi.json()) as { servers: { url: string }[]; info: { version: string } };
    expect(document.info.version).toBe('1.0.0');
    expect(document.servers[0]?.url).toBe(`${stack.baseUrl}/v1`);
  });

  it('answers 405 with Allow for a path of the API and a method it does not serve there', async () => {
    const reply = await fetch(`${stack.baseUrl}/v1/meetings`, { method: 'DELETE' });
    expect(reply.status).toBe(405);
    expect(reply.headers.get('allow')).toBe('GET, POST');
    expect(((await reply.json()) as ProblemBody).type).toMatch(/method-not-allowed$/);
    expect((await fetch(`${stack.baseUrl}/v1/nowhere`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses a body that is not JSON with 415, before anything changes', async () => {
    const form = await stack.as('ZIN').post<ProblemBody>('/meetings', 'date=2027-03-02', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    expect(form.body.type).toMatch(/unsupported-media-type$/);
  });

  it('refuses a query parameter the route does not know, on every route alike', async () => {
    const meetings = await stack.as('KBSD').get<ProblemBody>('/v1/meetings?colour=red');
    expect(meetings.status).toBe(400);
    expect(JSON.stringify(meetings.body)).toContain('colour');
    const parties = await stack.as('KBSD').get<ProblemBody>('/parties?colour=red');
    expect(parties.status).toBe(400);
  });
});
