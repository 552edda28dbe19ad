/** Webhook subscriptions of the caller's party: create, list, delete, redeliver dead letters. */
import type { HttpHandler } from '#shared/http/handler.ts';
import { createRouteHandler } from '#shared/http/handler.ts';
import { ok } from '#shared/http/route.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';
import {
  createSubscription,
  deleteSubscription,
  listSubscriptions,
  redeliver,
} from '#shared/usecases/subscriptions.ts';
import { cloudDeps } from '../composition/app.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { subscriptionsRoutes } from './routes/subscriptions.ts';
import type { ImplsOf } from './routes.ts';

/** One implementation per route this module serves (the route table says which). */
const impls: ImplsOf<'subscriptions'> = {
  // Location: the list that shows it (there is no route of one subscription).
  'POST /subscriptions': async ({ deps, caller, body }) =>
    ok(await createSubscription(deps, caller, body), 201, {
      Location: `${deps.apiBaseUrl}/subscriptions`,
    }),
  'GET /subscriptions': async ({ deps, caller }) =>
    ok({ subscriptions: await listSubscriptions(deps, caller) }),
  'DELETE /subscriptions/{id}': async ({ deps, caller, params }) => {
    await deleteSubscription(deps, caller, params.id);
    return { status: 204, body: null };
  },
  'POST /subscriptions/{id}/redelivery': async ({ deps, caller, params, body }) =>
    ok(await redeliver(deps, caller, params.id, body.eventIds)),
};

/** The subscriptions resource's handler over `deps`. */
export function createSubscriptionsHandler(deps: AppDeps): HttpHandler {
  return createRouteHandler(deps, subscriptionsRoutes, impls);
}

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler: HttpHandler = onFirstCall(async () => createSubscriptionsHandler(await cloudDeps()));
