/** Checks on the `params` of entry actions, which the ASL embeds in a payload template. */
import type { JsonValue } from './asl.ts';

/** Whether `value` survives a JSON round trip unchanged (plain data, finite numbers). */
export function isJsonValue(value: unknown): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.values(value).every(isJsonValue);
}

/**
 * The first key ending in `.$` inside `value`, if any: in a payload template Step Functions
 * reads such a key's value as a path, so a literal param must not have one.
 */
export function pathLikeKey(value: JsonValue): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const entries: [string, JsonValue][] = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : Object.entries(value);
  for (const [key, item] of entries) {
    if (!Array.isArray(value) && key.endsWith('.$')) return key;
    const nested = pathLikeKey(item);
    if (nested !== undefined) return nested;
  }
  return undefined;
}
