/**
 * The routes of the documents handler (the route table's `handler: 'documents'`): its Lambda entry
 * imports only these, so a cold request builds no other module's schemas (issue 16).
 */
import { anyParty } from '#shared/http/authority.ts';
import { type RouteDef, route } from '#shared/http/route.ts';
import {
  CSV_CONTENT_TYPE,
  DOCX_CONTENT_TYPE,
  Document,
  HTML_CONTENT_TYPE,
} from '#shared/schemas/documents.ts';
import { MeetingParams } from '#shared/schemas/meetings.ts';

export const documentsRoutes = {
  'GET /meetings/{id}/minutes.docx': route({
    method: 'GET',
    path: '/meetings/{id}/minutes.docx',
    handler: 'documents',
    tag: 'Documents',
    operationId: 'getMinutesDocument',
    summary: 'The minutes as a Word document, in Dutch (`Accept-Language: en` for English)',
    who: anyParty,
    params: MeetingParams,
    success: {
      status: 200,
      description: 'The minutes (.docx).',
      contentType: DOCX_CONTENT_TYPE,
      schema: Document,
    },
    problems: [404],
  }),
  'GET /meetings/{id}/minutes.html': route({
    method: 'GET',
    path: '/meetings/{id}/minutes.html',
    handler: 'documents',
    tag: 'Documents',
    operationId: 'getPrintableMinutes',
    summary: 'The minutes as a printable page, in Dutch (`Accept-Language: en` for English)',
    who: anyParty,
    params: MeetingParams,
    success: {
      status: 200,
      description: 'The minutes (HTML).',
      contentType: HTML_CONTENT_TYPE,
      schema: Document,
    },
    problems: [404],
  }),
  'GET /decisions.csv': route({
    method: 'GET',
    path: '/decisions.csv',
    handler: 'documents',
    tag: 'Documents',
    operationId: 'getDecisionRegisterCsv',
    summary: 'The whole decision register as CSV, in Dutch (`Accept-Language: en` for English)',
    who: anyParty,
    success: {
      status: 200,
      description: 'The decision register (CSV, RFC 4180).',
      contentType: CSV_CONTENT_TYPE,
      schema: Document,
    },
    problems: [],
  }),
  'GET /decisions.docx': route({
    method: 'GET',
    path: '/decisions.docx',
    handler: 'documents',
    tag: 'Documents',
    operationId: 'getDecisionRegisterDocument',
    summary: 'The whole decision register as a Word document, in Dutch (`Accept-Language: en` for English)',
    who: anyParty,
    success: {
      status: 200,
      description: 'The decision register (.docx).',
      contentType: DOCX_CONTENT_TYPE,
      schema: Document,
    },
    problems: [],
  }),
} as const satisfies Record<string, RouteDef>;
