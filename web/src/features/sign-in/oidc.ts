/**
 * Cloud sign-in: Cognito managed login, authorization code with PKCE (oidc-client-ts). The
 * user pool's domain and the app client come from `/config.json`; the access token carries the
 * `party` and `roles` claims the API reads.
 */
import { UserManager, type UserManagerSettings, WebStorageStateStore } from 'oidc-client-ts';
import type { RuntimeConfig } from '../../session/config';

/**
 * The settings of the managed login, for an app served at `origin`: the authorization code flow
 * (oidc-client-ts always adds a PKCE challenge, S256, to it), back to the app's root, and the
 * user kept in sessionStorage like the local token (gone when the tab closes).
 */
export function oidcSettings(
  oidc: NonNullable<RuntimeConfig['oidc']>,
  origin: string,
  store: Storage,
): UserManagerSettings {
  const redirect = `${origin}/`;
  return {
    authority: oidc.authority,
    client_id: oidc.clientId,
    redirect_uri: redirect,
    post_logout_redirect_uri: redirect,
    response_type: 'code',
    scope: oidc.scope ?? 'openid email',
    userStore: new WebStorageStateStore({ store }),
  };
}

export function userManager(oidc: NonNullable<RuntimeConfig['oidc']>): UserManager {
  return new UserManager(oidcSettings(oidc, window.location.origin, window.sessionStorage));
}

/** Completes a sign-in when the managed login has sent the browser back with a code. */
export async function completeRedirect(
  oidc: NonNullable<RuntimeConfig['oidc']>,
): Promise<string | undefined> {
  const params = new URLSearchParams(window.location.search);
  if (!params.has('code') || !params.has('state')) return undefined;
  const user = await userManager(oidc).signinRedirectCallback();
  window.history.replaceState(null, '', `${window.location.origin}/#/`);
  return user.access_token;
}
