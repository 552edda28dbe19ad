import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_PATH, openApiDocument, openApiJson } from '#functions/http/openapi-document.ts';
import { committedDocument, servedDocument } from '#functions/http/openapi-served.ts';
import { handlerModules, routes } from '#functions/http/routes.ts';
import { type RouteDef, routeKeyOf } from '#shared/http/route.ts';
import { BASE_URL, testApp } from './support/app.ts';
import { expectCall } from './support/scenarios.ts';

const committed = readFileSync(OPENAPI_PATH, 'utf8');
const document = JSON.parse(committed) as {
  openapi: string;
  paths: Record<
    string,
    Record<string, { operationId: string; security?: unknown[]; responses: Record<string, unknown> }>
  >;
  components: { securitySchemes: Record<string, unknown> };
};
const table = Object.entries(routes) as [string, RouteDef][];

describe('openapi.json', () => {
  it('is up to date with the route table and schemas (run `npm run openapi` when they change)', () => {
    expect(committed).toBe(openApiJson());
  });

  it('is what the openapi function carries (functions/http/openapi-packed.ts; `npm run openapi` writes both)', () => {
    expect(`${JSON.stringify(committedDocument(), null, 2)}\n`).toBe(committed);
  });

  it('documents every route of the route table, and nothing else', () => {
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(table.map(([key]) => key).sort());
    for (const [, route] of table) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation?.operationId).toBe(route.operationId);
      expect(operation?.responses).toHaveProperty(String(route.success.status));
    }
  });

  it('asks every route but the document itself for a bearer token, and documents its problems', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const [key, route] of table) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      // The document, a calendar's secret URL and the publication of art. 16 need no token (DESIGN 5).
      if (route.who.kind === 'public') expect(operation?.security, key).toEqual([]);
      else
        expect(Object.keys(operation?.responses ?? {}), key).toEqual(
          expect.arrayContaining(['400', '401', '403']),
        );
    }
  });

  // Issue 18, item 4: a `?format=` that switched the media type made the generated client's
  // response a `string | …` union. Every success answers one media type; the old query stays as a
  // deprecated parameter answered with 308 to the operation that serves that media type.
  it('gives every successful response one media type, and redirects the deprecated `?format=`', () => {
    for (const [key, route] of table) {
      const success = document.paths[route.path]?.[route.method.toLowerCase()]?.responses[
        String(route.success.status)
      ] as { content?: Record<string, unknown> };
      if (route.success.status !== 204) expect(Object.keys(success.content ?? {}), key).toHaveLength(1);
    }
    const getMinutes = document.paths['/meetings/{id}/minutes']?.get as unknown as {
      parameters: { name: string; deprecated?: boolean }[];
      responses: Record<string, { headers?: Record<string, unknown> }>;
    };
    expect(getMinutes.parameters.find((p) => p.name === 'format')?.deprecated).toBe(true);
    expect(getMinutes.responses['308']?.headers).toHaveProperty('Location');
    expect(Object.keys(document.paths['/meetings/{id}/minutes.md']?.get?.responses['200'] ?? {})).toContain(
      'content',
    );
    expect(document.paths['/deadlines']?.get?.responses).toHaveProperty('308');
  });
});

describe('functions/http/routes', () => {
  // Issue 16: each Lambda entry imports only its own module's routes (functions/http/routes/<module>.ts).
  it('joins the handler modules’ own tables, each holding exactly the routes its handler serves', async () => {
    const seen: string[] = [];
    for (const module of handlerModules) {
      const own = (await import(`#functions/http/routes/${module}.ts`)) as Record<
        string,
        Record<string, RouteDef>
      >;
      const [table] = Object.values(own);
      for (const [key, route] of Object.entries(table ?? {})) {
        expect(route.handler, key).toBe(module);
        expect(routes[key as keyof typeof routes], key).toBe(route);
        seen.push(key);
      }
    }
    expect(seen.sort()).toEqual(Object.keys(routes).sort());
  });

  it('keys each route by its API Gateway routeKey and serves it from a known handler module', () => {
    for (const [key, route] of table) {
      expect(routeKeyOf(route)).toBe(key);
      expect(handlerModules).toContain(route.handler);
    }
    expect(new Set(table.map(([, r]) => r.operationId)).size).toBe(table.length);
  });

  it('has exactly the routes of DESIGN section 5, and the document route', () => {
    // DESIGN.md section 5, row by row.
    const design = [
      'GET /parties',
      'POST /parties/{party}/withdrawal',
      'GET /meetings',
      'POST /meetings',
      'GET /meetings/{id}',
      'PUT /meetings/{id}/attendance',
      'POST /meetings/{id}/close',
      'GET /meetings/{id}/minutes',
      'GET /proposals',
      'POST /proposals',
      'GET /proposals/{id}',
      'POST /proposals/{id}/draft',
      'POST /proposals/{id}/withdrawal',
      'POST /proposals/{id}/schedule',
      // DESIGN 2.2.9: no drop route; the group drops an item by consensus (outcome 'dropped').
      'POST /proposals/{id}/pause',
      // footnote 11 (DESIGN 2.2.3): the chair grants or refuses a requested pause.
      'POST /proposals/{id}/pause/decision',
      'POST /proposals/{id}/consensus',
      // art. 7.5, first sentence (DESIGN 2.2.9): no valid decision may be escalated to the ministry.
      'POST /proposals/{id}/escalation',
      'POST /proposals/{id}/vote',
      'PUT /proposals/{id}/votes/{party}',
      'POST /proposals/{id}/vote/close',
      // footnote 13 (DESIGN 2.2.8): the chair asks an abstaining party to account; it answers.
      'POST /proposals/{id}/votes/{party}/accountability',
      'POST /proposals/{id}/objection',
      'POST /proposals/{id}/objection/argumentation',
      'POST /proposals/{id}/objection/withdrawal',
      'POST /proposals/{id}/reconsideration/no-decision',
      'POST /proposals/{id}/escalation/note',
      'POST /proposals/{id}/escalation/note/approval',
      'POST /proposals/{id}/escalation/ministry-outcome',
      'POST /proposals/{id}/escalation/final-decision',
      'GET /proposals/{id}/history',
      'GET /decisions',
      'GET /deadlines',
      'GET /release-calendar',
      'POST /release-calendar',
      'GET /events',
      'POST /subscriptions',
      'GET /subscriptions',
      'DELETE /subscriptions/{id}',
      'POST /subscriptions/{id}/redelivery',
      'POST /calendars',
      'DELETE /calendars/{id}',
      // The calendar's secret URL, `/calendars/{party}/{secret}.ics`: `{file}` is `<secret>.ics`.
      'GET /calendars/{party}/{file}',
      'GET /executions',
      'GET /proposals/{id}/execution',
      // DESIGN 2.5 and the covenant rows of section 5 (issue 12); art. 10 lets a party revoke its notice.
      'POST /parties/{party}/withdrawal/revocation',
      'GET /covenant',
      'GET /covenant/changes/{id}',
      'POST /covenant/changes',
      'POST /covenant/changes/{id}/signature',
      'POST /notices',
      'GET /notices',
      'GET /public/covenant',
      'GET /public/decisions',
      'GET /openapi.json',
    ];
    // DESIGN 7 (minutes to print or download) and issue 18, item 6: the secretariat's documents.
    const documents = [
      'GET /meetings/{id}/minutes.docx',
      'GET /meetings/{id}/minutes.html',
      'GET /decisions.csv',
      'GET /decisions.docx',
    ];
    // Issue 18, item 4: the Markdown minutes and the iCalendar feed are operations of their own,
    // one media type each (`?format=` stays as a deprecated alias that redirects to them).
    const ownMediaType = ['GET /meetings/{id}/minutes.md', 'GET /deadlines.ics'];
    // Issue 18, item 4 (RFC 9457): every problem `type` URI resolves to the API's own page of it.
    const problemTypes = ['GET /problems', 'GET /problems/{slug}'];
    expect(table.map(([key]) => key).sort()).toEqual(
      [...design, ...documents, ...ownMediaType, ...problemTypes].sort(),
    );
  });
});

describe('functions/http/openapi', () => {
  it('serves the document without a token, with this deployment’s base URL', async () => {
    const response = await expectCall(testApp(), 'GET /openapi.json', 200, { as: null });
    expect(response.body.servers).toEqual([{ url: `${BASE_URL}/v1`, description: 'This deployment.' }]);
    expect(response.headers['api-version']).toBe('1.0.0');
    expect(Object.keys(response.body.paths)).toEqual(Object.keys(document.paths));
    // Its descriptions are English: it says so, though every other answer defaults to Dutch (DESIGN 5).
    expect(response.headers['content-language']).toBe('en');
  });

  // Issue 16: the function serves the document generated at build time instead of running
  // zod-openapi on its first request; a client must not see the difference, byte for byte.
  it('serves byte for byte the document zod-openapi generates for this deployment', async () => {
    const response = await expectCall(testApp(), 'GET /openapi.json', 200, { as: null });
    const generated = JSON.stringify(openApiDocument({ serverUrl: BASE_URL }));
    expect(JSON.stringify(response.body)).toBe(generated);
    expect(JSON.stringify(servedDocument(BASE_URL))).toBe(generated);
    expect(JSON.stringify(servedDocument())).toBe(JSON.stringify(openApiDocument()));
  });
});
