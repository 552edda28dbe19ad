/**
 * The app's stacks and how they are wired: the stateful stacks (table; user pool) and the
 * stateless API stack that receives them. infra/bin/app.ts and the infra tests both call this.
 */
import type { App, Environment } from 'aws-cdk-lib';
import { ApiStack, alarmTopicNameOf } from '#infra/stacks/api-stack.ts';
import { AuthStack } from '#infra/stacks/auth-stack.ts';
import { DataStack } from '#infra/stacks/data-stack.ts';
import type { DeploymentContext } from '#infra/stacks/deployment-context.ts';
import { EdgeStack } from '#infra/stacks/edge-stack.ts';

export interface Stacks {
  readonly data: DataStack;
  readonly auth: AuthStack;
  readonly api: ApiStack;
  /** The web ACL for CloudFront, in us-east-1 whatever the app's region. */
  readonly edge: EdgeStack;
}

/** Adds the four stacks to `app`. */
export function defineStacks(app: App, context: DeploymentContext, env: Environment = {}): Stacks {
  const data = new DataStack(app, `${context.stackPrefix}Data`, {
    env,
    customerManagedKey: context.customerManagedKey,
  });
  const apiStackName = `${context.stackPrefix}Api`;
  const auth = new AuthStack(app, `${context.stackPrefix}Auth`, {
    env,
    // The API stack's own alarm topic has a fixed name, so this stack can name it without an import.
    alarmTopic: context.alarmTopicArn ?? { name: alarmTopicNameOf(apiStackName) },
    authDomainPrefix: context.authDomainPrefix,
    callbackUrls: context.callbackUrls,
  });
  // CloudFront takes web ACLs from us-east-1 only; the API stack reads its ARN from there.
  const edge = new EdgeStack(app, `${context.stackPrefix}Edge`, {
    env: { ...env, region: 'us-east-1' },
  });
  const api = new ApiStack(app, apiStackName, {
    webAclArnParameter: edge.webAclArnParameter,
    env,
    // Weak references (SSM parameters): each stack can change without unblocking an export first.
    table: data.references,
    directory: auth.references,
    mailFrom: context.mailFrom,
    mailIdentity: context.mailIdentity,
    ...(context.alarmEmail ? { alarmEmail: context.alarmEmail } : {}),
    ...(context.alarmTopicArn ? { alarmTopicArn: context.alarmTopicArn } : {}),
    ...(context.apiBaseUrl ? { apiBaseUrl: context.apiBaseUrl } : {}),
    partyClientSecrets: {
      prefix: auth.clientSecrets.secretPrefix,
      parties: [...auth.directory.partyClients.keys()],
    },
  });
  // The parameters must exist before the API stack reads them.
  api.addStackDependency(data);
  api.addStackDependency(auth);
  api.addStackDependency(edge);
  return { data, auth, api, edge };
}
