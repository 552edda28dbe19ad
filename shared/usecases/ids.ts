/**
 * Ids of new proposals and meetings: URL-safe, unguessable, and — when the request carries an
 * `Idempotency-Key` — derived from the caller and the key, so that a retry after a failure halfway
 * finds what the first attempt created instead of creating a twin.
 */
import { createHash, randomBytes } from 'node:crypto';

/**
 * 16 URL-safe characters (96 bits) that stand for (party, Idempotency-Key). Written beside what a
 * request changed (a meeting's close, a ballot, a withdrawal notice), it lets a retry of that
 * request recognise its own work after the first attempt died before answering; it reveals
 * neither the party nor the key.
 */
export function requestRef(party: string, idempotencyKey: string): string {
  return createHash('sha256')
    .update(`${party}\n${idempotencyKey}`)
    .digest()
    .subarray(0, 12)
    .toString('base64url');
}

/** 16 URL-safe characters (96 bits), random or derived from (party, Idempotency-Key). */
export function idSuffix(party: string, idempotencyKey?: string): string {
  return idempotencyKey === undefined
    ? randomBytes(12).toString('base64url')
    : requestRef(party, idempotencyKey);
}
