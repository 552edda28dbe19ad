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
    ...(spec.headers ? { headers: spec.headers } : {}),
  };
}

/** The API Gateway result of a reply: JSON (or problem+json) serialised, text as it is, bytes in base64. */
export function toResult(reply: Reply, correlationId: string): APIGatewayProxyStructuredResultV2 {
  const contentType = reply.contentType ?? JSON_CONTENT_TYPE;
  const isJson = contentType === JSON_CONTENT_TYPE || contentType === PROBLEM_CONTENT_TYPE;
  const isBytes = reply.body instanceof Uint8Array;
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
      ? { body: Buffer.from(reply.body).toString('base64'), isBase64Encoded: true }
      : { body: isJson ? JSON.stringify(reply.body) : String(reply.body) }),
  };
}
