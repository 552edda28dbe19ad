/**
 * Ids of new proposals and meetings: URL-safe, unguessable, and — when the request carries an
 * `Idempotency-Key` — derived from the caller and the key, so that a retry after a failure halfway
 * finds what the first attempt created instead of creating a twin.
 */
import { createHash, randomBytes } from 'node:crypto';

/** 16 URL-safe characters (96 bits), random or derived from (party, Idempotency-Key). */
export function idSuffix(party: string, idempotencyKey?: string): string {
  const bytes =
    idempotencyKey === undefined
      ? randomBytes(12)
      : createHash('sha256').update(`${party}\n${idempotencyKey}`).digest().subarray(0, 12);
  return bytes.toString('base64url');
}
