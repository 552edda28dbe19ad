/**
 * `GET /openapi.json`: the OpenAPI 3.1 document of this API, as generated from the route table at
 * build time (`openapi-served.ts`); and
 * `GET /problems`, `GET /problems/{slug}`: the documentation its problem `type` URIs resolve to.
 */
import type { HttpHandler } from '#shared/http/handler.ts';
import { createRouteHandler } from '#shared/http/handler.ts';
import { languageOf } from '#shared/http/language.ts';
import { problemIndexPage, problemTypePage } from '#shared/http/problem-pages.ts';
import { ok, type Reply } from '#shared/http/route.ts';
import { HTML_CONTENT_TYPE } from '#shared/schemas/documents.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';
import { documentationDeps } from '../composition/documentation.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { servedDocument } from './openapi-served.ts';
import { openapiRoutes } from './routes/openapi.ts';
import type { ImplsOf } from './routes.ts';

/** An HTML page of the API's own documentation: nothing in it runs or loads from elsewhere. */
const htmlPage = (body: string): Reply => ({
  status: 200,
  body,
  contentType: HTML_CONTENT_TYPE,
  headers: { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" },
});

/** The openapi resource's handler over `deps`: the document with this deployment's base URL. */
export function createOpenapiHandler(deps: AppDeps): HttpHandler {
  let document: unknown;
  const impls: ImplsOf<'openapi'> = {
    'GET /openapi.json': async ({ deps }) => {
      document ??= servedDocument(deps.apiBaseUrl);
      // The document's descriptions are English, whatever the request prefers.
      return ok(document, 200, { 'Content-Language': 'en' });
    },
    'GET /problems': async ({ event }) => htmlPage(problemIndexPage(languageOf(event.headers ?? {}))),
    'GET /problems/{slug}': async ({ params, event }) =>
      htmlPage(problemTypePage(params.slug, languageOf(event.headers ?? {}))),
  };
  return createRouteHandler(deps, openapiRoutes, impls);
}

/**
 * The Lambda entry point, wired on first use by the documentation's composition root: no AWS client,
 * no read of the table (its routes apply no covenant rule).
 */
export const handler: HttpHandler = onFirstCall(() => createOpenapiHandler(documentationDeps()));
