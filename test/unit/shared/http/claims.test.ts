import { describe, expect, it } from 'vitest';
import { callerOf, parseRoles } from '#shared/http/claims.ts';
import { UnauthenticatedError } from '#shared/http/errors.ts';
import { apiEvent } from '../../functions/http/support/app.ts';

describe('shared/http/claims', () => {
  it.each([
    ['dglz', ['dglz']],
    ['dglz admin', ['dglz', 'admin']],
    ['[dglz admin]', ['dglz', 'admin']],
    ['["dglz","admin"]', ['dglz', 'admin']],
    [['dglz'], ['dglz']],
    ['', []],
    [undefined, []],
    [42, []],
  ])('reads roles %j as %j', (value, roles) => {
    expect(parseRoles(value)).toEqual(roles);
  });

  it('takes the caller from the party claim', () => {
    expect(callerOf(apiEvent('GET /parties', { as: { party: 'VWS', roles: 'dglz' } }))).toEqual({
      party: 'VWS',
      roles: ['dglz'],
    });
  });

  it('refuses a request without claims or without a party claim', () => {
    expect(() => callerOf(apiEvent('GET /parties', { as: null }))).toThrow(UnauthenticatedError);
    expect(() => callerOf(apiEvent('GET /parties', { as: { claims: { sub: 'x' } } }))).toThrow(
      /no `party` claim/,
    );
  });
});

describe('shared/http/claims: which tokens (issue 17, row 13)', () => {
  it('refuses an ID token: API Gateway’s JWT authorizer would accept it, only access tokens act', () => {
    const idToken = { claims: { party: 'VWS', roles: 'dglz', token_use: 'id', aud: 'people-client' } };
    expect(() => callerOf(apiEvent('GET /parties', { as: idToken }))).toThrow(/access token/);
  });

  it('takes an access token', () => {
    const access = {
      claims: { party: 'VWS', roles: 'dglz', token_use: 'access', client_id: 'people-client' },
    };
    expect(callerOf(apiEvent('GET /parties', { as: access }))).toEqual({ party: 'VWS', roles: ['dglz'] });
  });
});
