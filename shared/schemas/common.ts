/**
 * Building blocks of the API's schemas: ids, dates, the covenant's enumerations. Every schema here
 * is the single source of both the runtime validation and the OpenAPI document.
 */

import * as z from 'zod';
import type {} from 'zod-openapi';
import { phases } from '#statemachines/proposal-lifecycle/phase.ts';

/** Ids we generate are URL-safe; refusing anything else also keeps `#` out of the table's keys. */
const URL_SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const ProposalId = z
  .string()
  .regex(URL_SAFE_ID, 'must be 1–64 characters A–Z, a–z, 0–9, _ or -')
  .meta({
    id: 'ProposalId',
    description: 'The id of a proposal (generated).',
    example: 'p-8Jx2Qm0aVb7cT4rN',
  });

export const MeetingId = z
  .string()
  .regex(URL_SAFE_ID, 'must be 1–64 characters A–Z, a–z, 0–9, _ or -')
  .meta({ id: 'MeetingId', description: 'The id of a meeting (generated).', example: 'm-2027-02-17-k3d9' });

export const PartyId = z
  .string()
  .regex(/^[A-Z]{1,32}$/, 'must be a party id in capitals, e.g. VNG')
  .meta({ id: 'PartyId', description: 'A party of the register (DESIGN 2.1).', example: 'VNG' });

export const CalendarDate = z.iso
  .date()
  .meta({ description: 'A calendar date, YYYY-MM-DD (Europe/Amsterdam).', example: '2027-02-17' });

export const Instant = z.iso
  .datetime({ offset: true })
  .meta({ description: 'An ISO-8601 instant.', example: '2027-02-17T10:00:00.000Z' });

export const Standard = z.enum(['iWmo', 'iJw', 'iEb']).meta({ id: 'Standard' });

export const ProposalKind = z
  .enum(['release', 'plan-of-approach', 'implementation', 'other'])
  .meta({ id: 'ProposalKind', description: 'What the proposal is about (art. 6.2).' });

export const Phase = z.enum(phases).meta({
  id: 'Phase',
  description:
    'Where the proposal stands in the procedure (DESIGN 5.1). Stable: parties integrate against it.',
});

export const DecisionOutcome = z.enum(['adopted', 'rejected']).meta({ id: 'DecisionOutcome' });

export const DecisionRoute = z
  .enum(['consensus', 'vote', 'reconsideration', 'ministry', 'dglz'])
  .meta({ id: 'DecisionRoute', description: 'How the decision came about.' });

export const Choice = z.enum(['for', 'against', 'abstain']).meta({ id: 'Choice' });

export const DeadlineKind = z.enum(['arguments', 'reconsideration', 'ministry']).meta({
  id: 'DeadlineKind',
  description:
    'arguments: 6 weeks to argue an objection (art. 7.3); reconsideration: 1 week to reconsider (art. 7.4); ' +
    'ministry: 1 month for VWS to meet the parties (art. 7.6).',
});

/** Free text a party writes: never blank, and bounded so that no request can exhaust an item. */
export const text = (max: number) => z.string().max(max).regex(/\S/, 'must not be blank');

/** A caller as the audit trail records it. */
export const Actor = z.object({ party: z.string(), roles: z.array(z.string()) }).meta({ id: 'Actor' });
