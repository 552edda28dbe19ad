import { describe, expect, it } from 'vitest';
import { routes } from '#functions/http/routes.ts';
import { InvalidRequestError } from '#shared/http/errors.ts';
import { requestHash } from '#shared/http/idempotency.ts';
import { idempotencyKeyOf, parsePart } from '#shared/http/request.ts';
import { matchRoute } from '#shared/http/route.ts';
import { CreateProposalBody } from '#shared/schemas/index.ts';
import { apiEvent } from '../../functions/http/support/app.ts';

describe('shared/http/request', () => {
  it('names each invalid field with its location', () => {
    const error = (() => {
      try {
        parsePart(
          CreateProposalBody,
          { title: 'x', description: 'y', standards: ['iWmo', 'nope'], kind: 'release', other: 1 },
          'body',
        );
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).errors.map((e) => e.path)).toEqual(['body.standards[1]', 'body']);
  });

  // DESIGN 5: the field errors in the request's language too (zod's Dutch messages; English on request).
  it('says what is wrong with a field in Dutch, or in English when asked', () => {
    const messagesIn = (language: 'nl' | 'en') => {
      try {
        parsePart(
          CreateProposalBody,
          { title: 7, description: 'y', standards: ['iWmo'], kind: 'release' },
          'body',
          language,
        );
      } catch (e) {
        return (e as InvalidRequestError).errors;
      }
      return [];
    };
    expect(messagesIn('nl')).toEqual([
      { path: 'body.title', message: 'Ongeldige invoer: verwacht string, ontving getal' },
    ]);
    expect(messagesIn('en')).toEqual([
      { path: 'body.title', message: 'Invalid input: expected string, received number' },
    ]);
  });

  it('reads the Idempotency-Key of a POST or PUT in any case, and ignores it on a GET', () => {
    expect(
      idempotencyKeyOf(apiEvent('POST /proposals', { headers: { 'IDEMPOTENCY-KEY': 'abc' } }), 'POST'),
    ).toBe('abc');
    expect(
      idempotencyKeyOf(apiEvent('GET /parties', { headers: { 'idempotency-key': 'a b' } }), 'GET'),
    ).toBeUndefined();
    expect(() =>
      idempotencyKeyOf(apiEvent('PUT /x', { headers: { 'idempotency-key': 'x'.repeat(256) } }), 'PUT'),
    ).toThrow(InvalidRequestError);
  });

  it('fingerprints a request by route, path and body, not by key order', () => {
    expect(requestHash('POST /p', { id: '1' }, { a: 1, b: [1, { c: 2, d: 3 }] })).toBe(
      requestHash('POST /p', { id: '1' }, { b: [1, { d: 3, c: 2 }], a: 1 }),
    );
    expect(requestHash('POST /p', { id: '1' }, { a: 1 })).not.toBe(
      requestHash('POST /p', { id: '2' }, { a: 1 }),
    );
  });
});

describe('shared/http/route matchRoute', () => {
  it('selects the route and its path parameters as API Gateway would', () => {
    expect(matchRoute(routes, 'put', '/proposals/p-1/votes/VNG')).toEqual({
      routeKey: 'PUT /proposals/{id}/votes/{party}',
      pathParameters: { id: 'p-1', party: 'VNG' },
    });
    expect(matchRoute(routes, 'POST', '/proposals/p-1/vote')?.routeKey).toBe('POST /proposals/{id}/vote');
    expect(matchRoute(routes, 'GET', '/openapi.json')?.routeKey).toBe('GET /openapi.json');
    expect(matchRoute(routes, 'GET', '/meetings/m%201')?.pathParameters).toEqual({ id: 'm 1' });
  });

  it('selects nothing for an unknown method or path', () => {
    expect(matchRoute(routes, 'DELETE', '/proposals')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/openapiXjson')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/proposals/a/b/c')).toBeUndefined();
  });
});
