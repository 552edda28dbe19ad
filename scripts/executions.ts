/**
 * `npm run executions -- list [--status RUNNING|SUCCEEDED|FAILED|ABORTED|TIMED_OUT]`
 * `npm run executions -- show <proposalId|executionArn>`
 * Add `--cloud` to read AWS Step Functions (credentials and region from the environment, the
 * state machine from STATE_MACHINE_ARN or `--state-machine-arn`); otherwise the running local
 * stack (found through DATA_DIR/stack.json).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type ExecutionStatus, SFNClient } from '@aws-sdk/client-sfn';
import { describeExecution, formatList, formatShow, listExecutions } from './executions/inspect.ts';

const USAGE = [
  'usage: npm run executions -- list [--status STATUS] [--cloud]',
  '       npm run executions -- show <proposalId|executionArn> [--cloud]',
].join('\n');

interface Target {
  readonly client: SFNClient;
  readonly stateMachineArn: string;
}

function localTarget(): Target {
  const file = join(resolve(process.env.DATA_DIR ?? '.data'), 'stack.json');
  let stack: { sfnEndpoint: string; stateMachineArn: string };
  try {
    stack = JSON.parse(readFileSync(file, 'utf8')) as typeof stack;
  } catch {
    throw new Error(
      `no running local stack found (${file} is missing): start it with npm start, or pass --cloud`,
    );
  }
  const client = new SFNClient({
    endpoint: stack.sfnEndpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return { client, stateMachineArn: stack.stateMachineArn };
}

function cloudTarget(arn: string | undefined): Target {
  const stateMachineArn = arn ?? process.env.STATE_MACHINE_ARN;
  if (!stateMachineArn)
    throw new Error(
      '--cloud needs the state machine: set STATE_MACHINE_ARN or pass --state-machine-arn (stack output StateMachineArn)',
    );
  return { client: new SFNClient({}), stateMachineArn };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      status: { type: 'string' },
      cloud: { type: 'boolean' },
      'state-machine-arn': { type: 'string' },
    },
  });
  const [command, subject] = positionals;
  const target = values.cloud ? cloudTarget(values['state-machine-arn']) : localTarget();
  if (command === 'list') {
    const executions = await listExecutions(
      target.client,
      target.stateMachineArn,
      values.status as ExecutionStatus | undefined,
    );
    process.stdout.write(`${formatList(executions)}\n`);
  } else if (command === 'show' && subject) {
    const shown = await describeExecution(target.client, target.stateMachineArn, subject);
    process.stdout.write(`${formatShow(shown)}\n`);
  } else {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
});
