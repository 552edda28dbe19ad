/**
 * The cloud composition root: the environment is parsed once, the AWS clients are created once
 * per Lambda container, and every handler gets the same AppDeps. Nothing else in functions/ or
 * shared/ knows it runs in the cloud (DESIGN 3.3).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseCloudEnv } from '#shared/config/env.ts';
import { loadDefaultRegister, parseRegister, type Register } from '#shared/covenant/index.ts';
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
