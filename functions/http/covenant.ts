/** The covenant as versioned data (art. 9, 12, 16): versions, changes and signatures, notices, publication. */
import type { HttpHandler } from '#shared/http/handler.ts';
import { createRouteHandler } from '#shared/http/handler.ts';
import { pageOf } from '#shared/http/pages.ts';
import { ok, type Reply } from '#shared/http/route.ts';
import { getChange, proposeChange, signChange } from '#shared/usecases/covenant-changes.ts';
import { changeView, getCovenant, listNotices, postNotice } from '#shared/usecases/covenant-queries.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';
import { listDecisions } from '#shared/usecases/queries.ts';
import { cloudDepsWithMail } from '../composition/mail.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { covenantRoutes } from './routes/covenant.ts';
import type { ImplsOf } from './routes.ts';

/**
 * Publication (art. 16): anyone, and any cache, may keep it for five minutes; the HTTP layer adds
 * the ETag and answers a matching If-None-Match with 304, as for every GET.
 */
const published = (body: unknown): Reply => ok(body, 200, { 'Cache-Control': 'public, max-age=300' });

/** One implementation per route this module serves (the route table says which). */
const impls: ImplsOf<'covenant'> = {
  'GET /covenant': async ({ deps }) => ok(await getCovenant(deps, { changes: true })),
  'POST /covenant/changes': async ({ deps, body, caller }) =>
    ok(changeView(await proposeChange(deps, body, caller)), 201),
  'GET /covenant/changes/{id}': async ({ deps, params }) => ok(changeView(await getChange(deps, params.id))),
  'POST /covenant/changes/{id}/signature': async ({ deps, params, caller }) =>
    ok(changeView(await signChange(deps, params.id, caller.party))),
  'POST /notices': async ({ deps, body, caller }) => ok(await postNotice(deps, body, caller), 201),
  'GET /notices': async ({ deps }) => ok(await listNotices(deps)),
  'GET /public/covenant': async ({ deps }) => published(await getCovenant(deps, { changes: false })),
  'GET /public/decisions': async ({ deps, query }) => published(await listDecisions(deps, pageOf(query))),
};

/** The covenant resource's handler over `deps`. */
export function createCovenantHandler(deps: AppDeps): HttpHandler {
  return createRouteHandler(deps, covenantRoutes, impls);
}

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler: HttpHandler = onFirstCall(async () => createCovenantHandler(await cloudDepsWithMail()));
