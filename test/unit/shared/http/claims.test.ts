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
