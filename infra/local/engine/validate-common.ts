// What the definition checks share: how they refuse (unsupported vs. invalid) and the checks of
// fields every kind of state has (paths, transitions, payload templates).
import type { JsonObject } from './definition.ts';
import { StepFunctionsApiError, UnsupportedAslError } from './errors.ts';
import { referenceSegments } from './paths.ts';
import { intrinsicFunctionsIn } from './template.ts';

/** A definition, or a part of it, before it is checked. */
export type Raw = Readonly<Record<string, unknown>>;

/** A refusal of something AWS runs and this engine does not. */
export const unsupported = (where: string, what: string): UnsupportedAslError =>
  new UnsupportedAslError(`${where}: ${what} is not supported by the local engine`);

/** A refusal of a definition AWS would refuse too. */
export const invalid = (where: string, problem: string): StepFunctionsApiError =>
  new StepFunctionsApiError('InvalidDefinition', `${where}: ${problem}`);

/** True for a JSON object (not an array, not null). */
export const isRecord = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Context of one state's checks: its name for messages and the names `Next` may use. */
export interface Scope {
  readonly where: string;
  readonly states: ReadonlySet<string>;
}

/** Refuses JSONata (the engine evaluates JSONPath only). */
export function checkQueryLanguage(where: string, value: unknown): void {
  if (value !== undefined && value !== 'JSONPath')
    throw unsupported(where, `QueryLanguage '${String(value)}'`);
}

/** Refuses a field the engine does not run. */
export function checkFields(where: string, raw: Raw, allowed: readonly string[], label = 'field'): void {
  const extra = Object.keys(raw).find((key) => !allowed.includes(key));
  if (extra !== undefined) throw unsupported(where, `${label} '${extra}'`);
}

/** Refuses a transition to a state the definition does not have. */
export function checkTarget(scope: Scope, field: string, target: unknown): void {
  if (typeof target !== 'string' || !scope.states.has(target)) {
    throw invalid(scope.where, `${field} '${String(target)}' is not a state of this definition`);
  }
}

/** Refuses a path that does not start with `$` (`nullable`: null is allowed). */
export function checkPath(scope: Scope, field: string, value: unknown, nullable = false): void {
  if (value === undefined || (nullable && value === null)) return;
  if (typeof value !== 'string' || !value.startsWith('$')) {
    throw invalid(scope.where, `${field} must be a JSONPath starting with '$', got ${JSON.stringify(value)}`);
  }
}

/** Refuses a ResultPath that selects more than one node. */
export function checkReferencePath(scope: Scope, field: string, value: unknown): void {
  if (value === undefined || value === null) return;
  try {
    referenceSegments(String(value));
  } catch {
    throw invalid(
      scope.where,
      `${field} must be a reference path such as '$.result', got ${JSON.stringify(value)}`,
    );
  }
}

/** Refuses a state without exactly one of Next and End. */
export function checkFlow(scope: Scope, raw: Raw): void {
  if ((raw.Next === undefined) === (raw.End !== true)) {
    throw invalid(scope.where, 'needs exactly one of Next and End: true');
  }
  if (raw.Next !== undefined) checkTarget(scope, 'Next', raw.Next);
}

/** Refuses a payload template that is no object or calls an intrinsic function. */
export function checkTemplate(scope: Scope, field: string, value: unknown): void {
  if (value === undefined) return;
  if (!isRecord(value)) throw invalid(scope.where, `${field} must be an object`);
  const [use] = intrinsicFunctionsIn(value as JsonObject);
  if (use) throw unsupported(scope.where, `intrinsic function '${use.fn}' in ${field} '${use.field}'`);
  for (const [key, inner] of Object.entries(value)) {
    if (key.endsWith('.$')) checkPath(scope, `${field} '${key}'`, inner);
  }
}

/** Refuses a Retry or Catch entry without error names. */
export function checkErrorNames(scope: Scope, field: string, raw: Raw): void {
  const names = raw.ErrorEquals;
  if (!Array.isArray(names) || names.length === 0 || names.some((name) => typeof name !== 'string')) {
    throw invalid(scope.where, `${field}.ErrorEquals must be a non-empty list of error names`);
  }
}

/** Refuses a number field below `minimum`. */
export function checkNonNegative(scope: Scope, field: string, value: unknown, minimum = 0): void {
  if (value !== undefined && (typeof value !== 'number' || !(value >= minimum))) {
    throw invalid(scope.where, `${field} must be a number >= ${minimum}, got ${JSON.stringify(value)}`);
  }
}
