/**
 * Lists page by page over HTTP (issue 17, row 5): `limit` and `cursor` in, the page's `next` in the
 * body and as a `Link: <…>; rel="next"` header (RFC 8288) out.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { PageRequest } from '#shared/ports/store.ts';
import { PAGE_SIZE } from '#shared/schemas/common.ts';
import { ok, type Reply } from './route.ts';

/** The page a list request asks for. */
export const pageOf = (query: {
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
}): PageRequest => ({
  limit: query.limit ?? PAGE_SIZE.default,
  cursor: query.cursor,
});

/** The URL of the next page: this request's, with `cursor` set to `next`. */
function nextUrl(event: APIGatewayProxyEventV2WithJWTAuthorizer, apiBaseUrl: string, next: string): string {
  const query = new URLSearchParams(event.rawQueryString ?? '');
  query.set('cursor', next);
  return `${apiBaseUrl}${event.rawPath}?${query.toString()}`;
}

/** A page as a JSON reply: the body carries `next`, and the `Link` header the next page's URL. */
export function pageReply(
  body: { readonly next?: string | undefined },
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  apiBaseUrl: string,
): Reply {
  if (body.next === undefined) return ok(body);
  return ok(body, 200, { Link: `<${nextUrl(event, apiBaseUrl, body.next)}>; rel="next"` });
}
