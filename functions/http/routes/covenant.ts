/**
 * The routes of the covenant handler (the route table's `handler: 'covenant'`): its Lambda entry
 * imports only these, so a cold request builds no other module's schemas (issue 16).
 */
import { anyone, anyParty, byRule } from '#shared/http/authority.ts';
import { type RouteDef, route } from '#shared/http/route.ts';
import { PageQuery } from '#shared/schemas/common.ts';
import {
  ChangeParams,
  ChangeView,
  CovenantView,
  NoticeBody,
  NoticeList,
  NoticeView,
  ProposeChangeBody,
} from '#shared/schemas/covenant.ts';
import { EmptyBody } from '#shared/schemas/proposal-requests.ts';
import { DecisionList } from '#shared/schemas/register.ts';

export const covenantRoutes = {
  'GET /covenant': route({
    method: 'GET',
    path: '/covenant',
    handler: 'covenant',
    tag: 'Covenant',
    operationId: 'getCovenant',
    summary:
      'The covenant version in force, its term and next renewal, its history and the proposed changes (art. 9)',
    who: anyParty,
    success: { status: 200, description: 'The covenant.', schema: CovenantView },
    problems: [],
  }),
  'POST /covenant/changes': route({
    method: 'POST',
    path: '/covenant/changes',
    handler: 'covenant',
    tag: 'Covenant',
    operationId: 'proposeCovenantChange',
    summary: 'Propose a new version, an addendum or an accession; every party signs it (art. 9.2–9.4)',
    who: byRule('secretary'),
    body: ProposeChangeBody,
    success: { status: 201, description: 'The change, awaiting signatures.', schema: ChangeView },
    problems: [422],
  }),
  'GET /covenant/changes/{id}': route({
    method: 'GET',
    path: '/covenant/changes/{id}',
    handler: 'covenant',
    tag: 'Covenant',
    operationId: 'getCovenantChange',
    summary: 'A proposed covenant change and its signatures',
    who: anyParty,
    params: ChangeParams,
    success: { status: 200, description: 'The change.', schema: ChangeView },
    problems: [404],
  }),
  'POST /covenant/changes/{id}/signature': route({
    method: 'POST',
    path: '/covenant/changes/{id}/signature',
    handler: 'covenant',
    tag: 'Covenant',
    operationId: 'signCovenantChange',
    summary: "Sign a change as the caller's party; with the last signature it takes effect on its date",
    who: anyParty,
    params: ChangeParams,
    body: EmptyBody,
    bodyOptional: true,
    success: { status: 200, description: 'The change with the signature.', schema: ChangeView },
    problems: [404, 422],
  }),
  'POST /notices': route({
    method: 'POST',
    path: '/notices',
    handler: 'covenant',
    tag: 'Covenant',
    operationId: 'postNotice',
    summary: 'Post a notice under the information duty, e-mailed at once to every member (art. 12)',
    who: anyParty,
    body: NoticeBody,
    success: { status: 201, description: 'The notice.', schema: NoticeView },
    problems: [409],
  }),
  'GET /notices': route({
    method: 'GET',
    path: '/notices',
    handler: 'covenant',
    tag: 'Covenant',
    operationId: 'listNotices',
    summary: 'The notices of art. 12, oldest first',
    who: anyParty,
    success: { status: 200, description: 'The notices.', schema: NoticeList },
    problems: [],
  }),
  'GET /public/covenant': route({
    method: 'GET',
    path: '/public/covenant',
    handler: 'covenant',
    tag: 'Publication',
    operationId: 'getPublicCovenant',
    summary: 'The covenant version in force and its history, published without a token (art. 16)',
    who: anyone,
    success: {
      status: 200,
      description: 'The covenant, without personal data; ETag and Cache-Control.',
      schema: CovenantView,
    },
    problems: [],
  }),
  'GET /public/decisions': route({
    method: 'GET',
    path: '/public/decisions',
    handler: 'covenant',
    tag: 'Publication',
    operationId: 'getPublicDecisions',
    summary: 'The decision register, published without a token (art. 16)',
    who: anyone,
    query: PageQuery,
    success: {
      status: 200,
      description: 'A page of the decision register; ETag and Cache-Control.',
      schema: DecisionList,
    },
    problems: [],
  }),
} as const satisfies Record<string, RouteDef>;
