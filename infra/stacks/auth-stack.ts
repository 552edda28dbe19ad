/**
 * Who the callers are: the Cognito user pool with its users, the parties' app clients (whose
 * secrets the parties hold) and the pre-token-generation trigger. Stateful like the table, so
 * apart from the stateless API stack, which receives the directory as a prop.
 */
import { ArnFormat, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { HandlerFunction } from '#infra/constructs/handler-function.ts';
import { PartyClientSecrets } from '#infra/constructs/party-client-secrets.ts';
import { type DirectoryParty, PartyDirectory } from '#infra/constructs/party-directory.ts';
import { PeopleSignIn } from '#infra/constructs/people-sign-in.ts';
import { type AuthReferences, publish, publishList } from '#infra/constructs/stack-references.ts';
import { loadDefaultRegister } from '#shared/covenant/register.ts';

export interface AuthStackProps extends StackProps {
  /** The prefix of the Cognito domain (`<prefix>.auth.<region>.amazoncognito.com`), globally unique. */
  readonly authDomainPrefix: string;
  /**
   * Callback URLs for people signing in with the authorization-code flow.
   * @default - none: people sign in with SRP
   */
  readonly callbackUrls?: readonly string[];
  /**
   * The parties that get an app client.
   * @default - every party of the register (shared/covenant/register.json)
   */
  readonly parties?: readonly DirectoryParty[];
  /**
   * Where the trigger's alarm goes: a topic's ARN, or the name of a topic in this account and region.
   * @default - the alarm has no action
   */
  readonly alarmTopic?: string | { readonly name: string };
}

export class AuthStack extends Stack {
  /** Every app client whose access tokens the API accepts: people, the web app, each party. */
  get clientIds(): string[] {
    const web = this.signIn.webClient;
    return [...this.directory.clientIds, ...(web ? [web.userPoolClientId] : [])];
  }

  readonly directory: PartyDirectory;
  /** People's sign-in: managed login, the web app's client, the party and role groups. */
  readonly signIn: PeopleSignIn;
  /** Each party's client id and secret in Secrets Manager. */
  readonly clientSecrets: PartyClientSecrets;
  /** Where the API stack finds the user pool and its clients (SSM parameters, not exports). */
  readonly references: AuthReferences;

  constructor(scope: Construct, id: string, props: AuthStackProps) {
    super(scope, id, props);
    const preTokenGeneration = new HandlerFunction(this, 'PreTokenGeneration', {
      entry: 'functions/auth/pre-token-generation.ts',
      description: 'Puts party and roles into the access token',
      memorySize: 256,
    });
    if (props.alarmTopic !== undefined) {
      const arn =
        typeof props.alarmTopic === 'string'
          ? props.alarmTopic
          : this.formatArn({
              service: 'sns',
              resource: props.alarmTopic.name,
              arnFormat: ArnFormat.NO_RESOURCE_NAME,
            });
      preTokenGeneration.errorAlarm.addAlarmAction(
        new SnsAction(Topic.fromTopicArn(this, 'AlarmTopic', arn)),
      );
    }
    this.directory = new PartyDirectory(this, 'Directory', {
      parties: props.parties ?? registerParties(),
      preTokenGeneration: preTokenGeneration.fn,
      domainPrefix: props.authDomainPrefix,
      ...(props.callbackUrls ? { callbackUrls: props.callbackUrls } : {}),
    });

    const parties = props.parties ?? registerParties();
    this.signIn = new PeopleSignIn(this, 'SignIn', {
      userPool: this.directory.userPool,
      domain: this.directory.domain,
      parties: parties.map((p) => p.id),
      roles: [...new Set(parties.flatMap((p) => p.roles))],
      ...(props.callbackUrls ? { callbackUrls: props.callbackUrls } : {}),
    });

    this.clientSecrets = new PartyClientSecrets(this, 'PartyClientSecrets', {
      userPool: this.directory.userPool,
      clients: this.directory.partyClients,
    });

    this.references = {
      userPoolId: publish(this, 'UserPoolIdParameter', 'user-pool/id', this.directory.userPool.userPoolId),
      clientIds: publishList(this, 'ClientIdsParameter', 'user-pool/client-ids', this.clientIds),
      webClientId: publish(
        this,
        'WebClientIdParameter',
        'user-pool/web-client-id',
        (this.signIn.webClient ?? this.directory.peopleClient).userPoolClientId,
      ),
      domainUrl: publish(this, 'DomainUrlParameter', 'user-pool/domain-url', this.directory.domain.baseUrl()),
    };

    new CfnOutput(this, 'UserPoolId', { value: this.directory.userPool.userPoolId });
    new CfnOutput(this, 'TokenEndpoint', {
      value: this.directory.tokenEndpoint,
      description: 'OAuth2 token endpoint for client credentials',
    });
    new CfnOutput(this, 'PeopleClientId', { value: this.directory.peopleClient.userPoolClientId });
    new CfnOutput(this, 'UserPoolDomain', {
      value: this.directory.domain.baseUrl(),
      description: 'Managed login (authorization code + PKCE): /oauth2/authorize, /oauth2/token, /logout',
    });
    if (this.signIn.webClient) {
      new CfnOutput(this, 'WebClientId', {
        value: this.signIn.webClient.userPoolClientId,
        description: 'The web app’s app client (public, authorization code + PKCE)',
      });
    }
    for (const [party, client] of this.directory.partyClients) {
      new CfnOutput(this, `PartyClientId${party}`, {
        value: client.userPoolClientId,
        description: `App client of ${party}; id and secret in Secrets Manager: ${this.stackName}/party-client/${party}`,
      });
    }
  }
}

/** The register's parties: a party joining needs a deploy to get its app client. */
function registerParties(): DirectoryParty[] {
  return loadDefaultRegister().parties.map((p) => ({ id: p.id, name: p.name, roles: [...p.roles] }));
}
