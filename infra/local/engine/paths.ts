// JSONPath as Step Functions uses it: reading with jsonpath-plus (`$` is the input, `$$` the
// context object), InputPath/OutputPath filtering, and ResultPath, which writes into a copy of
// the state input. A path that points to nothing fails the execution (States.Runtime), as on AWS.
import { JSONPath } from 'jsonpath-plus';
import type { JsonValue } from './definition.ts';
import { runtimeError, StatesError } from './errors.ts';

/** Quoted names inside brackets may hold any character: drop them before looking at the syntax. */
const QUOTED = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g;

/**
 * True when `path` selects at most one node (no wildcard, deep scan, filter, union or slice).
 * Step Functions returns the node itself for such a path and an array of matches otherwise.
 */
export function isDefinitePath(path: string): boolean {
  const bare = path.replace(QUOTED, "''");
  return !/\*|\.\.|\?\(|\(|\[[^\]]*[,:][^\]]*\]/.test(bare);
}

/**
 * Reads `path` from `data`, or from `context` when it starts with `$$`. A definite path gives the
 * node or `undefined` when nothing is there; any other path gives the array of its matches.
 */
export function readPath(data: JsonValue, path: string, context?: JsonValue): JsonValue | undefined {
  const onContext = path.startsWith('$$');
  const json = onContext ? (context ?? null) : data;
  const jsonPath = onContext ? path.slice(1) : path;
  let matches: JsonValue[];
  try {
    matches = JSONPath({ path: jsonPath, json: json as object, wrap: true }) as JsonValue[];
  } catch (error) {
    throw runtimeError(`Invalid JSONPath '${path}': ${(error as Error).message}`);
  }
  return isDefinitePath(jsonPath) ? matches[0] : matches;
}

/** Reads `path` and fails with States.Runtime when it points to nothing. */
export function selectPath(data: JsonValue, path: string, field: string, context?: JsonValue): JsonValue {
  const value = readPath(data, path, context);
  if (value === undefined) {
    throw runtimeError(
      `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${JSON.stringify(data)}'`,
    );
  }
  return value;
}

/** InputPath/OutputPath: absent keeps the whole value, `null` gives `{}`, a path selects. */
export function filterPath(data: JsonValue, path: string | null | undefined, field: string): JsonValue {
  if (path === undefined) return data;
  if (path === null) return {};
  return selectPath(data, path, field);
}

/** The names along a reference path such as `$.a['b c'][0]`, without the leading `$`. */
export function referenceSegments(path: string): string[] {
  if (!path.startsWith('$') || path.startsWith('$$') || !isDefinitePath(path)) {
    throw new RangeError(`'${path}' is not a reference path`);
  }
  return JSONPath.toPathArray(path).slice(1);
}

/** A shallow copy of a container, so ResultPath never changes the value it was given. */
function copyOf(value: JsonValue): Record<string, JsonValue> | JsonValue[] {
  return Array.isArray(value) ? [...value] : { ...(value as Record<string, JsonValue>) };
}

function isContainer(value: JsonValue | undefined): value is Record<string, JsonValue> | JsonValue[] {
  return typeof value === 'object' && value !== null;
}

/** Places `value` at `segments` inside a copy of `target`, creating objects along the way. */
function placeAt(target: JsonValue, segments: readonly string[], value: JsonValue, path: string): JsonValue {
  const [head, ...rest] = segments;
  if (head === undefined) return value;
  if (!isContainer(target)) {
    throw new StatesError(
      'States.ResultPathMatchFailure',
      `Unable to apply ResultPath '${path}' to input '${JSON.stringify(target)}'`,
    );
  }
  const copy = copyOf(target) as Record<string, JsonValue>;
  const child = copy[head];
  copy[head] = placeAt(child === undefined && rest.length > 0 ? {} : (child ?? null), rest, value, path);
  return copy as JsonValue;
}

/**
 * ResultPath: absent or `$` replaces the input with the result, `null` discards the result and
 * keeps the input, a path places the result inside a copy of the input.
 */
export function applyResultPath(
  input: JsonValue,
  result: JsonValue,
  path: string | null | undefined,
): JsonValue {
  if (path === null) return input;
  if (path === undefined || path === '$') return result;
  return placeAt(input, referenceSegments(path), result, path);
}
