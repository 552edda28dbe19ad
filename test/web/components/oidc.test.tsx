import { OidcClient } from 'oidc-client-ts';
import { describe, expect, it } from 'vitest';
import { oidcSettings } from '../../../web/src/features/sign-in/oidc.ts';

const COGNITO = {
  authority: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_example',
  clientId: 'app-client-id',
};

describe('the cloud sign-in (Cognito managed login)', () => {
  it('uses the authorization code flow back to the app root, with the scope the config names', () => {
    const settings = oidcSettings(
      { ...COGNITO, scope: 'openid email profile' },
      'https://besluiten.example',
      sessionStorage,
    );
    expect(settings).toMatchObject({
      authority: COGNITO.authority,
      client_id: 'app-client-id',
      redirect_uri: 'https://besluiten.example/',
      post_logout_redirect_uri: 'https://besluiten.example/',
      response_type: 'code',
      scope: 'openid email profile',
    });
    expect(oidcSettings(COGNITO, 'https://besluiten.example', sessionStorage).scope).toBe('openid email');
  });

  it('sends the browser to the managed login with a PKCE challenge (S256) and no secret', async () => {
    // GIVEN the settings, and Cognito's endpoints as its discovery document names them
    const client = new OidcClient({
      ...oidcSettings(COGNITO, 'https://besluiten.example', sessionStorage),
      metadata: {
        issuer: COGNITO.authority,
        authorization_endpoint: 'https://login.besluiten.example/oauth2/authorize',
        token_endpoint: 'https://login.besluiten.example/oauth2/token',
      },
    });
    // WHEN a sign-in starts
    const request = await client.createSigninRequest({});
    // THEN the URL asks for a code, with a challenge whose verifier stays in the browser
    const url = new URL(request.url);
    expect(url.origin + url.pathname).toBe('https://login.besluiten.example/oauth2/authorize');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe('app-client-id');
    expect(url.searchParams.get('redirect_uri')).toBe('https://besluiten.example/');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.has('client_secret')).toBe(false);
    expect(request.state.code_verifier).toMatch(/^[\w-]{43,128}$/);
  });
});
