/**
 * The routes of the executions handler (the route table's `handler: 'executions'`): its Lambda entry
 * imports only these, so a cold request builds no other module's schemas (issue 16).
 */
import { byRule } from '#shared/http/authority.ts';
import { type RouteDef, route } from '#shared/http/route.ts';
import { ExecutionList, ExecutionView } from '#shared/schemas/executions.ts';
import { ProposalParams } from '#shared/schemas/proposal-requests.ts';

export const executionsRoutes = {
  'GET /executions': route({
    method: 'GET',
    path: '/executions',
    handler: 'executions',
    tag: 'Administration',
    operationId: 'listExecutions',
    summary:
      'Every proposal’s workflow execution and whether it agrees with DynamoDB; failed or stuck first (ZIN)',
    who: byRule('secretary'),
    success: { status: 200, description: 'The executions, failed or stuck first.', schema: ExecutionList },
    problems: [],
  }),
  'GET /proposals/{id}/execution': route({
    method: 'GET',
    path: '/proposals/{id}/execution',
    handler: 'executions',
    tag: 'Administration',
    operationId: 'getProposalExecution',
    summary: 'The proposal’s workflow execution: status, timeline, agreement with DynamoDB (ZIN)',
    who: byRule('secretary'),
    params: ProposalParams,
    success: { status: 200, description: 'The execution and the comparison.', schema: ExecutionView },
    problems: [404],
  }),
} as const satisfies Record<string, RouteDef>;
