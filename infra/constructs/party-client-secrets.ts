/**
 * Each party's machine client secret in Secrets Manager (`<stack>/party-client/<PARTY>`), so that
 * the secretariat hands it over by granting read access to one secret instead of reading it from
 * Cognito. Cognito generates the secret; a custom resource reads it once (DescribeUserPoolClient)
 * when the client is created. Rotation is Cognito's (add a second client secret, hand it over,
 * delete the first), then `put-secret-value`: see the README's runbook.
 */
import { SecretValue, Stack, Validations } from 'aws-cdk-lib';
import type { IUserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  Logging,
  PhysicalResourceId,
} from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

export interface PartyClientSecretsProps {
  /** The user pool of the clients. */
  readonly userPool: IUserPool;
  /** Each party's machine-to-machine app client, by party id. */
  readonly clients: ReadonlyMap<string, UserPoolClient>;
}

export class PartyClientSecrets extends Construct {
  /** The secret of each party's client, by party id. */
  readonly secrets: ReadonlyMap<string, Secret>;
  /** The secrets' common name prefix: `<stack>/party-client/`, then the party id. */
  readonly secretPrefix: string;

  constructor(scope: Construct, id: string, props: PartyClientSecretsProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    this.secretPrefix = `${stackName}/party-client/`;
    // The custom resources' function: its own role and log group, no AWS-managed policy.
    const logGroup = new LogGroup(this, 'ReaderLogs', { retention: RetentionDays.ONE_MONTH });
    const role = new Role(this, 'ReaderRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: "Reads the parties' app client secrets from Cognito at deploy time",
    });
    logGroup.grantWrite(role);
    const secrets = new Map<string, Secret>();
    for (const [party, client] of props.clients) {
      const read = new AwsCustomResource(this, `Read${party}`, {
        resourceType: 'Custom::DescribeCognitoUserPoolClient',
        onUpdate: {
          service: 'CognitoIdentityServiceProvider',
          action: 'describeUserPoolClient',
          parameters: { UserPoolId: props.userPool.userPoolId, ClientId: client.userPoolClientId },
          physicalResourceId: PhysicalResourceId.of(client.userPoolClientId),
          // The response holds the secret: kept out of the function's logs.
          logging: Logging.withDataHidden(),
        },
        policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: [props.userPool.userPoolArn] }),
        role,
        logGroup,
        installLatestAwsSdk: false,
      });
      const secret = new Secret(this, party, {
        secretName: `${this.secretPrefix}${party}`,
        description: `OAuth2 client credentials of ${party}'s systems (client id and secret)`,
        secretObjectValue: {
          // The id is no secret; it travels with the secret so that one secret is all a party needs.
          clientId: SecretValue.unsafePlainText(client.userPoolClientId),
          clientSecret: SecretValue.resourceAttribute(read.getResponseField('UserPoolClient.ClientSecret')),
        },
      });
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'Cognito generates and rotates the client secret (add-user-pool-client-secret, then delete the old one); Secrets Manager only hands it over, so a Secrets Manager rotation Lambda has nothing to rotate',
      });
      secrets.set(party, secret);
    }
    this.secrets = secrets;
  }
}
