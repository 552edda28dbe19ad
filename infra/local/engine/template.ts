// Payload templates (Parameters, ResultSelector): a key ending in `.$` takes the value its path
// selects from the input (`$…`) or the context object (`$$…`), nested objects are templates too,
// everything else is copied. Intrinsic functions are refused earlier, by validate.ts.
import type { JsonObject, JsonValue } from './definition.ts';
import { selectPath } from './paths.ts';

const isObject = (value: JsonValue): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Evaluates `template` against `input` and `context`.
 * @throws StatesError `States.Runtime` when a path points to nothing (Step Functions fails the
 *   execution then; no Catch applies)
 */
export function evaluateTemplate(template: JsonObject, input: JsonValue, context: JsonValue): JsonObject {
  const result: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) {
      result[key.slice(0, -2)] = selectPath(input, String(value), key, context);
    } else {
      result[key] = isObject(value) ? evaluateTemplate(value, input, context) : value;
    }
  }
  return result;
}

/** A `.$` entry of a template whose value is not a path but an intrinsic function call. */
export interface IntrinsicUse {
  /** The template key, with its parents: `Payload.greeting.$`. */
  readonly field: string;
  /** The function's name: `States.Format`. */
  readonly fn: string;
}

/** The intrinsic functions a template uses (the engine runs none of them). */
export function intrinsicFunctionsIn(template: JsonObject, prefix = ''): IntrinsicUse[] {
  return Object.entries(template).flatMap(([key, value]): IntrinsicUse[] => {
    if (key.endsWith('.$')) {
      if (typeof value === 'string' && value.startsWith('$')) return [];
      return [{ field: `${prefix}${key}`, fn: String(value).split('(')[0]?.trim() ?? '' }];
    }
    return isObject(value) ? intrinsicFunctionsIn(value, `${prefix}${key}.`) : [];
  });
}
