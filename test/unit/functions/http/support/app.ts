// The API under test: the real handlers, the real DynamoDbStore over a DynamoDBDocumentClient
// mocked with aws-sdk-client-mock (backed by an in-memory table), the real SfnWorkflow over a
// mocked SFNClient, and a fixed clock that tests move forward.
import './matchers.ts';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { createHttpHandlers } from '#functions/http/index.ts';
import { type HandlerModule, routes } from '#functions/http/routes.ts';
import { loadDefaultRegister } from '#shared/covenant/index.ts';
import type { Clock } from '#shared/ports/clock.ts';
import { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { createAppDeps } from '#shared/usecases/deps.ts';
import { executionArnOf, SfnWorkflow } from '#shared/workflow/sfn-workflow.ts';
import { backWithFakeTable, FakeTable } from './fake-table.ts';

export const TABLE = 'besluitvorming';
export const STATE_MACHINE_ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:proposal-lifecycle';
export const BASE_URL = 'https://api.besluitvorming.example';
/** A Wednesday in February 2027, 10:00 in Amsterdam. */
export const START = '2027-02-17T09:00:00.000Z';
export const VOTING_PARTIES = ['ACTIZ', 'GGZ', 'JZN', 'VALENTE', 'VGN', 'ZTNL', 'VNG', 'CAK'] as const;
export const PROVIDER_ASSOCIATIONS = ['ACTIZ', 'GGZ', 'JZN', 'VALENTE', 'VGN', 'ZTNL'] as const;
export const ALL_PARTIES = [...VOTING_PARTIES, 'ZIN', 'VWS', 'KBSD'] as const;

/** A clock the test moves. */
export class TestClock implements Clock {
  private current: number;
  constructor(start: string) {
    this.current = Date.parse(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  advanceDays(days: number): void {
    this.current += days * 86_400_000;
  }
}

/** Who calls: a party (and roles), no token at all (`null`), or raw claims. */
export type As =
  | string
  | { party: string; roles?: string[] | string }
  | null
  | { claims: Record<string, string> };

export interface CallOptions {
  readonly as?: As;
  readonly params?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: unknown;
  /** The body text as sent, when it is not JSON of `body`. */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  /** Send the body base64-encoded, as API Gateway does for binary media types. */
  readonly base64?: boolean;
}

export interface Response {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies freely and validate them with schemas.
  readonly body: any;
}

const claimsOf = (as: As | undefined): Record<string, string | string[]> | undefined => {
  if (as === null) return undefined;
  if (as === undefined) return { party: 'ZIN' };
  if (typeof as === 'string') return { party: as };
  if ('claims' in as) return as.claims;
  return { party: as.party, ...(as.roles ? { roles: as.roles } : {}) };
};

/** An API Gateway HTTP API (payload 2.0) event for a route, as API Gateway builds it. */
export function apiEvent(
  routeKey: string,
  options: CallOptions = {},
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const [method = 'GET', template = '/'] = routeKey.split(' ');
  const params = options.params ?? {};
  const rawPath = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const claims = claimsOf(options.as);
  const text = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const body = text !== undefined && options.base64 ? Buffer.from(text).toString('base64') : text;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: { 'content-type': 'application/json', ...options.headers },
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(Object.keys(params).length > 0 ? { pathParameters: params } : {}),
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: options.base64 === true,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.besluitvorming.example',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'vitest' },
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      routeKey,
      stage: '$default',
      time: '17/Feb/2027:09:00:00 +0000',
      timeEpoch: 0,
      ...(claims
        ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } } }
        : {}),
    },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

function toResponse(result: APIGatewayProxyStructuredResultV2): Response {
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  const text = result.body ?? '';
  const json = (headers['content-type'] ?? '').includes('json');
  return { status: result.statusCode ?? 200, headers, text, body: json && text ? JSON.parse(text) : text };
}

/** What Step Functions answers to StartExecution. */
export const startExecution = (input: { name?: string }) => ({
  executionArn: executionArnOf(STATE_MACHINE_ARN, input.name ?? ''),
  startDate: new Date(),
});

/** A fresh API with an empty table. */
export function testApp(
  start = START,
  logger = new Logger({ serviceName: 'besluitvorming-test', logLevel: 'SILENT' }),
) {
  const table = new FakeTable();
  const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
  const ddb = backWithFakeTable(documentClient, table);
  const sfnClient = new SFNClient({ region: 'eu-west-1' });
  const sfn = mockClient(sfnClient);
  sfn.on(StartExecutionCommand).callsFake(startExecution);
  sfn.on(SendTaskSuccessCommand).resolves({});
  // Administrators' reads (GET /executions): this fake engine keeps no executions to list.
  sfn.on(ListExecutionsCommand).resolves({ executions: [] });
  const clock = new TestClock(start);
  const deps = createAppDeps({
    store: new DynamoDbStore(documentClient, TABLE),
    workflow: new SfnWorkflow(sfnClient, STATE_MACHINE_ARN),
    clock,
    register: loadDefaultRegister(),
    logger,
    apiBaseUrl: BASE_URL,
  });
  const handlers = createHttpHandlers(deps);
  /** Calls the handler module that serves `routeKey` (by the route table), as API Gateway would. */
  const call = async (routeKey: string, options: CallOptions = {}): Promise<Response> => {
    const module = (routes as Record<string, { handler: HandlerModule }>)[routeKey]?.handler ?? 'proposals';
    return toResponse(await handlers[module](apiEvent(routeKey, options)));
  };
  return { deps, table, ddb, sfn, clock, handlers, call };
}

export type TestApp = ReturnType<typeof testApp>;
