// The paths the compiler emits, as Step Functions evaluates them: `$.a.b` reads the state's data,
// `$$.…` the context object; payload templates (Parameters, ResultSelector) fill their `.$` keys
// from paths; ResultPath writes into a copy of the state input. A path that points to nothing
// fails the execution (States.Runtime), as on AWS. definition.ts refuses every other path syntax.
import type { JsonObject, JsonValue } from './definition.ts';
import { runtimeError, StatesError } from './errors.ts';

const isObject = (value: JsonValue | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads `path` from `data`, or from `context` when it starts with `$$`; undefined where nothing is. */
export function readPath(data: JsonValue, path: string, context?: JsonValue): JsonValue | undefined {
  const [root, ...names] = path.split('.');
  let value: JsonValue | undefined = root === '$$' ? context : data;
  for (const name of names) value = isObject(value) && Object.hasOwn(value, name) ? value[name] : undefined;
  return value;
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

/**
 * Evaluates a payload template against `input` and `context`: a key ending in `.$` takes the
 * value its path selects, nested objects are templates too, everything else is copied.
 * @throws StatesError `States.Runtime` when a path points to nothing
 */
export function evaluateTemplate(template: JsonObject, input: JsonValue, context: JsonValue): JsonObject {
  const result: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) result[key.slice(0, -2)] = selectPath(input, String(value), key, context);
    else result[key] = isObject(value) ? evaluateTemplate(value, input, context) : value;
  }
  return result;
}

/** Places `value` at `names` inside a copy of `target`, creating objects along the way. */
function placeAt(target: JsonValue, names: readonly string[], value: JsonValue, path: string): JsonValue {
  const [head, ...rest] = names;
  if (head === undefined) return value;
  if (!isObject(target)) {
    throw new StatesError(
      'States.ResultPathMatchFailure',
      `Unable to apply ResultPath '${path}' to input '${JSON.stringify(target)}'`,
    );
  }
  const child = target[head];
  return {
    ...target,
    [head]: placeAt(child === undefined && rest.length > 0 ? {} : (child ?? null), rest, value, path),
  };
}

/**
 * ResultPath: absent or `$` replaces the input with the result, `null` discards the result and
 * keeps the input, `$.a.b` places the result inside a copy of the input.
 */
export function applyResultPath(
  input: JsonValue,
  result: JsonValue,
  path: string | null | undefined,
): JsonValue {
  if (path === null) return input;
  if (path === undefined) return result;
  return placeAt(input, path.split('.').slice(1), result, path);
}
