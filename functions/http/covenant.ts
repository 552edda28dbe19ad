/** The covenant as versioned data (art. 9, 12, 16): versions, changes and signatures, notices, publication. */
import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { HttpHandler } from '#shared/http/handler.ts';
import { createRouteHandler } from '#shared/http/handler.ts';
import { pageOf } from '#shared/http/pages.ts';
import { ok, type Reply } from '#shared/http/route.ts';
import { getChange, proposeChange, signChange } from '#shared/usecases/covenant-changes.ts';
import { changeView, getCovenant, listNotices, postNotice } from '#shared/usecases/covenant-queries.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';
import { listDecisions } from '#shared/usecases/queries.ts';
import { cloudDeps } from '../composition/app.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { type ImplsOf, routes } from './routes.ts';

/** Publication (art. 16): anyone may cache it for five minutes; a matching ETag answers 304. */
function published(body: unknown, event: APIGatewayProxyEventV2WithJWTAuthorizer): Reply {
  const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
  const headers = { ETag: etag, 'Cache-Control': 'public, max-age=300' };
  const asked = event.headers?.['if-none-match'];
  if (asked?.split(',').some((tag) => tag.trim() === etag)) return { status: 304, body: null, headers };
  return ok(body, 200, headers);
}

/** One implementation per route this module serves (the route table says which). */
const impls: ImplsOf<'covenant'> = {
  'GET /covenant': async ({ deps }) => ok(await getCovenant(deps, { changes: true })),
  'POST /covenant/changes': async ({ deps, body, caller, idempotencyKey }) =>
    ok(changeView(await proposeChange(deps, body, caller, idempotencyKey)), 201),
  'GET /covenant/changes/{id}': async ({ deps, params }) => ok(changeView(await getChange(deps, params.id))),
  'POST /covenant/changes/{id}/signature': async ({ deps, params, caller }) =>
    ok(changeView(await signChange(deps, params.id, caller.party))),
  'POST /notices': async ({ deps, body, caller, idempotencyKey }) =>
    ok(await postNotice(deps, body, caller, idempotencyKey), 201),
  'GET /notices': async ({ deps }) => ok(await listNotices(deps)),
  'GET /public/covenant': async ({ deps, event }) =>
    published(await getCovenant(deps, { changes: false }), event),
  'GET /public/decisions': async ({ deps, query, event }) =>
    published(await listDecisions(deps, pageOf(query)), event),
};

/** The covenant resource's handler over `deps`. */
export function createCovenantHandler(deps: AppDeps): HttpHandler {
  return createRouteHandler(deps, routes, impls);
}

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler: HttpHandler = onFirstCall(() => createCovenantHandler(cloudDeps()));
