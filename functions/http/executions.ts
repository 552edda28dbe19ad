/** The administrators' view of the workflow executions (DESIGN 5), for ZIN. */
import type { HttpHandler } from '#shared/http/handler.ts';
import { createRouteHandler } from '#shared/http/handler.ts';
import { ok } from '#shared/http/route.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';
import { getProposalExecution, listExecutionViews } from '#shared/usecases/executions/inspection.ts';
import { cloudDeps } from '../composition/app.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { executionsRoutes } from './routes/executions.ts';
import type { ImplsOf } from './routes.ts';

/** One implementation per route this module serves (the route table says which). */
const impls: ImplsOf<'executions'> = {
  'GET /executions': async ({ deps }) => ok({ items: await listExecutionViews(deps) }),
  'GET /proposals/{id}/execution': async ({ deps, params }) =>
    ok(await getProposalExecution(deps, params.id)),
};

/** The executions' handler over `deps`. */
export function createExecutionsHandler(deps: AppDeps): HttpHandler {
  return createRouteHandler(deps, executionsRoutes, impls);
}

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler: HttpHandler = onFirstCall(async () => createExecutionsHandler(await cloudDeps()));
