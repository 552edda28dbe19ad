/**
 * Each composition root wires the real adapters: a request goes through it to the real local
 * parts and back, instead of a check of which classes it built.
 *
 * - The cloud's roots (functions/composition/): the deployed Lambda entry points, configured by
 *   the environment a Lambda gets, with the AWS SDK pointed by `AWS_ENDPOINT_URL_<SERVICE>` at
 *   DynamoDB Local and at the local engine, which calls the cloud's own task entry points.
 *   SES has no local edition: its endpoint is a loopback listener that keeps what the SES client
 *   sent and answers as SES does.
 * - The local stack (`startLocalStack`), over HTTP with a local token, also with its meter hooks.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { handler as meetingsHandler } from '#functions/http/meetings.ts';
import { handler as proposalsHandler } from '#functions/http/proposals.ts';
import { routes } from '#functions/http/routes.ts';
import { handler as deadlineHandler } from '#functions/tasks/deadline.ts';
import { handler as notifyHandler } from '#functions/tasks/notify.ts';
import { handler as parkHandler } from '#functions/tasks/park.ts';
import { loadLocalKey, signLocalToken } from '#infra/local/auth.ts';
import { AdjustableClock, days } from '#infra/local/clock.ts';
import { createLocalEngine, type LocalEngine } from '#infra/local/engine/index.ts';
import { gatewayEvent, matchRoute } from '#infra/local/gateway-event.ts';
import type { StackConsumer } from '#infra/local/meters.ts';
import { startLocalStack } from '#infra/local/stack.ts';
import { loadDefaultRegister, type Register } from '#shared/covenant/index.ts';
import { versionItem } from '#shared/store/covenant.ts';
import { CovenantNotSeededError, seedVersion } from '#shared/usecases/covenant-source.ts';
import { lifecycleAsl } from '#statemachines/proposal-lifecycle/asl.ts';
import { useDynamoDbLocal } from '#test/support/dynamodb.ts';
import { DYNAMODB_ENDPOINT_KEY } from '#test/support/dynamodb-endpoint.ts';

const ddb = useDynamoDbLocal();
const MAIL_FROM = 'besluitvorming@zorginstituut.example';
/** An address that is in no file of the code: the cloud must take it from the table (issue 14, item 6). */
const VNG_FROM_THE_TABLE = 'stuurgroep-uit-de-tabel@vng.example';

/** The seed register with VNG's representative changed: what an operator's table may hold. */
function registerOfTheTable(): Register {
  const register = loadDefaultRegister();
  return {
    ...register,
    parties: register.parties.map((p) =>
      p.id === 'VNG' ? { ...p, representatives: [{ name: 'VNG', email: VNG_FROM_THE_TABLE }] } : p,
    ),
  };
}

/** A request to an entry point as API Gateway sends it, with the JWT authorizer's claims. */
async function call(
  entry: (event: never) => Promise<APIGatewayProxyStructuredResultV2>,
  request: { method: string; path: string; party: string; body?: unknown },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(`https://api.besluitvorming.example${request.path}`);
  const matched = matchRoute(routes, request.method, url.pathname);
  if (matched === undefined) throw new Error(`no route for ${request.method} ${request.path}`);
  const event = gatewayEvent(
    {
      method: request.method,
      url,
      headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
      body: request.body === undefined ? '' : JSON.stringify(request.body),
      sourceIp: '127.0.0.1',
      now: new Date(),
    },
    matched,
    { party: request.party },
  );
  const result = await entry(event as never);
  return {
    status: Number(result.statusCode),
    body: JSON.parse(String(result.body)) as Record<string, unknown>,
  };
}

/** SES's SendEmail as a loopback listener: keeps each request, answers with a MessageId. */
async function sesListener(): Promise<{
  server: Server;
  url: string;
  requests: { path: string; body: string }[];
}> {
  const requests: { path: string; body: string }[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    requests.push({ path: String(request.url), body: Buffer.concat(chunks).toString('utf8') });
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ MessageId: `ses-${requests.length}` }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

describe('the cloud composition roots (functions/composition/)', () => {
  const saved = { ...process.env };
  let engine: LocalEngine;
  // The engine's clock only: the entry points keep the system clock, as Lambda functions do.
  const engineClock = new AdjustableClock();
  let ses: Awaited<ReturnType<typeof sesListener>>;
  let tableName: string;

  beforeAll(async () => {
    tableName = await ddb.freshTable();
    ses = await sesListener();
    const functions = {
      ParkFunctionArn: 'park',
      DeadlineFunctionArn: 'deadline',
      NotifyFunctionArn: 'notify',
    };
    // The engine stands in for Step Functions; it invokes the cloud's own task entry points.
    engine = createLocalEngine({
      documentClient: ddb.documentClient,
      tableName,
      clock: engineClock,
      handlers: {
        park: parkHandler as never,
        deadline: deadlineHandler as never,
        notify: notifyHandler as never,
      },
      substitutions: functions,
      definitions: { lifecycle: lifecycleAsl() },
    });
    await engine.start();
    // The environment a deployed function gets (api-stack.ts), and the SDK's endpoint overrides.
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      STATE_MACHINE_ARN: engine.stateMachineArn('lifecycle'),
      API_BASE_URL: 'https://api.besluitvorming.example',
      MAIL_FROM,
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: ddb.endpoint,
      AWS_ENDPOINT_URL_SFN: engine.endpoint,
      AWS_ENDPOINT_URL_SESV2: ses.url,
    });
  });

  afterAll(async () => {
    await engine?.stop();
    ses?.server.close();
    process.env = saved;
  });

  it('refuses to run on a table the deploy has not seeded, and runs once version 1 is there', async () => {
    // GIVEN a table without covenant version 1 (the deploy's custom resource did not run)
    const listed = () => call(meetingsHandler, { method: 'GET', path: '/meetings', party: 'VNG' });
    // THEN the function fails (API Gateway answers 500) naming what is missing: it does not fall
    // back on a register of its own, it carries none
    await expect(listed()).rejects.toThrow(CovenantNotSeededError);
    // WHEN version 1 is written as the deploy writes it (infra/constructs/covenant-seed.ts)
    const register = registerOfTheTable();
    await ddb.documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: versionItem(seedVersion(register, `${register.covenantSignedOn}T00:00:00.000Z`)),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    // THEN the same warm function answers (a failed first build is not kept)
    expect(await listed()).toMatchObject({ status: 200 });
  });

  it('runs a proposal through the HTTP, park, notify and deadline entry points, and e-mails through SES', async () => {
    const tabled = await call(proposalsHandler, {
      method: 'POST',
      path: '/proposals',
      party: 'VNG',
      body: {
        title: 'Release iWmo 3.3',
        description: 'Release contents',
        standards: ['iWmo'],
        kind: 'release',
      },
    });
    expect(tabled).toMatchObject({ status: 201, body: { phase: 'submitted', submittedBy: 'VNG' } });
    const id = String(tabled.body.id);
    await engine.idle();
    // The relay started the execution on STATE_MACHINE_ARN; the cloud park task parked it.
    const executionArn = `${engine.stateMachineArn('lifecycle').replace(':stateMachine:', ':execution:')}:${id}`;
    const execution = await engine.describeExecution({ executionArn });
    expect(execution.status).toBe('RUNNING');

    const proposal = (suffix: string, body?: unknown) =>
      call(proposalsHandler, { method: 'POST', path: `/proposals/${id}${suffix}`, party: 'ZIN', body });
    expect(await proposal('/draft', { text: 'The release contents, worked out.' })).toMatchObject({
      status: 200,
    });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
    const meeting = await call(meetingsHandler, {
      method: 'POST',
      path: '/meetings',
      party: 'ZIN',
      body: { date: today, title: 'Stuurgroep' },
    });
    expect(meeting.status).toBe(201);
    expect(await proposal('/schedule', { meetingId: meeting.body.id })).toMatchObject({ status: 200 });
    await engine.idle();
    const decided = await proposal('/consensus', { outcome: 'adopted' });
    expect(decided).toMatchObject({ status: 200, body: { phase: 'decided' } });
    await engine.idle();

    // The notify task's e-mail went out through SES with MAIL_FROM.
    expect(ses.requests.map((r) => r.path)).toEqual(['/v2/email/outbound-emails']);
    expect(ses.requests[0]?.body).toContain(MAIL_FROM);
    expect(ses.requests[0]?.body).toContain('decision-taken');
    // The representatives' addresses come from the covenant version in the table, not the bundle.
    expect(ses.requests[0]?.body).toContain(VNG_FROM_THE_TABLE);
    expect(ses.requests[0]?.body).not.toContain('stuurgroep@vng.example');
    const got = await call(proposalsHandler, { method: 'GET', path: `/proposals/${id}`, party: 'CAK' });
    expect(got).toMatchObject({ status: 200, body: { phase: 'decided', decision: { outcome: 'adopted' } } });

    // An objection parks with its six-week deadline; when the engine's clock says it timed out,
    // the cloud deadline entry point answers (for the functions the deadline is not yet due).
    const objected = await call(proposalsHandler, {
      method: 'POST',
      path: `/proposals/${id}/objection`,
      party: 'CAK',
      body: { reason: 'The iEb messages are not ready' },
    });
    expect(objected).toMatchObject({ status: 200, body: { phase: 'awaiting-arguments' } });
    await engine.idle();
    engineClock.advance(days(43));
    await engine.idle();
    const history = await engine.getExecutionHistory({ executionArn, maxResults: 1000 });
    const deadlineCalls = (history.events ?? []).filter(
      (e) =>
        e.type === 'TaskScheduled' &&
        e.taskScheduledEventDetails?.parameters?.includes('"FunctionName":"deadline"'),
    );
    expect(deadlineCalls).toHaveLength(1);
    expect(history.events?.at(-1)?.type).toBe('TaskSubmitted'); // parked again after the deadline task
    expect((await engine.describeExecution({ executionArn })).status).toBe('RUNNING');
  });
});

describe('the local composition root (startLocalStack)', () => {
  it('answers a request over HTTP, and its meter hooks see every consumer and handler', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'composition-'));
    const consumers = new Set<StackConsumer>();
    const handlers: string[] = [];
    const endpoint = inject(DYNAMODB_ENDPOINT_KEY);
    const stack = await startLocalStack({
      port: 0,
      dataDir,
      tableName: `composition-${randomUUID()}`,
      ...(endpoint === undefined ? { inMemory: true } : { dynamoDbEndpoint: endpoint }),
      meters: {
        dynamoDb: (_client, consumer) => consumers.add(consumer),
        handler: (name, fn) =>
          (async (event: unknown) => {
            handlers.push(name);
            return fn(event);
          }) as typeof fn,
      },
    });
    try {
      const token = await signLocalToken(await loadLocalKey(dataDir), { party: 'VNG' });
      const response = await fetch(`${stack.baseUrl}/proposals`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          title: 'Release iJw 3.3',
          description: 'Contents',
          standards: ['iJw'],
          kind: 'release',
        }),
      });
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ phase: 'submitted', submittedBy: 'VNG' });
      await stack.settle();
      expect([...consumers].sort()).toEqual(['deadline', 'http', 'notify', 'park', 'relay-loop']);
      expect(handlers).toContain('http/proposals');
      expect(handlers).toContain('tasks/park');
    } finally {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
