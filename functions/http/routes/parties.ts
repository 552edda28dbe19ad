/**
 * The routes of the parties handler (the route table's `handler: 'parties'`): its Lambda entry
 * imports only these, so a cold request builds no other module's schemas (issue 16).
 */
import { anyParty, byRule } from '#shared/http/authority.ts';
import { type RouteDef, route } from '#shared/http/route.ts';
import { RevocationResult } from '#shared/schemas/covenant.ts';
import { EmptyBody } from '#shared/schemas/proposal-requests.ts';
import { PartyList, PartyParams, WithdrawalNoticeResult } from '#shared/schemas/register.ts';

export const partiesRoutes = {
  'GET /parties': route({
    method: 'GET',
    path: '/parties',
    handler: 'parties',
    tag: 'Parties',
    operationId: 'listParties',
    summary: 'The party register with weights and standards, and the notices of withdrawal',
    who: anyParty,
    success: { status: 200, description: 'The register.', schema: PartyList },
    problems: [],
  }),
  'POST /parties/{party}/withdrawal': route({
    method: 'POST',
    path: '/parties/{party}/withdrawal',
    handler: 'parties',
    tag: 'Parties',
    operationId: 'giveWithdrawalNotice',
    summary: 'Give notice of withdrawal from the covenant; it takes effect three months later (art. 10)',
    who: byRule('that-party'),
    params: PartyParams,
    body: EmptyBody,
    bodyOptional: true,
    success: {
      status: 201,
      description: 'The notice, and what the register must say.',
      schema: WithdrawalNoticeResult,
    },
    problems: [409],
  }),
  'POST /parties/{party}/withdrawal/revocation': route({
    method: 'POST',
    path: '/parties/{party}/withdrawal/revocation',
    handler: 'parties',
    tag: 'Parties',
    operationId: 'revokeWithdrawalNotice',
    summary: 'Revoke a notice of withdrawal before it takes effect (art. 10)',
    who: byRule('that-party'),
    params: PartyParams,
    body: EmptyBody,
    bodyOptional: true,
    success: {
      status: 200,
      description: 'The notice is revoked; the party stays.',
      schema: RevocationResult,
    },
    problems: [409],
  }),
} as const satisfies Record<string, RouteDef>;
