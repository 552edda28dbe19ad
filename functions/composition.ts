/**
 * The cloud composition root: the environment is parsed once, the AWS clients are created once
 * per Lambda container, and every handler gets the same AppDeps. Nothing else in functions/ or
 * shared/ knows it runs in the cloud (DESIGN 3.3).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConfigError, parseCloudEnv } from '#shared/config/env.ts';
import { loadDefaultRegister, parseRegister, type Register } from '#shared/covenant/index.ts';
import { SesMailer } from '#shared/mail/index.ts';
import { systemClock } from '#shared/ports/clock.ts';
import { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { type AppDeps, createAppDeps } from '#shared/usecases/deps.ts';
import { SfnWorkflow } from '#shared/workflow/sfn-workflow.ts';

let deps: AppDeps | undefined;

function registerFrom(json: string | undefined): Register {
  return json === undefined ? loadDefaultRegister() : parseRegister(JSON.parse(json));
}

/** The cloud's AppDeps, built on first use and kept for the container's life. */
export function cloudDeps(env: Readonly<Record<string, string | undefined>> = process.env): AppDeps {
  if (deps) return deps;
  const config = parseCloudEnv(env);
  const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  deps = createAppDeps({
    store: new DynamoDbStore(documentClient, config.TABLE_NAME),
    workflow: new SfnWorkflow(new SFNClient({}), config.STATE_MACHINE_ARN),
    clock: systemClock,
    register: registerFrom(config.REGISTER_JSON),
    logger: new Logger({ serviceName: config.POWERTOOLS_SERVICE_NAME }),
    apiBaseUrl: config.API_BASE_URL,
  });
  return deps;
}

let taskDeps: ReturnType<typeof buildTaskDeps> | undefined;

function buildTaskDeps(env: Readonly<Record<string, string | undefined>>) {
  const app = cloudDeps(env);
  const config = parseCloudEnv(env);
  const relay = { store: app.store, workflow: app.workflow };
  return {
    park: { ...relay, clock: app.clock },
    deadline: app,
    relay,
    notify: () => {
      // Only the notify function is given MAIL_FROM's identity and SES permissions.
      if (!config.MAIL_FROM) throw new ConfigError(['MAIL_FROM: the From address of the e-mails']);
      const mailer = new SesMailer({
        client: new SESv2Client({}),
        ...(config.SES_CONFIGURATION_SET ? { configurationSetName: config.SES_CONFIGURATION_SET } : {}),
      });
      return {
        store: app.store,
        mailer,
        register: app.register,
        machine: app.machine,
        clock: app.clock,
        mailFrom: config.MAIL_FROM,
        apiBaseUrl: app.apiBaseUrl,
      };
    },
  };
}

/** The workflow task handlers' dependencies in the cloud, built on first use. */
export function cloudTaskDeps(env: Readonly<Record<string, string | undefined>> = process.env) {
  taskDeps ??= buildTaskDeps(env);
  return taskDeps;
}
