/** The decision register. */
import type { HttpHandler } from '#shared/http/handler.ts';
import { createRouteHandler } from '#shared/http/handler.ts';
import { pageOf, pageReply } from '#shared/http/pages.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';
import { listDecisions } from '#shared/usecases/queries.ts';
import { cloudDeps } from '../composition/app.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { decisionsRoutes } from './routes/decisions.ts';
import type { ImplsOf } from './routes.ts';

/** One implementation per route this module serves (the route table says which). */
const impls: ImplsOf<'decisions'> = {
  'GET /decisions': async ({ deps, query, event }) =>
    pageReply(await listDecisions(deps, pageOf(query)), event, deps.apiBaseUrl),
};

/** The decisions resource's handler over `deps`. */
export function createDecisionsHandler(deps: AppDeps): HttpHandler {
  return createRouteHandler(deps, decisionsRoutes, impls);
}

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler: HttpHandler = onFirstCall(async () => createDecisionsHandler(await cloudDeps()));
