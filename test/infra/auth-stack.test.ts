import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACT_SCOPE, PERSONAL_ROLES, resourceServerIdOf } from '#functions/auth/party-scopes.ts';
import { loadDefaultRegister } from '#shared/covenant/register.ts';
import { resourcesOf, SYNTH_TIMEOUT_MS, synthesizeStacks, templatesOf } from './support/app.ts';

let auth: Template;

beforeAll(() => {
  // GIVEN the app as cdk synth builds it
  auth = templatesOf(synthesizeStacks().stacks).auth;
}, SYNTH_TIMEOUT_MS);

describe('AuthStack: the party directory', () => {
  it('gives every party of the register a resource server with `act` and one scope per role a machine may act in', () => {
    // GIVEN the register
    const register = loadDefaultRegister();
    // THEN
    const servers = Object.values(resourcesOf(auth, 'AWS::Cognito::UserPoolResourceServer'));
    expect(servers.map((s) => s.Properties.Identifier).sort()).toEqual(
      register.parties.map((p) => resourceServerIdOf(p.id)).sort(),
    );
    for (const party of register.parties) {
      const server = servers.find((s) => s.Properties.Identifier === resourceServerIdOf(party.id));
      const scopes = ((server?.Properties.Scopes ?? []) as { ScopeName: string }[]).map((s) => s.ScopeName);
      expect(scopes).toEqual([ACT_SCOPE, ...party.roles.filter((r) => !PERSONAL_ROLES.includes(r))]);
    }
  });

  it('gives no machine client the dglz scope: the DGLZ’s final decision needs a person with MFA (issue 17, row 3)', () => {
    // GIVEN the register, in which VWS holds the dglz role
    expect(loadDefaultRegister().parties.find((p) => p.id === 'VWS')?.roles).toContain('dglz');
    // THEN no resource server offers a dglz scope, so no app client can be granted one
    for (const server of Object.values(resourcesOf(auth, 'AWS::Cognito::UserPoolResourceServer'))) {
      const scopes = ((server.Properties.Scopes ?? []) as { ScopeName: string }[]).map((s) => s.ScopeName);
      expect(scopes, String(server.Properties.Identifier)).not.toContain('dglz');
    }
    for (const client of Object.values(resourcesOf(auth, 'AWS::Cognito::UserPoolClient'))) {
      expect(JSON.stringify(client.Properties.AllowedOAuthScopes ?? [])).not.toMatch(/dglz/);
    }
  });

  it('gives every party one client-credentials app client with a secret and its own scopes only', () => {
    // GIVEN the register
    const register = loadDefaultRegister();
    // THEN
    const clients = Object.entries(resourcesOf(auth, 'AWS::Cognito::UserPoolClient')).filter(
      ([, c]) => c.Properties.GenerateSecret === true,
    );
    expect(clients).toHaveLength(register.parties.length);
    for (const [, client] of clients) {
      expect(client.Properties.AllowedOAuthFlows).toEqual(['client_credentials']);
      expect(client.Properties.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
      // Each scope is `<that party's resource server>/<scope>`: one server per client.
      const servers = new Set(
        (client.Properties.AllowedOAuthScopes as { 'Fn::Join': [string, [{ Ref: string }, string]] }[]).map(
          (scope) => scope['Fn::Join'][1][0].Ref,
        ),
      );
      expect(servers.size).toBe(1);
    }
  });

  it('lets people sign in with SRP only, without writing their party or roles', () => {
    // THEN
    const [people] = Object.values(resourcesOf(auth, 'AWS::Cognito::UserPoolClient')).filter(
      (c) => c.Properties.GenerateSecret !== true,
    );
    expect(people?.Properties.ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    expect(people?.Properties.WriteAttributes).not.toContain('custom:party');
    expect(people?.Properties.WriteAttributes).not.toContain('custom:roles');
    expect(people?.Properties.ReadAttributes).toContain('custom:party');
  });

  it('keeps a person’s verified e-mail address until the new one is verified, and lets only administrators change it (issue 17, row 13)', () => {
    // THEN the pool keeps the original address while a change awaits verification
    const [pool] = Object.values(resourcesOf(auth, 'AWS::Cognito::UserPool'));
    expect(pool?.Properties.UserAttributeUpdateSettings).toEqual({
      AttributesRequireVerificationBeforeUpdate: ['email'],
    });
    expect(pool?.Properties.AutoVerifiedAttributes).toEqual(['email']);
    // AND people cannot write their own address: the procedure's e-mails go to it
    const [people] = Object.values(resourcesOf(auth, 'AWS::Cognito::UserPoolClient')).filter(
      (c) => c.Properties.GenerateSecret !== true,
    );
    expect(people?.Properties.WriteAttributes).not.toContain('email');
  });

  it('runs the pre-token-generation trigger in event version 3, which also covers client credentials', () => {
    // THEN
    auth.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V3_0' } },
      UserPoolTier: 'PLUS',
    });
  });

  it('requires MFA, strong passwords and admin-created users, and keeps the pool', () => {
    // THEN
    const [pool] = Object.values(resourcesOf(auth, 'AWS::Cognito::UserPool'));
    expect(pool?.Properties).toMatchObject({
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireSymbols: true } },
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeletionProtection: 'ACTIVE',
    });
    expect(pool?.DeletionPolicy).toBe('Retain');
  });
});

describe('AuthStack: people’s sign-in', () => {
  it(
    'turns the domain into managed login and gives a group per party and per role',
    () => {
      // GIVEN the app without callback URLs (cdk.json)
      const { stacks } = synthesizeStacks();
      const template = Template.fromStack(stacks.auth);
      // THEN
      template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
      const groups = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolGroup')).map(
        (g) => g.Properties.GroupName,
      );
      expect(groups).toEqual(expect.arrayContaining(['party-ZIN', 'party-VWS', 'party-CAK', 'role-dglz']));
      expect(groups).toHaveLength(new Set(groups).size);
      expect(stacks.auth.signIn.webClient).toBeUndefined();
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'gives the web app a public client with the authorization-code flow, its managed-login style and outputs',
    () => {
      // GIVEN callback URLs
      const { stacks } = synthesizeStacks({ callbackUrls: 'https://besluitvorming.example/callback' });
      const template = Template.fromStack(stacks.auth);
      // THEN
      const [web] = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolClient')).filter(
        (c) => c.Properties.ClientName === 'web',
      );
      expect(web?.Properties).toMatchObject({
        GenerateSecret: false,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        CallbackURLs: ['https://besluitvorming.example/callback'],
        LogoutURLs: ['https://besluitvorming.example/'],
        SupportedIdentityProviders: ['COGNITO'],
      });
      template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
        UseCognitoProvidedValues: true,
      });
      template.hasOutput('WebClientId', {});
      template.hasOutput('UserPoolDomain', {});
      // AND the API accepts its tokens
      expect(stacks.auth.clientIds).toHaveLength(stacks.auth.directory.clientIds.length + 1);
    },
    SYNTH_TIMEOUT_MS,
  );
});

describe('AuthStack: the parties’ client secrets', () => {
  it('keeps each party client’s id and secret in a Secrets Manager secret of its own', () => {
    // THEN one secret per party client, named after the party, its value read from Cognito
    const secrets = Object.values(resourcesOf(auth, 'AWS::SecretsManager::Secret'));
    const parties = loadDefaultRegister().parties.map((p) => p.id);
    expect(secrets.map((s) => String(s.Properties.Name)).sort()).toEqual(
      parties.map((id) => `BesluitvormingAuth/party-client/${id}`).sort(),
    );
    expect(JSON.stringify(secrets[0]?.Properties.SecretString)).toContain('UserPoolClient.ClientSecret');
    // AND the deploy-time reader logs no response data (the secret)
    for (const reader of Object.values(resourcesOf(auth, 'Custom::DescribeCognitoUserPoolClient'))) {
      expect(JSON.stringify(reader.Properties.Update)).toMatch(/logApiResponseData\W+false/);
    }
    expect(Object.keys(resourcesOf(auth, 'Custom::DescribeCognitoUserPoolClient')).length).toBe(
      parties.length,
    );
  });
});
