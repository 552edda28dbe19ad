import {
  CognitoIdentityProviderClient,
  ListUserPoolClientsCommand,
  ListUsersInGroupCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { allCustomMatcher } from 'aws-sdk-client-mock-vitest';
import type {} from 'aws-sdk-client-mock-vitest/extend';
import { afterAll, describe, expect, it } from 'vitest';
import { cloudAccessDirectory, cloudMembershipEnded } from '#functions/composition/access.ts';
import { ConfigError } from '#shared/config/env.ts';

expect.extend(allCustomMatcher);
const cognito = mockClient(CognitoIdentityProviderClient);
const secrets = mockClient(SecretsManagerClient);
afterAll(() => {
  cognito.restore();
  secrets.restore();
});

const env = {
  AWS_REGION: 'eu-central-1',
  USER_POOL_ID: 'eu-central-1_Abc123',
  PARTY_CLIENT_SECRET_PREFIX: 'BesluitvormingAuth/party-client/',
};

describe('the cloud composition of closing access', () => {
  it('names every variable it misses', () => {
    expect(() => cloudAccessDirectory({})).toThrow(ConfigError);
    expect(() => cloudAccessDirectory({})).toThrow(/USER_POOL_ID.*PARTY_CLIENT_SECRET_PREFIX/);
  });

  it('gives the withdrawal a membership seam that closes the party’s client and people', async () => {
    cognito
      .on(ListUserPoolClientsCommand)
      .resolves({ UserPoolClients: [{ ClientId: 'c-ggz', ClientName: 'party-GGZ' }] });
    cognito.on(ListUsersInGroupCommand).resolves({ Users: [] });
    await cloudMembershipEnded(env).membershipEnded('GGZ', '2026-01-01');
    expect(cognito).toHaveReceivedCommandWith(UpdateUserPoolClientCommand, { ClientId: 'c-ggz' });
    expect(secrets).toHaveReceivedCommandWith(PutSecretValueCommand, {
      SecretId: 'BesluitvormingAuth/party-client/GGZ',
    });
  });
});
