/**
 * The routes of the openapi handler (the route table's `handler: 'openapi'`): its Lambda entry
 * imports only these, so a cold request builds no other module's schemas (issue 16).
 */
import { anyone } from '#shared/http/authority.ts';
import { type RouteDef, route } from '#shared/http/route.ts';
import { Document, HTML_CONTENT_TYPE } from '#shared/schemas/documents.ts';
import { OpenApiDocumentShape, ProblemTypeParams } from '#shared/schemas/problem.ts';

export const openapiRoutes = {
  'GET /openapi.json': route({
    method: 'GET',
    path: '/openapi.json',
    handler: 'openapi',
    tag: 'API',
    operationId: 'getOpenApiDocument',
    summary: 'This document (no token needed)',
    who: anyone,
    readsCovenant: false,
    success: {
      status: 200,
      description: 'The OpenAPI 3.1 document.',
      schema: OpenApiDocumentShape,
    },
    problems: [],
  }),
  'GET /problems': route({
    method: 'GET',
    path: '/problems',
    handler: 'openapi',
    tag: 'API',
    operationId: 'listProblemTypes',
    summary: 'The problem types this API answers with, each linked to its page (no token needed)',
    who: anyone,
    readsCovenant: false,
    success: {
      status: 200,
      description: 'A page (HTML) listing every problem type, in Dutch (`Accept-Language: en` for English).',
      contentType: HTML_CONTENT_TYPE,
      schema: Document,
    },
    problems: [],
  }),
  'GET /problems/{slug}': route({
    method: 'GET',
    path: '/problems/{slug}',
    handler: 'openapi',
    tag: 'API',
    operationId: 'getProblemType',
    summary: 'The documentation of a problem type: what a problem `type` URI resolves to (no token needed)',
    who: anyone,
    readsCovenant: false,
    params: ProblemTypeParams,
    success: {
      status: 200,
      description: 'The problem type’s page (HTML), in Dutch (`Accept-Language: en` for English).',
      contentType: HTML_CONTENT_TYPE,
      schema: Document,
    },
    problems: [404],
  }),
} as const satisfies Record<string, RouteDef>;
