import {
  AdminDisableUserCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  ResourceNotFoundException as CognitoNotFound,
  ListUserPoolClientsCommand,
  ListUsersInGroupCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  PutSecretValueCommand,
  ResourceNotFoundException as SecretNotFound,
  SecretsManagerClient,
  TagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { allCustomMatcher } from 'aws-sdk-client-mock-vitest';
import type {} from 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { CognitoAccessDirectory } from '#shared/access/cognito-directory.ts';
import { endCloudAccess, MembershipNotEndedError } from '#shared/usecases/end-cloud-access.ts';

expect.extend(allCustomMatcher);

const cognito = mockClient(CognitoIdentityProviderClient);
const secrets = mockClient(SecretsManagerClient);
const POOL = 'eu-central-1_Abc123';
const directory = () =>
  new CognitoAccessDirectory({
    cognito: new CognitoIdentityProviderClient({ region: 'eu-central-1' }),
    secrets: new SecretsManagerClient({ region: 'eu-central-1' }),
    userPoolId: POOL,
    secretPrefix: 'BesluitvormingAuth/party-client/',
  });
const clock = { now: () => new Date('2027-07-01T08:00:00.000Z') };

beforeEach(() => {
  cognito.reset();
  secrets.reset();
  // GIVEN the pool's clients on two pages, GGZ's on the second; two people act for GGZ
  cognito
    .on(ListUserPoolClientsCommand)
    .resolvesOnce({ UserPoolClients: [{ ClientId: 'c-people', ClientName: 'people' }], NextToken: 'p2' })
    .resolvesOnce({ UserPoolClients: [{ ClientId: 'c-ggz', ClientName: 'party-GGZ' }] });
  cognito
    .on(ListUsersInGroupCommand)
    .resolvesOnce({ Users: [{ Username: 'u-1' }], NextToken: 'n2' })
    .resolvesOnce({ Users: [{ Username: 'u-2' }] });
});

describe('CognitoAccessDirectory: a party whose membership ended (issue 17, item 2)', () => {
  it('leaves its machine client no OAuth flow and no scope, so client credentials are refused', async () => {
    const closed = await directory().closeMachineClient('GGZ', '2027-07-01');
    expect(closed).toEqual({ clientId: 'c-ggz', secretMarked: true });
    expect(cognito).toHaveReceivedCommandWith(UpdateUserPoolClientCommand, {
      UserPoolId: POOL,
      ClientId: 'c-ggz',
      ClientName: 'party-GGZ',
      AllowedOAuthFlowsUserPoolClient: false,
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
    });
    expect(cognito).toHaveReceivedCommandTimes(UpdateUserPoolClientCommand, 1);
    // Not given, so reset to none: no flow, no scope (UpdateUserPoolClient's semantics)
    const [update] = cognito.commandCalls(UpdateUserPoolClientCommand);
    expect(update?.args[0].input).not.toHaveProperty('AllowedOAuthFlows');
    expect(update?.args[0].input).not.toHaveProperty('AllowedOAuthScopes');
    expect(update?.args[0].input).not.toHaveProperty('CallbackURLs');
  });

  it('takes the client secret out of the handed-over secret and tags it with the day', async () => {
    await directory().closeMachineClient('GGZ', '2027-07-01');
    expect(secrets).toHaveReceivedCommandWith(PutSecretValueCommand, {
      SecretId: 'BesluitvormingAuth/party-client/GGZ',
      SecretString: JSON.stringify({ clientId: 'c-ggz', membershipEndedOn: '2027-07-01' }),
    });
    expect(secrets).toHaveReceivedCommandWith(TagResourceCommand, {
      SecretId: 'BesluitvormingAuth/party-client/GGZ',
      Tags: [{ Key: 'membership-ended', Value: '2027-07-01' }],
    });
  });

  it('says so when the party has no client and no secret, and changes nothing in Cognito', async () => {
    cognito
      .on(ListUserPoolClientsCommand)
      .resolves({ UserPoolClients: [{ ClientId: 'c', ClientName: 'people' }] });
    secrets
      .on(PutSecretValueCommand)
      .rejects(new SecretNotFound({ message: 'no such secret', $metadata: {} }));
    await expect(directory().closeMachineClient('NEW', '2027-07-01')).resolves.toEqual({
      secretMarked: false,
    });
    expect(cognito).not.toHaveReceivedCommand(UpdateUserPoolClientCommand);
  });

  it('disables every person of its group, on every page, and signs each out everywhere', async () => {
    await expect(directory().disablePeople('GGZ')).resolves.toBe(2);
    expect(cognito).toHaveReceivedCommandWith(ListUsersInGroupCommand, {
      GroupName: 'party-GGZ',
      NextToken: 'n2',
    });
    for (const Username of ['u-1', 'u-2']) {
      expect(cognito).toHaveReceivedCommandWith(AdminDisableUserCommand, { UserPoolId: POOL, Username });
      expect(cognito).toHaveReceivedCommandWith(AdminUserGlobalSignOutCommand, {
        UserPoolId: POOL,
        Username,
      });
    }
  });

  it('disables nobody when the party has no group', async () => {
    cognito.on(ListUsersInGroupCommand).rejects(new CognitoNotFound({ message: 'no group', $metadata: {} }));
    await expect(directory().disablePeople('NEW')).resolves.toBe(0);
    expect(cognito).not.toHaveReceivedCommand(AdminDisableUserCommand);
  });
});

describe('endCloudAccess', () => {
  it('closes the client and disables the people once the membership has ended', async () => {
    const ended = await endCloudAccess(
      { directory: directory(), clock },
      { party: 'GGZ', effectiveOn: '2027-07-01' },
    );
    expect(ended).toEqual({
      party: 'GGZ',
      effectiveOn: '2027-07-01',
      machineClient: { clientId: 'c-ggz', secretMarked: true },
      peopleDisabled: 2,
    });
  });

  it('refuses before the day the membership ends, closing nothing', async () => {
    await expect(
      endCloudAccess({ directory: directory(), clock }, { party: 'GGZ', effectiveOn: '2027-07-02' }),
    ).rejects.toThrow(MembershipNotEndedError);
    expect(cognito).not.toHaveReceivedCommand(UpdateUserPoolClientCommand);
    expect(cognito).not.toHaveReceivedCommand(AdminDisableUserCommand);
    expect(secrets).not.toHaveReceivedCommand(PutSecretValueCommand);
  });
});
