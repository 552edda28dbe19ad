import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { documentationDeps } from '#functions/composition/documentation.ts';
import { handler } from '#functions/http/openapi.ts';
import { openApiDocument } from '#functions/http/openapi-document.ts';
import { routes } from '#functions/http/routes.ts';
import { gatewayEvent, matchRoute } from '#infra/local/gateway-event.ts';

/** The environment the stack gives every HTTP function (infra/stacks/api-stack.ts). */
const CLOUD_ENV = {
  TABLE_NAME: 'besluitvorming',
  STATE_MACHINE_ARN: 'arn:aws:states:eu-central-1:123456789012:stateMachine:proposal-lifecycle',
  API_BASE_URL: 'https://api.besluitvorming.example/',
};

function get(path: string) {
  const url = new URL(`https://api.besluitvorming.example${path}`);
  const matched = matchRoute(routes, 'GET', url.pathname);
  if (!matched) throw new Error(`no route for GET ${path}`);
  return gatewayEvent(
    { method: 'GET', url, headers: {}, body: '', sourceIp: '127.0.0.1', now: new Date() },
    matched,
    undefined,
  );
}

describe('documentationDeps (the openapi function)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  // The stack grants the openapi function no table access: a read would be refused in the cloud.
  it('serves the document and the problem pages without a call to DynamoDB or Step Functions', async () => {
    // GIVEN the cloud's environment, and every DynamoDB and Step Functions call recorded
    Object.assign(process.env, CLOUD_ENV, { POWERTOOLS_LOG_LEVEL: 'SILENT' });
    const dynamodb = mockClient(DynamoDBClient);
    const sfn = mockClient(SFNClient);
    // WHEN the entry point answers its routes
    const document = await handler(get('/openapi.json'));
    const page = await handler(get('/problems/proposal-not-found'));
    // THEN each answers as the generated document and the page say, and nothing was called
    expect(document.statusCode).toBe(200);
    expect(document.body).toBe(
      JSON.stringify(openApiDocument({ serverUrl: 'https://api.besluitvorming.example' })),
    );
    expect(page.statusCode).toBe(200);
    expect(dynamodb.calls()).toHaveLength(0);
    expect(sfn.calls()).toHaveLength(0);
    dynamodb.restore();
    sfn.restore();
  });

  it('names the part a route would have used that this function does not have', () => {
    const deps = documentationDeps(CLOUD_ENV);
    expect(() => deps.store.getProposal).toThrow('the documentation’s function has no store');
    expect(deps.apiBaseUrl).toBe('https://api.besluitvorming.example');
  });
});
