import { Logger } from '@aws-lambda-powertools/logger';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { anyParty } from '#shared/http/authority.ts';
import { createRouteHandler } from '#shared/http/handler.ts';
import { PROBLEM_BASE } from '#shared/http/problems.ts';
import { route } from '#shared/http/route.ts';
import { apiEvent, START, testApp } from '../../functions/http/support/app.ts';
import { expectCall, proposalBody, submit } from '../../functions/http/support/scenarios.ts';

/** Log lines written while `run` runs, parsed (Powertools writes one JSON object per line). */
async function captureLogs(run: (logger: Logger) => Promise<void>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  // Powertools writes warnings and errors to stderr, the rest to stdout.
  const spies = [vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write')].map((s) =>
    s.mockImplementation(capture),
  );
  try {
    await run(new Logger({ serviceName: 'besluitvorming-test', logLevel: 'DEBUG' }));
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines
    .flatMap((l) => l.split('\n'))
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('shared/http/handler', () => {
  it('decides a proposal event on the read authorization made: one read of the proposal before the write', async () => {
    // GIVEN a tabled proposal
    const app = testApp();
    const id = await submit(app, 'VNG');
    // A consistent read of the proposal is one Query from its item on (it brings the parked token).
    const consistentReads = () =>
      app.ddb
        .commandCalls(GetCommand)
        .filter(
          (call) =>
            call.args[0].input.Key?.pk === `PROPOSAL#${id}` &&
            call.args[0].input.Key?.sk === 'PROPOSAL' &&
            call.args[0].input.ConsistentRead,
        ).length +
      app.ddb
        .commandCalls(QueryCommand)
        .filter(
          (call) =>
            call.args[0].input.ExpressionAttributeValues?.[':pk'] === `PROPOSAL#${id}` &&
            call.args[0].input.ExpressionAttributeValues?.[':from'] === 'PROPOSAL',
        ).length;
    const before = consistentReads();
    // WHEN ZIN works it out, with and without an Idempotency-Key
    await expectCall(app, 'POST /proposals/{id}/draft', 200, {
      as: 'ZIN',
      params: { id },
      body: { text: 'a' },
    });
    const once = consistentReads() - before;
    await expectCall(app, 'POST /proposals/{id}/draft', 200, {
      as: 'ZIN',
      params: { id },
      body: { text: 'b' },
      headers: { 'idempotency-key': 'draft-b' },
    });
    // THEN the item is read consistently once for authorization and decision together (the answer
    // reads the whole partition, a Query of its own)
    expect(once).toBe(1);
    expect(consistentReads() - before - once).toBe(1);
  });

  it('echoes the request id as X-Correlation-Id and logs one structured line per request with it', async () => {
    const logs = await captureLogs(async (logger) => {
      const app = testApp(START, logger);
      const event = apiEvent('POST /proposals', {
        as: 'VNG',
        body: { ...proposalBody, title: 'jan.jansen@example.org' },
      });
      const result = await app.handlers.proposals(event);
      expect(result.headers?.['X-Correlation-Id']).toBe(event.requestContext.requestId);
    });
    const request = logs.find((l) => l.message === 'request');
    expect(request).toMatchObject({
      level: 'INFO',
      routeKey: 'POST /proposals',
      status: 201,
      service: 'besluitvorming-test',
    });
    expect(request?.correlationId).toMatch(/^req-/);
    // No request bodies, names or e-mail addresses in any log line (DESIGN 6).
    const text = JSON.stringify(logs);
    expect(text).not.toContain('jan.jansen@example.org');
    expect(text).not.toContain('release contents');
    expect(text).not.toMatch(/Vertegenwoordiger|stuurgroep@/);
  });

  it('generates a correlation id when the request has none', async () => {
    const app = testApp();
    const event = apiEvent('GET /parties', { as: 'VNG' });
    (event.requestContext as { requestId?: string }).requestId = undefined;
    const result = await app.handlers.parties(event);
    expect(result.headers?.['X-Correlation-Id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 500 internal-error for an unexpected failure, logs it, and shows nothing of it', async () => {
    const logs = await captureLogs(async (logger) => {
      const app = testApp(START, logger);
      const boom = route({
        method: 'GET',
        path: '/boom',
        handler: 'test',
        tag: 'Test',
        operationId: 'boom',
        summary: 'fails',
        who: anyParty,
        success: { status: 200, description: 'never', schema: z.object({}) },
        problems: [],
      });
      const handler = createRouteHandler(
        app.deps,
        { 'GET /boom': boom },
        {
          'GET /boom': async () => {
            throw new Error('secret internals');
          },
        },
      );
      const result = await handler(apiEvent('GET /boom', { as: 'VNG' }));
      expect(result.statusCode).toBe(500);
      expect(JSON.parse(String(result.body))).toMatchObject({
        type: `${PROBLEM_BASE}internal-error`,
        status: 500,
      });
      expect(result.body).not.toContain('secret internals');
    });
    expect(logs.find((l) => l.level === 'ERROR')?.message).toBe('request failed');
  });

  it('answers 404 for a route it does not serve, and 400 for a body that is not JSON', async () => {
    const app = testApp();
    const unknown = await app.call('DELETE /proposals', { as: 'VNG' });
    expect(unknown.body).toMatchObject({ status: 404, type: `${PROBLEM_BASE}route-not-found` });
    const bad = await expectCall(app, 'POST /proposals', 400, { as: 'VNG', rawBody: '{"title":' });
    expect(bad.body.errors).toEqual([{ path: 'body', message: 'is not valid JSON' }]);
    await expectCall(app, 'POST /proposals', 400, { as: 'VNG' });
  });

  it('reads a base64-encoded body, and takes an empty body as {} where the route allows it', async () => {
    const app = testApp();
    await expectCall(app, 'POST /proposals', 201, { as: 'VNG', body: proposalBody, base64: true });
    await expectCall(app, 'POST /parties/{party}/withdrawal', 201, {
      as: 'VNG',
      params: { party: 'VNG' },
      rawBody: ' ',
    });
  });

  it('reads the roles claim in each form API Gateway may pass it', async () => {
    const app = testApp();
    for (const roles of ['dglz', '[dglz]', '["dglz"]', ['dglz']]) {
      const response = await expectCall(app, 'GET /parties', 200, { as: { party: 'VWS', roles } });
      expect(response.body.parties).toHaveLength(11);
    }
  });
});
