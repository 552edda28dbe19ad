/**
 * Cognito pre-token-generation trigger (event version 3): puts the caller's `party` and `roles`
 * into the ACCESS token, which the API's JWT authorizer checks and the handlers read (DESIGN 5).
 * People: from the user attributes `custom:party` and `custom:roles` (comma-separated), which
 * only administrators can write. Machines (client credentials): from the granted scopes
 * `parties/<PARTY>/act` and `parties/<PARTY>/<role>` (see party-scopes.ts).
 */
import { partyOfScopes } from './party-scopes.ts';

/** The parts of the V2/V3 trigger event this trigger reads and writes. */
export interface PreTokenGenerationEvent {
  readonly triggerSource: string;
  readonly userName?: string;
  readonly request: {
    readonly userAttributes?: Readonly<Record<string, string>>;
    readonly scopes?: readonly string[];
  };
  response: {
    claimsAndScopeOverrideDetails?: {
      accessTokenGeneration?: { claimsToAddOrOverride?: Record<string, string | string[]> };
      idTokenGeneration?: { claimsToAddOrOverride?: Record<string, string | string[]> };
    } | null;
  };
}

/** The claims the API reads: the acting party and the roles it acts in. */
export interface PartyClaims {
  readonly party: string;
  readonly roles: string[];
}

/** Refuses a token for a caller that acts for no party: it could do nothing with it. */
export class NoPartyError extends Error {
  override readonly name = 'NoPartyError';
}

/** The caller's claims, from its scopes (client credentials) or its user attributes. Pure. */
export function partyClaimsOf(event: PreTokenGenerationEvent): PartyClaims {
  if (event.triggerSource === 'TokenGeneration_ClientCredentials') {
    const granted = partyOfScopes(event.request.scopes ?? []);
    if (!granted) {
      throw new NoPartyError(
        `client credentials with scopes [${(event.request.scopes ?? []).join(' ')}] name no single party; give the app client the scopes of one resource server parties/<PARTY>`,
      );
    }
    return granted;
  }
  const attributes = event.request.userAttributes ?? {};
  const party = attributes['custom:party']?.trim();
  if (!party) {
    throw new NoPartyError(
      `user ${event.userName ?? '?'} has no custom:party attribute; an administrator sets it with admin-update-user-attributes`,
    );
  }
  const roles = (attributes['custom:roles'] ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role !== '');
  return { party, roles };
}

/** Cognito trigger: adds `party` and `roles` to the access token (and the ID token). */
export const handler = async (event: PreTokenGenerationEvent): Promise<PreTokenGenerationEvent> => {
  const { party, roles } = partyClaimsOf(event);
  const claimsToAddOrOverride = { party, roles };
  event.response.claimsAndScopeOverrideDetails = {
    accessTokenGeneration: { claimsToAddOrOverride },
    // The client-credentials flow issues no ID token.
    ...(event.triggerSource === 'TokenGeneration_ClientCredentials'
      ? {}
      : { idTokenGeneration: { claimsToAddOrOverride } }),
  };
  return event;
};
