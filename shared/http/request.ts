/** Reading a request: the JSON body, the parts validated with zod, the Idempotency-Key header. */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import * as z from 'zod';
import dutch from 'zod/v4/locales/nl.js';
import type { Language } from '#shared/messages/index.ts';
import { type FieldIssue, InvalidRequestError, UnsupportedMediaTypeError } from './errors.ts';
import type { RouteDef } from './route.ts';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;

/** `body.standards[0]` from zod's path. */
function pathText(part: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`),
    part,
  );
}

/** Zod's issues as field errors, each with where it is. */
export function fieldIssues(part: string, error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: pathText(part, issue.path), message: issue.message }));
}

/** zod's own Dutch messages: a schema's own message still wins over them (zod's error precedence). */
const DUTCH = dutch().localeError;

/**
 * Validates one part of the request; the field errors' messages in `language` (DESIGN 5).
 * @throws InvalidRequestError
 */
export function parsePart<S extends z.ZodType>(
  schema: S,
  value: unknown,
  part: string,
  language: Language = 'en',
): z.output<S> {
  const result = schema.safeParse(value, language === 'nl' ? { error: DUTCH } : undefined);
  if (!result.success) throw new InvalidRequestError(fieldIssues(part, result.error));
  return result.data;
}

/** The body as JSON, or undefined when there is none. @throws InvalidRequestError on bad JSON */
export function readJsonBody(event: Event): unknown {
  if (event.body === undefined || event.body === null) return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidRequestError([{ path: 'body', message: 'is not valid JSON' }]);
  }
}

/** The query of a route that takes none: every key is unknown, and refused. */
export const NO_QUERY = z.strictObject({});

/** `application/json`, or a `+json` type such as `application/merge-patch+json`, with any parameters. */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * Refuses a body that says it is something other than JSON (415, RFC 9110 15.5.16): the API reads
 * only JSON, and a form or text body is a client's mistake, never to be guessed at.
 * @throws UnsupportedMediaTypeError
 */
export function requireJsonContentType(event: Event): void {
  const type = header(event, 'content-type');
  if (type !== undefined && !JSON_MEDIA_TYPE.test(type)) throw new UnsupportedMediaTypeError(type);
}

/** The validated body of a route (routes without a body schema ignore any body). */
export function parseBody(route: RouteDef, raw: unknown, language: Language = 'en'): unknown {
  if (!route.body) return {};
  if (raw === undefined && route.bodyOptional) return {};
  if (raw === undefined)
    throw new InvalidRequestError([{ path: 'body', message: 'a JSON body is required' }]);
  return parsePart(route.body, raw, 'body', language);
}

/** A header by name, whatever its case (API Gateway lowercases names; other callers may not). */
export function header(event: Event, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const entry = Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === wanted);
  return entry?.[1];
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The `Idempotency-Key` of a POST or PUT, if given: 1–255 visible ASCII characters.
 * @throws InvalidRequestError for a malformed key
 */
export function idempotencyKeyOf(event: Event, method: RouteDef['method']): string | undefined {
  if (method === 'GET') return undefined;
  const key = header(event, 'idempotency-key');
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new InvalidRequestError([
      { path: 'header.idempotency-key', message: 'must be 1–255 visible ASCII characters, e.g. a UUID' },
    ]);
  }
  return key;
}
