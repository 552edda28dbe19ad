/**
 * Problem types that resolve (issue 18, items 4 and 5): a refusal's `type` is a relative URI that the
 * running API answers without a token, with a page in Dutch, or in English when asked; the refusal
 * itself is Dutch by default and says so in `Content-Language`.
 */
import { describe, expect, it } from 'vitest';
import { expectStatus, type ProblemBody, useLocalStack } from './support/index.ts';

const stack = useLocalStack();

describe('problem types', () => {
  it('answers a refusal in Dutch, with a type whose page the API serves without a token', async () => {
    const refused = await stack.as('KBSD').get<ProblemBody>('/v1/proposals/p-unknown');
    expect(expectStatus(refused, 404)).toMatchObject({
      type: '/v1/problems/proposal-not-found',
      title: 'Dit voorstel bestaat niet',
      detail: 'Er is geen voorstel p-unknown.',
    });
    expect(refused.headers.get('content-language')).toBe('nl');

    // RFC 9457 3.1.1: a relative type resolves against the request's URI.
    const page = await fetch(new URL(refused.body.type, `${stack.baseUrl}/v1/proposals/p-unknown`));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-language')).toBe('nl');
    expect(await page.text()).toContain('<h1>Probleemtype: Dit voorstel bestaat niet</h1>');
  });

  it('answers in English when the request prefers it, the problem and its page alike', async () => {
    const english = { 'accept-language': 'en-GB, en;q=0.9, nl;q=0.5' };
    const refused = await stack.as('KBSD').get<ProblemBody>('/v1/proposals/p-unknown', english);
    expect(expectStatus(refused, 404)).toMatchObject({ title: 'No such proposal' });
    expect(refused.headers.get('content-language')).toBe('en');
    const page = await fetch(new URL(refused.body.type, stack.baseUrl), { headers: english });
    expect(page.headers.get('content-language')).toBe('en');
    expect(await page.text()).toContain('<h1>Problem type: No such proposal</h1>');
  });

  it('lists every problem type on an index, each linked to a page that answers 200', async () => {
    const index = await fetch(`${stack.baseUrl}/v1/problems`);
    expect(index.status).toBe(200);
    const links = [...(await index.text()).matchAll(/href="(problems\/[a-z-]+)"/g)].map(
      (m) => m[1] as string,
    );
    expect(links.length).toBeGreaterThan(40);
    for (const link of links) {
      const page = await fetch(new URL(link, `${stack.baseUrl}/v1/problems`));
      expect(page.status, link).toBe(200);
    }
    expect((await fetch(`${stack.baseUrl}/v1/problems/no-such-type`)).status).toBe(404);
  });
});
