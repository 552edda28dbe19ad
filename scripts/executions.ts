/**
 * `npm run executions -- list [--status RUNNING|SUCCEEDED|FAILED|ABORTED|TIMED_OUT]`
 * `npm run executions -- show <proposalId|executionArn>`
 * `npm run executions -- redrive`: relays every pending signal again, redrives failed executions
 * Add `--cloud` to read AWS Step Functions (credentials and region from the environment, the
 * state machine from STATE_MACHINE_ARN or `--state-machine-arn`); otherwise the running local
 * stack (found through DATA_DIR/stack.json). `show <proposalId>` also compares the execution with
 * the proposal in DynamoDB (in the cloud: the table from TABLE_NAME or `--table-name`).
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type ExecutionStatus, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadLocalKey, signLocalToken } from '#infra/local/auth.ts';
import { localCredentials } from '#infra/local/clients.ts';
import { localDataDir, readStackInfo } from '#infra/local/stack-info.ts';
import { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { SfnWorkflow } from '#shared/workflow/sfn-workflow.ts';
import { agreementOf } from './executions/agreement.ts';
import {
  describeExecution,
  executionSide,
  formatAgreement,
  formatList,
  formatShow,
  listExecutions,
  proposalSide,
} from './executions/inspect.ts';
import { formatRedrive, redriveFailedExecutions, redriveSignals } from './executions/redrive.ts';

const USAGE = [
  'usage: npm run executions -- list [--status STATUS] [--cloud]',
  '       npm run executions -- show <proposalId|executionArn> [--cloud [--table-name NAME]]',
  '       npm run executions -- redrive [--cloud [--table-name NAME]]',
].join('\n');

interface Target {
  readonly client: SFNClient;
  readonly stateMachineArn: string;
  /** The proposals' table, when known. */
  readonly store?: DynamoDbStore;
  /** The system's time: the local stack's clock may have been moved forward. */
  now(): Promise<Date>;
}

function storeOf(tableName: string, client: DynamoDBClient): DynamoDbStore {
  return new DynamoDbStore(DynamoDBDocumentClient.from(client), tableName);
}

function localTarget(): Target {
  const dataDir = localDataDir();
  const stack = readStackInfo(dataDir);
  const client = new SFNClient({ endpoint: stack.sfnEndpoint, ...localCredentials });
  const store = storeOf(
    stack.tableName,
    new DynamoDBClient({ endpoint: stack.dynamoDbEndpoint, ...localCredentials }),
  );
  const now = async () => {
    // The local routes are ZIN's: sign with the stack's own key, as `npm run token -- ZIN` would.
    const token = await signLocalToken(await loadLocalKey(dataDir), { party: 'ZIN' }, { expiresIn: '5m' });
    const response = await fetch(`${stack.baseUrl}/_local/clock`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return new Date(((await response.json()) as { now: string }).now);
  };
  return { client, stateMachineArn: stack.stateMachineArn, store, now };
}

function cloudTarget(arn: string | undefined, tableName: string | undefined): Target {
  const stateMachineArn = arn ?? process.env.STATE_MACHINE_ARN;
  if (!stateMachineArn)
    throw new Error(
      '--cloud needs the state machine: set STATE_MACHINE_ARN or pass --state-machine-arn (stack output StateMachineArn)',
    );
  const table = tableName ?? process.env.TABLE_NAME;
  const store = table ? storeOf(table, new DynamoDBClient({})) : undefined;
  const now = async () => new Date();
  return { client: new SFNClient({}), stateMachineArn, now, ...(store ? { store } : {}) };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      status: { type: 'string' },
      cloud: { type: 'boolean' },
      'state-machine-arn': { type: 'string' },
      'table-name': { type: 'string' },
    },
  });
  const [command, subject] = positionals;
  const target = values.cloud
    ? cloudTarget(values['state-machine-arn'], values['table-name'])
    : localTarget();
  if (command === 'list') {
    const executions = await listExecutions(
      target.client,
      target.stateMachineArn,
      values.status as ExecutionStatus | undefined,
    );
    process.stdout.write(`${formatList(executions)}\n`);
  } else if (command === 'show' && subject) {
    await show(target, subject);
  } else if (command === 'redrive') {
    await redrive(target);
  } else {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
  }
}

/** Relays the pending signals again and redrives the failed executions. */
async function redrive(target: Target): Promise<void> {
  if (!target.store) throw new Error('redrive needs the table: set TABLE_NAME or pass --table-name');
  const workflow = new SfnWorkflow(target.client, target.stateMachineArn);
  const signals = await redriveSignals({ store: target.store, workflow });
  const executions = await redriveFailedExecutions(target.client, target.stateMachineArn);
  process.stdout.write(`${formatRedrive({ signals, ...executions })}\n`);
  if (executions.refused.length > 0) process.exitCode = 1;
}

/** The execution's timeline; for a proposal id also how it compares with the proposal in DynamoDB. */
async function show(target: Target, subject: string): Promise<void> {
  const isArn = subject.startsWith('arn:');
  const shown = await describeExecution(target.client, target.stateMachineArn, subject, {
    allowMissing: !isArn,
  });
  if (shown) process.stdout.write(`${formatShow(shown)}\n`);
  if (isArn) return;
  if (!target.store) {
    process.stdout.write(
      '\n(set TABLE_NAME or pass --table-name to compare with the proposal in DynamoDB)\n',
    );
    return;
  }
  const aggregate = await target.store.getProposal(subject, { consistent: true });
  if (!aggregate) throw new Error(`no proposal ${subject} in the table${shown ? '' : ', and no execution'}`);
  const agreement = agreementOf(proposalSide(aggregate), shown && executionSide(shown), await target.now());
  process.stdout.write(`${shown ? '\n' : ''}${formatAgreement(agreement)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
});
