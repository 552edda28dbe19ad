/**
 * What every cloud function shares: the environment, parsed once, and the AWS clients, created
 * once per Lambda container. The composition roots beside this file build on it; each function's
 * bundle holds only the root it imports (the park task has no use for the model or for SES).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type CloudEnv, parseCloudEnv } from '#shared/config/env.ts';
import { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { SfnWorkflow } from '#shared/workflow/sfn-workflow.ts';
import { traced } from './tracing.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export interface CloudBasics {
  readonly config: CloudEnv;
  readonly store: DynamoDbStore;
  readonly workflow: SfnWorkflow;
}

let basics: CloudBasics | undefined;

/** The parsed environment, the store and the workflow adapter, built on first use. */
export function cloudBasics(env: Env = process.env): CloudBasics {
  if (basics) return basics;
  const config = parseCloudEnv(env);
  basics = {
    config,
    // The table's stream relays every signal its audit event carries (SignalRelay); no loop reads a list here.
    store: new DynamoDbStore(DynamoDBDocumentClient.from(traced(new DynamoDBClient({}))), config.TABLE_NAME, {
      listSignals: false,
    }),
    workflow: new SfnWorkflow(traced(new SFNClient({})), config.STATE_MACHINE_ARN, { consoleUrls: true }),
  };
  return basics;
}
