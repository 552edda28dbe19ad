/**
 * The caller from the token's claims. In the cloud API Gateway's JWT authorizer has verified the
 * token and passes its claims; locally infra/local/auth.ts verifies it and fills the same place.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { Caller } from '#statemachines/proposal-lifecycle/events.ts';
import { UnauthenticatedError } from './errors.ts';

type Claims = APIGatewayProxyEventV2WithJWTAuthorizer['requestContext']['authorizer']['jwt']['claims'];

/**
 * Reads `roles` in each form it arrives in: a JSON array, a JSON array in a string, API Gateway's
 * rendering of an array claim (`[dglz admin]`), or a space- (or comma-) separated string.
 */
export function parseRoles(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((r): r is string => typeof r === 'string' && r !== '');
  if (typeof value !== 'string') return [];
  const trimmed = value.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parseRoles(parsed);
    } catch {
      // Not JSON: API Gateway's `[a b]` form; read it as a list below.
    }
  }
  return trimmed
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter((r) => r !== '');
}

/** The verified claims of the request, if any. */
function claimsOf(event: APIGatewayProxyEventV2WithJWTAuthorizer): Claims | undefined {
  // The authorizer is absent on a request the local server could not authenticate.
  return (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer?.jwt?.claims;
}

/**
 * The caller: its `party` claim and its roles.
 * @throws UnauthenticatedError when there are no claims or no `party` claim.
 */
export function callerOf(event: APIGatewayProxyEventV2WithJWTAuthorizer): Caller {
  const claims = claimsOf(event);
  if (!claims) throw new UnauthenticatedError('this route needs a bearer token (Authorization: Bearer …)');
  // Cognito marks its tokens `token_use: access | id`. API Gateway's JWT authorizer checks issuer,
  // audience and expiry, and would also pass an ID token (whose `aud` is an app client): only an
  // access token acts for a party.
  if (claims.token_use !== undefined && claims.token_use !== 'access') {
    throw new UnauthenticatedError('send an access token; an ID token does not authorize API calls');
  }
  const party = claims.party;
  if (typeof party !== 'string' || party === '') {
    throw new UnauthenticatedError('the token has no `party` claim naming the caller’s party');
  }
  return { party, roles: parseRoles(claims.roles) };
}
