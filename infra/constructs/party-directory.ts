/**
 * Who may call the API (DESIGN 3.3): a Cognito user pool whose access tokens carry the caller's
 * `party` and `roles`. People sign in as users (with MFA) whose `custom:party`/`custom:roles`
 * only administrators write; each party's own system calls machine-to-machine with OAuth2 client
 * credentials through an app client of its own, bound to its party by the scopes of its resource
 * server (functions/auth/party-scopes.ts), never in a personal role such as `dglz`, which only a
 * person signed in with MFA holds. A pre-token-generation trigger (event version 3, the
 * one that also runs for client credentials) turns either into the claims.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  type CfnUserPoolClient,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ACT_SCOPE, PERSONAL_ROLES, resourceServerIdOf } from '#functions/auth/party-scopes.ts';

/** A party as the directory needs it: its id and the roles it may act in. */
export interface DirectoryParty {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
}

export interface PartyDirectoryProps {
  /** The parties that get a resource server and an app client (from the register). */
  readonly parties: readonly DirectoryParty[];
  /** The pre-token-generation trigger (functions/auth/pre-token-generation.ts). */
  readonly preTokenGeneration: IFunction;
  /** The prefix of the Cognito domain whose /oauth2/token endpoint the party clients call (globally unique). */
  readonly domainPrefix: string;
  /**
   * Callback URLs of a front end where people sign in with the authorization-code flow (PKCE).
   * @default - none: people sign in with SRP (e.g. `aws cognito-idp initiate-auth`), no hosted login
   */
  readonly callbackUrls?: readonly string[];
  /**
   * How long an access token is valid.
   * @default Duration.hours(1)
   */
  readonly accessTokenValidity?: Duration;
}

const PARTY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export class PartyDirectory extends Construct {
  readonly userPool: UserPool;
  readonly domain: UserPoolDomain;
  /** The app client people sign in with. */
  readonly peopleClient: UserPoolClient;
  /** Each party's machine-to-machine app client, by party id. */
  readonly partyClients: ReadonlyMap<string, UserPoolClient>;

  constructor(scope: Construct, id: string, props: PartyDirectoryProps) {
    super(scope, id);
    validate(props, this.node.path);
    const accessTokenValidity = props.accessTokenValidity ?? Duration.hours(1);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      // The procedure's e-mails go to this address: a change takes effect only once the new
      // address is verified; until then the verified original stays (and stays the sign-in).
      autoVerify: { email: true },
      keepOriginal: { email: true },
      customAttributes: {
        party: new StringAttribute({ minLen: 1, maxLen: 32, mutable: true }),
        roles: new StringAttribute({ minLen: 0, maxLen: 256, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // PLUS: threat protection for the people who vote on behalf of their party.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // V3: the only version that also runs for client credentials (machine-to-machine).
    this.userPool.addTrigger(
      UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      props.preTokenGeneration,
      LambdaVersion.V3_0,
    );
    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });

    // People may read their attributes but write none of the ones that carry authority, nor their
    // e-mail address (where the procedure's e-mails go): an administrator changes it.
    const ownAttributes = new ClientAttributes().withStandardAttributes({ email: true, fullname: true });
    const writableAttributes = new ClientAttributes().withStandardAttributes({ fullname: true });
    const callbackUrls = props.callbackUrls ?? [];
    this.peopleClient = this.userPool.addClient('PeopleClient', {
      userPoolClientName: 'people',
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity,
      readAttributes: ownAttributes.withCustomAttributes('party', 'roles'),
      writeAttributes: writableAttributes,
      ...(callbackUrls.length === 0
        ? { disableOAuth: true }
        : {
            oAuth: {
              flows: { authorizationCodeGrant: true },
              scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
              callbackUrls: [...callbackUrls],
            },
          }),
    });

    const partyClients = new Map<string, UserPoolClient>();
    for (const party of props.parties) {
      // A machine never acts in a personal role (the DGLZ decides as a person, with MFA).
      const machineRoles = party.roles.filter((role) => !PERSONAL_ROLES.includes(role));
      const scopes = [ACT_SCOPE, ...machineRoles].map(
        (scopeName) =>
          new ResourceServerScope({ scopeName, scopeDescription: `${party.name}: ${scopeName}` }),
      );
      const server = this.userPool.addResourceServer(`Party${party.id}`, {
        identifier: resourceServerIdOf(party.id),
        userPoolResourceServerName: `party-${party.id}`,
        scopes,
      });
      const client = this.userPool.addClient(`Party${party.id}Client`, {
        userPoolClientName: `party-${party.id}`,
        generateSecret: true,
        authFlows: {},
        enableTokenRevocation: true,
        accessTokenValidity,
        oAuth: {
          flows: { clientCredentials: true },
          scopes: scopes.map((s) => OAuthScope.resourceServer(server, s)),
        },
      });
      // No sign-in flows: without any, Cognito would default to SRP and custom auth for this client.
      (client.node.defaultChild as CfnUserPoolClient).explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];
      partyClients.set(party.id, client);
    }
    this.partyClients = partyClients;
  }

  /** The issuer of the access tokens (for a JWT authorizer). */
  get issuer(): string {
    return `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }

  /** Every app client's id: the audiences an authorizer accepts (`client_id` of access tokens). */
  get clientIds(): string[] {
    return [this.peopleClient, ...this.partyClients.values()].map((c) => c.userPoolClientId);
  }

  /** The OAuth2 token endpoint for client credentials. */
  get tokenEndpoint(): string {
    return `${this.domain.baseUrl()}/oauth2/token`;
  }
}

function validate(props: PartyDirectoryProps, where: string): void {
  const bad = props.parties.find((p) => !PARTY_ID.test(p.id));
  if (bad) {
    throw new Error(
      `PartyDirectory ${where}: party id '${bad.id}' is not 1–32 letters, digits, '-' or '_'; fix the register`,
    );
  }
  if (props.parties.length === 0) {
    throw new Error(`PartyDirectory ${where}: no parties given; pass the register's parties`);
  }
  if (!DOMAIN_PREFIX.test(props.domainPrefix) || /aws|amazon|cognito/.test(props.domainPrefix)) {
    throw new Error(
      `PartyDirectory ${where}: domainPrefix '${props.domainPrefix}' must be lowercase letters, digits and '-' (at most 63, without aws, amazon or cognito); set the context value authDomainPrefix`,
    );
  }
}
