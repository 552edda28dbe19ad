/**
 * `npm start`: the whole system on this machine (DESIGN 3.3). Data lives under DATA_DIR (default
 * `.data/`), so a restart continues where it stopped. Ctrl-C stops everything it started.
 *
 * Environment: PORT (default 3000), DATA_DIR, LOG_LEVEL (default WARN), and for tests that run
 * DynamoDB Local themselves DYNAMODB_ENDPOINT and TABLE_NAME. REGISTER_FILE names another party
 * register (validated at start; the register is data, changed without a code change).
 */
import { readFileSync, rmSync } from 'node:fs';
import { parseRegister } from '#shared/covenant/index.ts';
import { startLocalStack } from './stack.ts';
import { removeRunningStack, writeRunningStack, writeStackInfo } from './stack-info.ts';

const env = process.env;
const stack = await startLocalStack({
  port: Number(env.PORT ?? 3000),
  dataDir: env.DATA_DIR ?? '.data',
  logLevel: env.LOG_LEVEL ?? 'WARN',
  ...(env.DYNAMODB_ENDPOINT ? { dynamoDbEndpoint: env.DYNAMODB_ENDPOINT } : {}),
  ...(env.TABLE_NAME ? { tableName: env.TABLE_NAME } : {}),
  ...(env.REGISTER_FILE
    ? { register: parseRegister(JSON.parse(readFileSync(env.REGISTER_FILE, 'utf8'))) }
    : {}),
});
// Where the running stack can be reached: `npm run executions` and scripts read it.
const stackFile = writeStackInfo(stack, process.pid);
// Which data folder runs now: `npm run token` and `npm run executions` find it without DATA_DIR.
writeRunningStack(stack.dataDir, process.pid);
process.stdout.write(
  [
    '',
    `Besluitvorming Stuurgroep iStandaarden — local stack`,
    `  API           ${stack.baseUrl}   (OpenAPI: ${stack.baseUrl}/openapi.json)`,
    `  token         npm run token -- ZIN          (any party id; add --role dglz for the DGLZ)`,
    `  e-mail        ${stack.outboxDir}   (listed at GET ${stack.baseUrl}/_local/outbox)`,
    `  clock         ${stack.clock.now().toISOString()}   (POST ${stack.baseUrl}/_local/clock {"advanceDays": 43})`,
    `  executions    npm run executions -- list`,
    `  data          ${stack.dataDir}   (this user only)`,
    `  exposure      API, workflow engine and DynamoDB Local listen on 127.0.0.1 only: every user and`,
    `                program of THIS machine can reach them; see README, "Security"`,
    '',
    'Ctrl-C stops everything.',
    '',
  ].join('\n'),
);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n${signal}: stopping…\n`);
  stack
    .stop()
    .then(() => {
      rmSync(stackFile, { force: true });
      removeRunningStack(process.pid);
    })
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
