/**
 * How people sign in (DESIGN 7): Cognito's managed login on the user pool's domain, with the
 * authorization-code flow and PKCE for the web app (a public client: no secret), and a group per
 * party (`party-<PARTY>`) and per role (`role-<role>`) that the pre-token-generation trigger turns
 * into the `party` and `roles` claims. MFA is the pool's (required for people).
 */
import { Duration } from 'aws-cdk-lib';
import {
  CfnManagedLoginBranding,
  type CfnUserPoolDomain,
  CfnUserPoolGroup,
  type IUserPool,
  OAuthScope,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { PARTY_GROUP, ROLE_GROUP } from '#functions/auth/pre-token-generation.ts';

export interface PeopleSignInProps {
  readonly userPool: IUserPool;
  /** The pool's domain; its sign-in pages become managed login (version 2). */
  readonly domain: UserPoolDomain;
  /** The parties people act for: one group each. */
  readonly parties: readonly string[];
  /** The roles a person may hold (e.g. `dglz`): one group each. */
  readonly roles: readonly string[];
  /**
   * Where the web app receives the authorization code (its `/callback` page).
   * @default - no web client: people cannot sign in through the browser yet
   */
  readonly callbackUrls?: readonly string[];
  /**
   * Where managed login sends people after signing out.
   * @default - the callback URLs' origins
   */
  readonly logoutUrls?: readonly string[];
}

export class PeopleSignIn extends Construct {
  /** The web app's client (authorization code + PKCE), when callback URLs were given. */
  readonly webClient?: UserPoolClient;
  /** Group names by party id, then by role. */
  readonly partyGroups: ReadonlyMap<string, string>;
  readonly roleGroups: ReadonlyMap<string, string>;

  constructor(scope: Construct, id: string, props: PeopleSignInProps) {
    super(scope, id);
    (props.domain.node.defaultChild as CfnUserPoolDomain).managedLoginVersion = 2;
    const group = (name: string, description: string) => {
      new CfnUserPoolGroup(this, name, {
        userPoolId: props.userPool.userPoolId,
        groupName: name,
        description,
      });
      return name;
    };
    this.partyGroups = new Map(
      props.parties.map((party) => [party, group(`${PARTY_GROUP}${party}`, `People who act for ${party}`)]),
    );
    this.roleGroups = new Map(
      props.roles.map((role) => [role, group(`${ROLE_GROUP}${role}`, `People who act in the role ${role}`)]),
    );

    const callbackUrls = [...(props.callbackUrls ?? [])];
    if (callbackUrls.length === 0) return;
    const logoutUrls = [...(props.logoutUrls ?? callbackUrls.map((url) => `${new URL(url).origin}/`))];
    this.webClient = props.userPool.addClient('WebClient', {
      userPoolClientName: 'web',
      // A browser keeps no secret: the code is bound to the browser by PKCE instead.
      generateSecret: false,
      authFlows: {},
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls,
        logoutUrls,
      },
    });
    // Managed login needs a style for the client; Cognito's own until the secretariat brands it.
    new CfnManagedLoginBranding(this, 'Branding', {
      userPoolId: props.userPool.userPoolId,
      clientId: this.webClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
  }
}
