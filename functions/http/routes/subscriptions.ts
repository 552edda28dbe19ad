/**
 * The routes of the subscriptions handler (the route table's `handler: 'subscriptions'`): its Lambda entry
 * imports only these, so a cold request builds no other module's schemas (issue 16).
 */
import { anyParty } from '#shared/http/authority.ts';
import { type RouteDef, route } from '#shared/http/route.ts';
import {
  CreatedSubscription,
  CreateSubscriptionBody,
  NoContent,
  RedeliveryBody,
  RedeliveryResult,
  SubscriptionList,
  SubscriptionParams,
} from '#shared/schemas/integrations.ts';

export const subscriptionsRoutes = {
  'POST /subscriptions': route({
    method: 'POST',
    path: '/subscriptions',
    handler: 'subscriptions',
    tag: 'Events',
    operationId: 'createSubscription',
    summary:
      'Subscribe a webhook: events are POSTed to it, signed as Standard Webhooks; the secret is shown once',
    who: anyParty,
    body: CreateSubscriptionBody,
    success: {
      status: 201,
      description: 'The subscription with its signing secret.',
      schema: CreatedSubscription,
    },
    problems: [],
  }),
  'GET /subscriptions': route({
    method: 'GET',
    path: '/subscriptions',
    handler: 'subscriptions',
    tag: 'Events',
    operationId: 'listSubscriptions',
    summary: 'Your party’s webhook subscriptions, how delivery goes, and their dead letters',
    who: anyParty,
    success: { status: 200, description: 'The subscriptions.', schema: SubscriptionList },
    problems: [],
  }),
  'DELETE /subscriptions/{id}': route({
    method: 'DELETE',
    path: '/subscriptions/{id}',
    handler: 'subscriptions',
    tag: 'Events',
    operationId: 'deleteSubscription',
    summary: 'Delete one of your party’s subscriptions',
    who: anyParty,
    params: SubscriptionParams,
    success: { status: 204, description: 'Deleted: nothing more is sent to it.', schema: NoContent },
    problems: [404],
  }),
  'POST /subscriptions/{id}/redelivery': route({
    method: 'POST',
    path: '/subscriptions/{id}/redelivery',
    handler: 'subscriptions',
    tag: 'Events',
    operationId: 'redeliverDeadLetters',
    summary: 'Send dead-lettered events again (all, or those named)',
    who: anyParty,
    params: SubscriptionParams,
    body: RedeliveryBody,
    bodyOptional: true,
    success: { status: 200, description: 'What was queued.', schema: RedeliveryResult },
    problems: [404],
  }),
} as const satisfies Record<string, RouteDef>;
