/**
 * Each party's machine client secret in Secrets Manager (`<stack>/party-client/<PARTY>`), so that
 * the secretariat hands it over by granting read access to one secret instead of reading it from
 * Cognito. Cognito generates the secret; a custom resource reads it once (DescribeUserPoolClient)
 * when the client is created. Rotation is Cognito's (add a second client secret, hand it over,
 * delete the first), then `put-secret-value`: see the README's runbook.
 */
import { SecretValue, Stack, Validations } from 'aws-cdk-lib';
import type { UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** The construct id of CDK's AwsCustomResource provider function in a stack. */
const AWS_CUSTOM_RESOURCE_PROVIDER_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

export interface PartyClientSecretsProps {
  /** Each party's machine-to-machine app client, by party id. */
  readonly clients: ReadonlyMap<string, UserPoolClient>;
}

export class PartyClientSecrets extends Construct {
  /** The secret of each party's client, by party id. */
  readonly secrets: ReadonlyMap<string, Secret>;

  constructor(scope: Construct, id: string, props: PartyClientSecretsProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    const secrets = new Map<string, Secret>();
    for (const [party, client] of props.clients) {
      const secret = new Secret(this, party, {
        secretName: `${stackName}/party-client/${party}`,
        description: `OAuth2 client credentials of ${party}'s systems (client id and secret)`,
        secretObjectValue: {
          // The id is no secret; it travels with the secret so that one secret is all a party needs.
          clientId: SecretValue.unsafePlainText(client.userPoolClientId),
          clientSecret: client.userPoolClientSecret,
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
    // The custom resource that reads the secrets (one provider function per stack).
    const provider = Stack.of(this).node.tryFindChild(AWS_CUSTOM_RESOURCE_PROVIDER_ID);
    if (provider) {
      Validations.of(provider).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "CDK's AwsCustomResource provider (DescribeUserPoolClient, run at deploy time only) writes its own logs with AWS's basic execution policy; it reads the clients of this user pool and nothing else",
      });
    }
  }
}
