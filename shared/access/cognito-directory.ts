/**
 * The access directory in the cloud: Cognito (the party's app client `party-<PARTY>` and its group
 * of people `party-<PARTY>`) and Secrets Manager (the client's credentials handed over as
 * `<prefix><PARTY>`). Names follow infra/constructs/party-directory.ts and people-sign-in.ts.
 */
import {
  AdminDisableUserCommand,
  AdminUserGlobalSignOutCommand,
  type CognitoIdentityProviderClient,
  ResourceNotFoundException as CognitoNotFound,
  ListUserPoolClientsCommand,
  ListUsersInGroupCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  PutSecretValueCommand,
  ResourceNotFoundException as SecretNotFound,
  type SecretsManagerClient,
  TagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import type { AccessDirectory, MachineClientClosure } from '#shared/ports/access-directory.ts';

export interface CognitoAccessDirectoryProps {
  readonly cognito: CognitoIdentityProviderClient;
  readonly secrets: SecretsManagerClient;
  readonly userPoolId: string;
  /** The secrets' common name prefix, e.g. `BesluitvormingAuth/party-client/`. */
  readonly secretPrefix: string;
}

/** The app client's and the group's name of a party (party-directory.ts, people-sign-in.ts). */
export const partyAccessName = (party: string): string => `party-${party}`;

/** The tag that marks a party's secret as belonging to an ended membership. */
export const MEMBERSHIP_ENDED_TAG = 'membership-ended';

export class CognitoAccessDirectory implements AccessDirectory {
  constructor(private readonly props: CognitoAccessDirectoryProps) {}

  async closeMachineClient(party: string, effectiveOn: string): Promise<MachineClientClosure> {
    const clientId = await this.clientIdOf(party);
    if (clientId !== undefined) {
      // UpdateUserPoolClient resets every setting it is not given to Cognito's default: without
      // AllowedOAuthFlows and AllowedOAuthScopes the client has no OAuth flow and no scope left, so
      // the token endpoint refuses its client credentials. The sign-in flows are named, or Cognito
      // would default to SRP and custom auth; only refresh is left, which this client never has.
      await this.props.cognito.send(
        new UpdateUserPoolClientCommand({
          UserPoolId: this.props.userPoolId,
          ClientId: clientId,
          ClientName: partyAccessName(party),
          AllowedOAuthFlowsUserPoolClient: false,
          ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
          EnableTokenRevocation: true,
        }),
      );
    }
    const secretMarked = await this.markSecret(party, effectiveOn, clientId);
    return { ...(clientId !== undefined ? { clientId } : {}), secretMarked };
  }

  async disablePeople(party: string): Promise<number> {
    let disabled = 0;
    let next: string | undefined;
    do {
      const page = await this.props.cognito
        .send(
          new ListUsersInGroupCommand({
            UserPoolId: this.props.userPoolId,
            GroupName: partyAccessName(party),
            ...(next ? { NextToken: next } : {}),
          }),
        )
        .catch((error: unknown) => {
          // No group: nobody acts for the party.
          if (error instanceof CognitoNotFound) return { Users: [], NextToken: undefined };
          throw error;
        });
      for (const user of page.Users ?? []) {
        if (!user.Username) continue;
        const who = { UserPoolId: this.props.userPoolId, Username: user.Username };
        await this.props.cognito.send(new AdminDisableUserCommand(who));
        await this.props.cognito.send(new AdminUserGlobalSignOutCommand(who));
        disabled += 1;
      }
      next = page.NextToken;
    } while (next);
    return disabled;
  }

  private async clientIdOf(party: string): Promise<string | undefined> {
    let next: string | undefined;
    do {
      const page = await this.props.cognito.send(
        new ListUserPoolClientsCommand({
          UserPoolId: this.props.userPoolId,
          MaxResults: 60,
          ...(next ? { NextToken: next } : {}),
        }),
      );
      const found = page.UserPoolClients?.find((c) => c.ClientName === partyAccessName(party));
      if (found?.ClientId) return found.ClientId;
      next = page.NextToken;
    } while (next);
    return undefined;
  }

  /** Tags the secret and replaces its value by one without the client secret. */
  private async markSecret(party: string, effectiveOn: string, clientId?: string): Promise<boolean> {
    const SecretId = `${this.props.secretPrefix}${party}`;
    try {
      await this.props.secrets.send(
        new PutSecretValueCommand({
          SecretId,
          SecretString: JSON.stringify({ ...(clientId ? { clientId } : {}), membershipEndedOn: effectiveOn }),
        }),
      );
      await this.props.secrets.send(
        new TagResourceCommand({ SecretId, Tags: [{ Key: MEMBERSHIP_ENDED_TAG, Value: effectiveOn }] }),
      );
      return true;
    } catch (error) {
      if (error instanceof SecretNotFound) return false;
      throw error;
    }
  }
}
