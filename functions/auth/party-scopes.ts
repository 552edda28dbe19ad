/**
 * The OAuth scopes that carry a party machine-to-machine. Each party has one Cognito resource
 * server `parties/<PARTY>`; its app client may request only that server's scopes: `act` (acting
 * for the party) and one scope per role the party holds in the register (e.g. `dglz`). The
 * pre-token-generation trigger turns the granted scopes into the `party` and `roles` claims, so
 * a client can never obtain another party's claims. Shared by the CDK app and the trigger.
 */

/** The scope every party's client holds. */
export const ACT_SCOPE = 'act';

/**
 * Roles only a person may act in, never a party's system: the DGLZ's final decision (art. 7.6) is
 * taken by a person signed in with MFA, not by whoever holds VWS's client secret. No resource
 * server offers these as scopes, and the trigger never turns such a scope into a role.
 */
export const PERSONAL_ROLES: readonly string[] = ['dglz'];

/** The resource server identifier of `party`. */
export function resourceServerIdOf(party: string): string {
  return `parties/${party}`;
}

const PARTY_SCOPE = /^parties\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)$/;

/** The party and roles that `scopes` grant, or undefined when they name no party. */
export function partyOfScopes(scopes: readonly string[]): { party: string; roles: string[] } | undefined {
  const parties = new Set<string>();
  const roles: string[] = [];
  for (const scope of scopes) {
    const match = PARTY_SCOPE.exec(scope);
    if (!match?.[1] || !match[2]) continue;
    parties.add(match[1]);
    if (match[2] !== ACT_SCOPE && !PERSONAL_ROLES.includes(match[2])) roles.push(match[2]);
  }
  const [party, ...others] = [...parties];
  if (party === undefined || others.length > 0) return undefined;
  return { party, roles };
}
