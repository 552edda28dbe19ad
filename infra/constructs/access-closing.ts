/**
 * What the membership-ended task (functions/tasks/membership-ended.ts) may do, and nothing more:
 * in the one user pool, find the party's app client and close it, and disable the people of its
 * group; in Secrets Manager, overwrite and tag the parties' client secrets, each named exactly.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/** The Cognito actions of closing a party's access (shared/access/cognito-directory.ts). */
export const ACCESS_CLOSING_COGNITO_ACTIONS = [
  'cognito-idp:ListUserPoolClients',
  'cognito-idp:UpdateUserPoolClient',
  'cognito-idp:ListUsersInGroup',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminUserGlobalSignOut',
] as const;

/** The Secrets Manager actions of marking a party's handed-over secret as ended. */
export const ACCESS_CLOSING_SECRET_ACTIONS = [
  'secretsmanager:PutSecretValue',
  'secretsmanager:TagResource',
] as const;

export interface AccessClosingGrant {
  readonly grantee: IGrantable & IConstruct;
  readonly userPoolId: string;
  /** The secrets' name prefix, `<auth stack>/party-client/`. */
  readonly secretPrefix: string;
  /** The parties whose secrets it may mark. */
  readonly parties: readonly string[];
}

/** Adds the two statements to the grantee's policy. */
export function grantAccessClosing(grant: AccessClosingGrant): void {
  const stack = Stack.of(grant.grantee);
  grant.grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: [...ACCESS_CLOSING_COGNITO_ACTIONS],
      resources: [
        stack.formatArn({ service: 'cognito-idp', resource: 'userpool', resourceName: grant.userPoolId }),
      ],
    }),
  );
  grant.grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: [...ACCESS_CLOSING_SECRET_ACTIONS],
      // Secrets Manager appends six random characters to a secret's name in its ARN: `??????`
      // matches exactly those, so each statement names one party's secret and no other.
      resources: grant.parties.map((party) =>
        stack.formatArn({
          service: 'secretsmanager',
          resource: 'secret',
          resourceName: `${grant.secretPrefix}${party}-??????`,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ),
    }),
  );
}
