/**
 * The cold request of each Lambda entry point (issue 16): a fresh `node` process imports the
 * bundle and calls its handler once with a real request — the handler creates its clients and
 * makes its first DynamoDB call (to the bench's DynamoDB Local) inside that call, as on Lambda's
 * first invocation — and the time from the process's start to the answer is taken. The baseline
 * (bench/baseline-handler.ts) does the same with one GetItem.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { routes } from '#functions/http/routes.ts';
import { localClients } from '#infra/local/clients.ts';
import { gatewayEvent, matchRoute } from '#infra/local/gateway-event.ts';
import { loadDefaultRegister } from '#shared/covenant/register.ts';
import { versionItem } from '#shared/store/covenant.ts';
import { seedVersion } from '#shared/usecases/covenant-source.ts';

const RUNNER = fileURLToPath(new URL('./cold-runner.mjs', import.meta.url));
/** The prefix of the runner's line of figures (cold-runner.mjs). */
const MARK = '@cold ';
/** Nothing answers here: the workflow and SES calls of a task fail fast instead of reaching AWS. */
const CLOSED_PORT = 'http://127.0.0.1:9';

/** The first request each HTTP entry gets: a read a party makes, answered from the table. */
const HTTP_REQUESTS: Readonly<Record<string, string>> = {
  'functions/http/parties.ts': '/parties',
  'functions/http/meetings.ts': '/meetings',
  'functions/http/proposals.ts': `/proposals/${randomUUID()}`,
  'functions/http/decisions.ts': '/decisions',
  'functions/http/deadlines.ts': '/deadlines',
  'functions/http/release-calendar.ts': '/release-calendar',
  'functions/http/openapi.ts': '/openapi.json',
  // The register as CSV: a document that needs no Word writer (functions/http/documents.ts loads it on demand).
  'functions/http/documents.ts': '/decisions.csv',
};

const proposalId = randomUUID();
/** The tasks' payloads: a proposal the table does not hold (the first call reads or writes it). */
const TASK_PAYLOADS: Readonly<Record<string, unknown>> = {
  'functions/tasks/park.ts': {
    taskToken: 'cold',
    proposalId,
    state: 'submitted',
    version: 1,
    executionArn: 'arn:aws:states:eu-central-1:000000000000:execution:proposal-lifecycle:cold',
  },
  'functions/tasks/deadline.ts': {
    proposalId,
    state: 'objection.inGroup.awaitingArguments',
    version: 1,
    event: 'xstate.after.argumentsDeadline.proposal.objection.inGroup.awaitingArguments',
  },
  'functions/tasks/notify.ts': {
    proposalId,
    state: 'objection.inGroup.awaitingArguments',
    version: 1,
    action: 'notify',
    params: { step: 'decision-taken', to: ['members'] },
  },
  'functions/tasks/relay.ts': { Records: [] },
  'bench/baseline-handler.ts': {},
};

function httpEvent(path: string) {
  const matched = matchRoute(routes, 'GET', path);
  if (!matched) throw new Error(`cold request: no route for GET ${path}`);
  return gatewayEvent(
    {
      method: 'GET',
      url: new URL(`https://api.besluitvorming.example${path}`),
      headers: { host: 'api.besluitvorming.example' },
      body: '',
      sourceIp: '127.0.0.1',
      now: new Date(),
    },
    matched,
    { party: 'ZIN' },
  );
}

/** The event file of `entry`, or undefined when the bench has no request for it. */
export function coldEventFile(entry: string, dir: string): string | undefined {
  const path = HTTP_REQUESTS[entry];
  const event = path === undefined ? TASK_PAYLOADS[entry] : httpEvent(path);
  if (event === undefined) return undefined;
  const file = join(dir, `${basename(entry, '.ts')}-event.json`);
  writeFileSync(file, JSON.stringify(event));
  return file;
}

/**
 * Writes covenant version 1 into the cold requests' table exactly as the deploy does
 * (infra/constructs/covenant-seed.ts: the register the stack brings, recorded as of the covenant's
 * signing, put once with `attribute_not_exists(pk)`). Without it every function that reads the
 * version in force answers `CovenantNotSeededError` and stops before its real request.
 */
export async function seedColdTable(dynamoDbEndpoint: string, tableName: string): Promise<void> {
  const { client, documentClient } = localClients(dynamoDbEndpoint);
  try {
    const register = loadDefaultRegister();
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: versionItem(seedVersion(register, `${register.covenantSignedOn}T00:00:00.000Z`)),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } finally {
    client.destroy();
  }
}

/**
 * Whether `answer` is the answer of a real request: an HTTP entry's 2xx, or a 404 after its Query
 * (the proposal the bench asks for is not in the table); a task's `ok`, or the
 * `ProposalNotFoundError` it raises after reading a proposal the table does not hold. Anything else
 * (a 5xx, `CovenantNotSeededError`, a network error) stopped before the request it was meant to time.
 */
export function isRealAnswer(entry: string, answer: string | undefined): boolean {
  if (answer === undefined) return false;
  if (entry in HTTP_REQUESTS || entry.startsWith('bench/') || /^floor(\+tracer)? /.test(entry))
    return /^(2\d\d|404)$/.test(answer);
  return answer === 'ok' || answer === 'ProposalNotFoundError';
}

export interface ColdTiming {
  /** From the process's start until the import finished. */
  readonly imported: number;
  /** From the process's start until the handler answered. */
  readonly answered: number;
  /** The status code, `ok`, or the error's name (a task answering a proposal that does not exist). */
  readonly answer: string;
  /** CPU time of the process (user + system, all its threads) until the import finished, and until the answer. */
  readonly cpuImported: number;
  readonly cpuAnswered: number;
  /** The process's start on the clock of V8's CPU profiles, in µs (to split a profile at the marks above). */
  readonly originUs: number;
}

/** The environment of a cloud function, pointed at the bench's DynamoDB Local. */
export function coldEnv(dynamoDbEndpoint: string, tableName: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    NODE_OPTIONS: '--enable-source-maps',
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_MAX_ATTEMPTS: '1',
    AWS_ENDPOINT_URL_DYNAMODB: dynamoDbEndpoint,
    AWS_ENDPOINT_URL_SFN: CLOSED_PORT,
    AWS_ENDPOINT_URL_SESV2: CLOSED_PORT,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // As on Lambda, where tracing is active: the handlers load the Tracer on their first call
    // (functions/composition/tracing.ts), so that load is part of the cold request here too. No
    // X-Ray daemon listens (its UDP datagrams go nowhere); a missing segment is not an error.
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
    TABLE_NAME: tableName,
    STATE_MACHINE_ARN: 'arn:aws:states:eu-central-1:000000000000:stateMachine:proposal-lifecycle',
    API_BASE_URL: 'https://api.besluitvorming.example',
    MAIL_FROM: 'besluitvorming@zorginstituut.example',
  };
}

/**
 * One cold request of the bundle `outfile` with the event in `eventFile`; `nodeArgs` go before the
 * runner (e.g. `--cpu-prof`, bench/cold-profile.ts).
 */
export function coldOnce(
  outfile: string,
  eventFile: string,
  env: NodeJS.ProcessEnv,
  nodeArgs: readonly string[] = [],
): Promise<ColdTiming> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, RUNNER, outfile, eventFile], {
      cwd: tmpdir(),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`cold request of ${basename(outfile)} failed (${code}): ${err}`));
      else {
        const line = out.split('\n').find((l) => l.startsWith(MARK));
        if (line) resolve(JSON.parse(line.slice(MARK.length)) as ColdTiming);
        else reject(new Error(`cold request of ${basename(outfile)} reported nothing: ${out.slice(-500)}`));
      }
    });
  });
}
