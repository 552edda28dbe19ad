/**
 * The routes of the decisions handler (the route table's `handler: 'decisions'`): its Lambda entry
 * imports only these, so a cold request builds no other module's schemas (issue 16).
 */
import { anyParty } from '#shared/http/authority.ts';
import { type RouteDef, route } from '#shared/http/route.ts';
import { PageQuery } from '#shared/schemas/common.ts';
import { DecisionList } from '#shared/schemas/register.ts';

export const decisionsRoutes = {
  'GET /decisions': route({
    method: 'GET',
    path: '/decisions',
    handler: 'decisions',
    tag: 'Decisions',
    operationId: 'listDecisions',
    summary: 'The decision register, a page at a time',
    who: anyParty,
    query: PageQuery,
    success: { status: 200, description: 'The decision register.', schema: DecisionList },
    problems: [],
  }),
} as const satisfies Record<string, RouteDef>;
