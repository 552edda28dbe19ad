/**
 * Cognito pre-token-generation trigger (event version 3): puts the caller's `party` and `roles`
 * into the ACCESS token, which the API's JWT authorizer checks and the handlers read (DESIGN 5).
 * People: from their groups `party-<PARTY>` and `role-<role>` (infra/constructs/people-sign-in.ts),
 * or from the user attributes `custom:party` and `custom:roles` (comma-separated); only
 * administrators can change either. Machines (client credentials): from the granted scopes
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
    readonly groupConfiguration?: { readonly groupsToOverride?: readonly string[] };
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
  const groups = event.request.groupConfiguration?.groupsToOverride ?? [];
  const groupParties = groups
    .filter((g) => g.startsWith(PARTY_GROUP))
    .map((g) => g.slice(PARTY_GROUP.length));
  const attributeParty = attributes['custom:party']?.trim() || undefined;
  const parties = [...new Set([...groupParties, ...(attributeParty ? [attributeParty] : [])])];
  const [party] = parties;
  if (!party || parties.length > 1) {
    throw new NoPartyError(
      `user ${event.userName ?? '?'} ${party ? `acts for several parties (${parties.join(', ')})` : 'has no party'}; an administrator puts a person in exactly one group party-<PARTY> (or sets custom:party)`,
    );
  }
  const roles = [
    ...groups.filter((g) => g.startsWith(ROLE_GROUP)).map((g) => g.slice(ROLE_GROUP.length)),
    ...(attributes['custom:roles'] ?? '').split(',').map((role) => role.trim()),
  ].filter((role) => role !== '');
  return { party, roles: [...new Set(roles)] };
}

/** The Cognito groups that give a person a party and a role: `party-VWS`, `role-dglz`. */
export const PARTY_GROUP = 'party-';
export const ROLE_GROUP = 'role-';

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
