/**
 * `Idempotency-Key` on every POST and PUT (DESIGN 5): a retry with the same key and the same request
 * gets the first response and changes nothing; the same key with another request is refused (422);
 * a retry while the first is still running is refused (409); a retry after the first committed its
 * change and died before answering resumes it (see {@link idempotent}). Records are kept per calling
 * party in the store; nothing else in the product remembers requests.
 */
import { createHash } from 'node:crypto';
import type { IdempotencyClaim, IdempotencyStore, JsonObject } from '#shared/ports/store.ts';
import { IdempotencyConflictError } from '#shared/ports/store-errors.ts';
import type { AppDeps, Resumed } from '#shared/usecases/deps.ts';
import { IdempotencyKeyInUseError, IdempotencyKeyReuseError } from '#shared/usecases/errors.ts';
import type { Reply } from './route.ts';

/** How long a key is remembered: a day covers any sensible retry. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/**
 * How long a claim holds while its request runs. A request that crashed (its process killed)
 * never releases the key; after this a retry with the same key runs again. Longer than any
 * request may take: the HTTP handlers' Lambda timeout is 10 s (infra/constructs/handler-function.ts).
 */
export const IN_PROGRESS_SECONDS = 12;

/** The claim of a request with an `Idempotency-Key`, made at `now`: kept a day once committed. */
export function claimOf(party: string, key: string, hash: string, now: Date): IdempotencyClaim {
  return { party, key, hash, keptUntil: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS };
}

/** JSON with its object keys sorted, so that `{"a":1,"b":2}` and `{"b":2,"a":1}` are one request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}

/** The fingerprint of a request: its route, its path parameters and its body as sent. */
export function requestHash(routeKey: string, params: unknown, body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical([routeKey, params, body ?? null])))
    .digest('base64url');
}

type IdempotencyDeps = Pick<AppDeps, 'clock' | 'logger'> & { readonly store: IdempotencyStore };

/**
 * Runs a request at most once per (party, key): the one place that decides, from the key's record,
 * whether the request runs, is replayed, is refused as running (409) or as another request (422),
 * or resumes. `run` answers every refusal as a Reply (stored, so a retry sees it too); it throws only
 * on failures worth retrying, which release the key.
 *
 * `run` gets `resumed` when the first attempt committed its change (the store wrote the record's
 * mark in that change's transaction) and died before storing its answer: the request then answers
 * from what that change left, with `createdId` naming what it created, and never changes it twice.
 */
export async function idempotent(
  deps: IdempotencyDeps,
  claim: IdempotencyClaim,
  run: (resumed?: Resumed) => Promise<Reply>,
): Promise<Reply> {
  const { party, key, hash } = claim;
  const begun = await deps.store.beginIdempotent(party, key, hash, deps.clock.now(), IN_PROGRESS_SECONDS);
  if (begun.status === 'completed') return replayOf(begun.response);
  if (begun.status === 'in-progress') throw new IdempotencyKeyInUseError(key, begun.retryAfterSeconds);
  if (begun.status === 'mismatch') throw new IdempotencyKeyReuseError(key);
  const resumed =
    begun.status === 'committed'
      ? begun.createdId === undefined
        ? {}
        : { createdId: begun.createdId }
      : undefined;
  let reply: Reply;
  try {
    reply = await run(resumed);
  } catch (error) {
    // A resumed record stays committed: only a claim that changed nothing is released.
    if (!resumed) await deps.store.abandonIdempotent(party, key, hash);
    throw error;
  }
  await remember(deps, claim, reply);
  return reply;
}

async function remember(
  deps: IdempotencyDeps,
  { party, key, hash }: IdempotencyClaim,
  reply: Reply,
): Promise<void> {
  const stored: JsonObject = {
    status: reply.status,
    body: reply.body,
    headers: reply.headers ?? {},
    ...(reply.contentType ? { contentType: reply.contentType } : {}),
  };
  try {
    const keepUntil = new Date(deps.clock.now().getTime() + IDEMPOTENCY_TTL_SECONDS * 1000);
    await deps.store.completeIdempotent(party, key, hash, stored, keepUntil);
  } catch (error) {
    // The record expired and was taken over while we ran: the work is done; only the replay is lost.
    if (!(error instanceof IdempotencyConflictError)) throw error;
    deps.logger.warn('idempotency record lost before completion', { idempotencyStatus: reply.status });
  }
}

/** The stored first response, marked as a replay. */
function replayOf(stored: JsonObject): Reply {
  const headers = {
    ...(stored.headers as Record<string, string> | undefined),
    'Idempotent-Replayed': 'true',
  };
  const contentType = typeof stored.contentType === 'string' ? stored.contentType : undefined;
  return {
    status: Number(stored.status),
    body: stored.body,
    headers,
    ...(contentType ? { contentType } : {}),
  };
}
