/**
 * Ids of what the API creates (proposals, meetings, changes, notices, subscriptions, calendars):
 * URL-safe and unguessable. A retry never needs to derive the id again: the Idempotency-Key record
 * of the request that created it keeps the id, written in the creating transaction
 * (shared/store/request-writes.ts), and a resumed request reads it from there (`AppDeps.resumed`).
 */
import { createHash, randomBytes } from 'node:crypto';

/** 16 URL-safe random characters (96 bits). */
export function idSuffix(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * 16 URL-safe characters derived from `seed`: the id of something made by a step that may run twice
 * (a dated effect tables its agenda item once), never by a request (requests use their
 * Idempotency-Key record).
 */
export function derivedIdSuffix(seed: string): string {
  return createHash('sha256').update(seed).digest().subarray(0, 12).toString('base64url');
}
