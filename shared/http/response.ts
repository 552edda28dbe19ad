/** Replies as API Gateway (payload format 2.0) results. */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { PROBLEM_CONTENT_TYPE } from '#shared/schemas/problem.ts';
import { type ProblemSpec, problemBody } from './problems.ts';
import type { Reply } from './route.ts';
import { API_VERSION } from './version.ts';

const JSON_CONTENT_TYPE = 'application/json';

/** The reply of a problem, tied to the request it answers. */
export function problemReply(spec: ProblemSpec, instance: string, correlationId: string): Reply {
  return {
    status: spec.status,
    body: problemBody(spec, instance, correlationId),
    contentType: PROBLEM_CONTENT_TYPE,
    headers: { ...spec.headers, 'Content-Language': spec.language ?? 'nl' },
  };
}

const isJsonType = (contentType: string) =>
  contentType === JSON_CONTENT_TYPE || contentType === PROBLEM_CONTENT_TYPE;

/** The bytes a reply sends: JSON (or problem+json) serialised, text as it is, bytes as they are. */
export function serializedBody(reply: Reply): string | Uint8Array {
  if (reply.body instanceof Uint8Array) return reply.body;
  return isJsonType(reply.contentType ?? JSON_CONTENT_TYPE) ? JSON.stringify(reply.body) : String(reply.body);
}

/**
 * The API Gateway result of a reply: JSON (or problem+json) serialised, text as it is, bytes in
 * base64; a 204, 304 or redirect has no body.
 */
export function toResult(reply: Reply, correlationId: string): APIGatewayProxyStructuredResultV2 {
  const contentType = reply.contentType ?? JSON_CONTENT_TYPE;
  const isJson = isJsonType(contentType);
  const isBytes = reply.body instanceof Uint8Array;
  // No content, not modified, or a redirect: no body and no Content-Type.
  if (reply.status === 204 || (reply.status >= 300 && reply.status < 400)) {
    return {
      statusCode: reply.status,
      headers: { ...reply.headers, 'API-Version': API_VERSION, 'X-Correlation-Id': correlationId },
      body: '',
    };
  }
  return {
    statusCode: reply.status,
    headers: {
      'Content-Type': isJson || isBytes ? contentType : `${contentType}; charset=utf-8`,
      // Every answer depends on the caller's token: no shared cache may keep it.
      'Cache-Control': 'no-store',
      // No browser may read JSON, Markdown minutes or an iCalendar feed as anything else.
      'X-Content-Type-Options': 'nosniff',
      // NL API Design Rules API-57: the full version on every answer.
      'API-Version': API_VERSION,
      ...reply.headers,
      'X-Correlation-Id': correlationId,
    },
    ...(isBytes
      ? { body: Buffer.from(reply.body as Uint8Array).toString('base64'), isBase64Encoded: true }
      : { body: serializedBody(reply) as string }),
  };
}
