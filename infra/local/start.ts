/**
 * `npm start`: the whole system on this machine (DESIGN 3.3). Data lives under DATA_DIR (default
 * `.data/`), so a restart continues where it stopped. Ctrl-C stops everything it started.
 */
import { startLocalStack } from './stack.ts';

const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.DATA_DIR ?? '.data';

const stack = await startLocalStack({ port, dataDir, logLevel: process.env.LOG_LEVEL ?? 'WARN' });
process.stdout.write(
  [
    '',
    `Besluitvorming Stuurgroep iStandaarden — local stack`,
    `  API           ${stack.baseUrl}   (OpenAPI: ${stack.baseUrl}/openapi.json)`,
    `  token         npm run token -- ZIN          (any party id; add --role dglz for the DGLZ)`,
    `  e-mail        ${stack.outboxDir}   (listed at GET ${stack.baseUrl}/_local/outbox)`,
    `  clock         ${stack.clock.now().toISOString()}   (POST ${stack.baseUrl}/_local/clock {"advanceDays": 43})`,
    `  executions    npm run executions -- list`,
    `  data          ${stack.dataDir}`,
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
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
