/**
 * Conditional requests (RFC 9110 13), once for every route: a strong `ETag` on every successful GET,
 * `If-None-Match` → 304, and `If-Match` on the routes that change a resource → 412 when the resource
 * is no longer as the caller last saw it: checked before the change and, for a proposal, again in
 * the change's own transaction (its version), so two changes with one If-Match never both land.
 *
 * The tag is a digest of the representation itself, not a stored counter: a proposal's JSON also
 * holds what the caller may do now and whether a deadline is overdue, so two callers (or one caller
 * before and after a deadline) see different bytes of the same version. A digest changes exactly
 * when the bytes do, which is what a strong validator promises.
 */
import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { RequestConditions } from '#shared/ports/store.ts';
import { ExpectedVersionError } from '#shared/ports/store-errors.ts';
import { PreconditionFailedError } from './errors.ts';
import { header } from './request.ts';
import { serializedBody } from './response.ts';
import type { Reply } from './route.ts';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;

/** The strong entity tag of a reply's representation: `"<27 characters of base64url SHA-256>"`. */
export function entityTag(reply: Reply): string {
  const digest = createHash('sha256')
    .update(reply.contentType ?? 'application/json')
    .update('\n')
    .update(serializedBody(reply))
    .digest('base64url');
  return `"${digest.slice(0, 27)}"`;
}

/** The entity tags of an If-Match / If-None-Match value; `*` stays `*`. */
export function parseEntityTags(value: string): string[] {
  if (value.trim() === '*') return ['*'];
  return [...value.matchAll(/(W\/)?"[\x21\x23-\x7e\x80-\xff]*"/g)].map((m) => m[0]);
}

const weakless = (tag: string) => tag.replace(/^W\//, '');

/**
 * A GET's successful reply with its `ETag`, or a 304 when `If-None-Match` names it (weak
 * comparison, RFC 9110 13.1.2). Other replies pass unchanged.
 */
export function withEntityTag(event: Event, reply: Reply): Reply {
  if (reply.status !== 200) return reply;
  const tag = entityTag(reply);
  // A route may say how its answer is cached (the publication of art. 16 is public); otherwise
  // private, since the answer depends on the caller's token, and no-cache: revalidate every time.
  const own = reply.headers?.['Cache-Control'];
  const headers = {
    ...reply.headers,
    ETag: tag,
    ...(own === undefined ? { 'Cache-Control': 'private, no-cache', Vary: 'Authorization' } : {}),
  };
  const ifNoneMatch = header(event, 'if-none-match');
  if (ifNoneMatch !== undefined) {
    const tags = parseEntityTags(ifNoneMatch);
    if (tags.includes('*') || tags.some((t) => weakless(t) === tag)) {
      return { status: 304, body: null, headers };
    }
  }
  return { ...reply, headers };
}

/**
 * Refuses a change whose `If-Match` names none of the current representation's tags (strong
 * comparison, RFC 9110 13.1.1). `current` reads the resource as a GET would answer it now.
 * Returns what the change must then demand of its own transaction: when the representation names
 * its stored `version` (a proposal), the change commits only from that version (see
 * {@link withIfMatch}), so a change landing between this check and the write answers 412 too.
 * @throws PreconditionFailedError
 */
export async function checkIfMatch(
  event: Event,
  current: () => Promise<Reply>,
): Promise<Pick<RequestConditions, 'proposalAt'>> {
  const ifMatch = header(event, 'if-match');
  if (ifMatch === undefined) return {};
  const tags = parseEntityTags(ifMatch);
  const reply = await current();
  const exists = reply.status === 200;
  const tag = exists ? entityTag(reply) : undefined;
  const matches =
    (tags.includes('*') && exists) ||
    (tag !== undefined && tags.some((t) => !t.startsWith('W/') && t === tag));
  if (!matches) throw new PreconditionFailedError(tags, tag);
  const proposalAt = versionOf(reply.body);
  return proposalAt ? { proposalAt } : {};
}

/** The stored version a representation shows: a proposal's `id` and `version`. */
function versionOf(body: unknown): { id: string; version: number } | undefined {
  const { id, version } = (body ?? {}) as { id?: unknown; version?: unknown };
  return typeof id === 'string' && Number.isSafeInteger(version)
    ? { id, version: version as number }
    : undefined;
}

/**
 * Runs a change made under `If-Match`: the store refused it in its transaction because the resource
 * moved past the version the request named (ExpectedVersionError): answered as 412 with the tag
 * of the resource as it is now.
 * @throws PreconditionFailedError
 */
export async function withIfMatch(
  event: Event,
  current: () => Promise<Reply>,
  run: () => Promise<Reply>,
): Promise<Reply> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ExpectedVersionError)) throw error;
    const reply = await current();
    const tags = parseEntityTags(header(event, 'if-match') ?? '');
    throw new PreconditionFailedError(tags, reply.status === 200 ? entityTag(reply) : undefined);
  }
}
