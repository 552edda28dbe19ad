/**
 * The app's stacks and how they are wired: the stateful stacks (table; user pool) and the
 * stateless API stack that receives them. infra/bin/app.ts and the infra tests both call this.
 */
import type { App, Environment } from 'aws-cdk-lib';
import { ApiStack, alarmTopicNameOf } from '#infra/stacks/api-stack.ts';
import { AuthStack } from '#infra/stacks/auth-stack.ts';
import { DataStack } from '#infra/stacks/data-stack.ts';
import type { DeploymentContext } from '#infra/stacks/deployment-context.ts';

export interface Stacks {
  readonly data: DataStack;
  readonly auth: AuthStack;
  readonly api: ApiStack;
}

/** Adds the three stacks to `app`. */
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
  const api = new ApiStack(app, apiStackName, {
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
  return { data, auth, api };
}
