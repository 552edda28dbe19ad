/**
 * `npm run executions -- list [--status RUNNING|SUCCEEDED|FAILED|ABORTED|TIMED_OUT|PENDING_REDRIVE]`
 * `npm run executions -- show <proposalId|executionArn>`
 * `npm run executions -- redrive`: relays every pending signal again, redrives failed executions
 * Add `--cloud` to read AWS Step Functions (credentials and region from the environment, the
 * state machine from STATE_MACHINE_ARN or `--state-machine-arn`); otherwise the running local
 * stack (its data folder: DATA_DIR, else the one `npm start` runs with now, else `.data/`).
 * `--help` prints the usage; a wrong argument ends with exit code 2 and says what is wrong. `show <proposalId>` also compares the execution with
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
import { agreementOf } from '#shared/usecases/executions/agreement.ts';
import { proposalSide } from '#shared/usecases/executions/inspection.ts';
import { SfnWorkflow } from '#shared/workflow/sfn-workflow.ts';
import { parseArgsMessage, type Refusal, refuse } from './cli.ts';
import {
  describeExecution,
  executionSide,
  formatAgreement,
  formatList,
  formatShow,
  listExecutions,
} from './executions/inspect.ts';
import { formatRedrive, redriveFailedExecutions, redriveSignals } from './executions/redrive.ts';

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] as const;

const USAGE = [
  'usage: npm run executions -- list [--status STATUS] [--cloud]',
  '       npm run executions -- show <proposalId|executionArn> [--cloud [--table-name NAME]]',
  '       npm run executions -- redrive [--cloud [--table-name NAME]]',
  '',
  "Lists the workflow's executions, shows one with its timeline and whether it agrees with its",
  'proposal in DynamoDB, or relays pending signals and redrives failed executions. Without --cloud',
  'it reads the running local stack: the data folder in DATA_DIR, else the one npm start runs',
  'with now, else .data/.',
  '',
  `  --status STATUS           list only executions in STATUS (${STATUSES.join(', ')})`,
  '  --cloud                   AWS Step Functions (credentials and region from the environment)',
  '  --state-machine-arn ARN   with --cloud: the state machine (default STATE_MACHINE_ARN)',
  '  --table-name NAME         with --cloud: the table (default TABLE_NAME)',
  '  --help                    this text',
].join('\n');

/** What the command line asks for. */
export type ExecutionsRequest =
  | { readonly help: true }
  | {
      readonly command: 'list' | 'show' | 'redrive';
      readonly subject?: string;
      readonly status?: ExecutionStatus;
      readonly cloud: boolean;
      readonly stateMachineArn?: string;
      readonly tableName?: string;
    };

/** The request the arguments make, or what is wrong with them (with the usage). */
export function executionsRequest(args: readonly string[]): ExecutionsRequest | Refusal {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    const message = parseArgsMessage(error);
    if (message === undefined) throw error;
    return { error: `${message}\n\n${USAGE}` };
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  const [command, subject, ...rest] = positionals;
  if (command !== 'list' && command !== 'show' && command !== 'redrive') {
    const what = command === undefined ? 'no command given' : `unknown command "${command}"`;
    return { error: `${what}: use list, show or redrive\n\n${USAGE}` };
  }
  if (command === 'show' && subject === undefined)
    return { error: `show needs a proposal id or an execution ARN\n\n${USAGE}` };
  const extra = command === 'show' ? rest : [subject, ...rest].filter((a) => a !== undefined);
  if (extra.length > 0) return { error: `unexpected argument "${extra.join(' ')}"\n\n${USAGE}` };
  const status = values.status;
  if (status !== undefined && (command !== 'list' || !(STATUSES as readonly string[]).includes(status)))
    return {
      error:
        command === 'list'
          ? `--status ${status}: give one of ${STATUSES.join(', ')}`
          : '--status filters list only',
    };
  const cloudOnly = (['state-machine-arn', 'table-name'] as const).filter(
    (name) => values[name] !== undefined,
  );
  if (cloudOnly.length > 0 && !values.cloud)
    return { error: `--${cloudOnly.join(', --')} go with --cloud (the local stack names its own)` };
  return {
    command,
    cloud: values.cloud === true,
    ...(command === 'show' && subject !== undefined ? { subject } : {}),
    ...(status !== undefined ? { status: status as ExecutionStatus } : {}),
    ...(values['state-machine-arn'] !== undefined ? { stateMachineArn: values['state-machine-arn'] } : {}),
    ...(values['table-name'] !== undefined ? { tableName: values['table-name'] } : {}),
  };
}

const parse = (args: readonly string[]) =>
  parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      status: { type: 'string' },
      cloud: { type: 'boolean' },
      'state-machine-arn': { type: 'string' },
      'table-name': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });

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
  const request = executionsRequest(process.argv.slice(2));
  if ('error' in request) return refuse(request);
  if ('help' in request) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const target = request.cloud ? cloudTarget(request.stateMachineArn, request.tableName) : localTarget();
  if (request.command === 'list') {
    const executions = await listExecutions(target.client, target.stateMachineArn, request.status);
    process.stdout.write(`${formatList(executions)}\n`);
  } else if (request.command === 'show' && request.subject !== undefined) {
    await show(target, request.subject);
  } else {
    await redrive(target);
  }
}

/** Relays the pending signals again and redrives the failed executions. */
async function redrive(target: Target): Promise<void> {
  if (!target.store) throw new Error('redrive needs the table: set TABLE_NAME or pass --table-name');
  const workflow = new SfnWorkflow(target.client, target.stateMachineArn);
  // The local stack's clock may have been moved forward: the parks the signals lead to are timed by it.
  const now = await target.now();
  const offset = now.getTime() - Date.now();
  const clock = { now: () => new Date(Date.now() + offset) };
  const signals = await redriveSignals({ store: target.store, workflow, clock });
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

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
