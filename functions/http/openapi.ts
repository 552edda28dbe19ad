/** `GET /openapi.json`: the OpenAPI 3.1 document of this API, generated from the route table. */
import type { HttpHandler } from '#shared/http/handler.ts';
import { createRouteHandler } from '#shared/http/handler.ts';
import { ok } from '#shared/http/route.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';
import { cloudDeps } from '../composition/app.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { openApiDocument } from './openapi-document.ts';
import { type ImplsOf, routes } from './routes.ts';

/** The openapi resource's handler over `deps`: the document with this deployment's base URL. */
export function createOpenapiHandler(deps: AppDeps): HttpHandler {
  let document: unknown;
  const impls: ImplsOf<'openapi'> = {
    'GET /openapi.json': async ({ deps }) => {
      document ??= openApiDocument({ serverUrl: deps.apiBaseUrl });
      return ok(document);
    },
  };
  return createRouteHandler(deps, routes, impls);
}

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler: HttpHandler = onFirstCall(async () => createOpenapiHandler(await cloudDeps()));
