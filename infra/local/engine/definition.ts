// The subset of Amazon States Language the engine runs — exactly what `statemachines/compiler`
// emits, typed on the compiler's own `asl.ts` — and its paths as Step Functions evaluates them.
// `validateDefinition` refuses anything else with an UnsupportedAslError naming the state and the
// feature, so an execution never meets a state the engine cannot run.
import type {
  ChoiceState,
  FailState,
  JsonObject,
  JsonValue,
  SucceedState,
  TaskState,
} from '#statemachines/compiler/asl.ts';
import { runtimeError, UnsupportedAslError } from './errors.ts';

export type { ChoiceState, JsonObject, JsonValue, TaskState };

/** The three task integrations the compiler emits. */
export const TASK_RESOURCES = {
  invoke: 'arn:aws:states:::lambda:invoke',
  invokeWaitForTaskToken: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  startExecution: 'arn:aws:states:::states:startExecution',
} as const;

export type TaskResource = (typeof TASK_RESOURCES)[keyof typeof TASK_RESOURCES];

/** The state types the compiler emits (its `asl.ts` also types Pass and Wait, which it never emits). */
export type EngineState = TaskState | ChoiceState | SucceedState | FailState;

/** A checked definition. */
export interface Definition {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, EngineState>>;
}

/** The context-object paths a payload template may read (`$$.…`). */
const CONTEXT_PATHS: ReadonlySet<string> = new Set([
  '$$.Task.Token',
  '$$.Execution.Id',
  '$$.Execution.Name',
  '$$.Execution.StartTime',
  '$$.StateMachine.Id',
]);

/** A reference path of plain field names: `$`, `$.signal`, `$.Payload.timeoutSeconds`. */
const REFERENCE_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** The fields each state type, and each of its parts, may have. */
const FIELDS: Readonly<Record<string, readonly string[]>> = {
  Task: [
    ...['Type', 'Comment', 'Resource', 'Parameters', 'ResultSelector', 'ResultPath'],
    ...['TimeoutSecondsPath', 'Retry', 'Catch', 'Next', 'End'],
  ],
  Choice: ['Type', 'Comment', 'Choices', 'Default'],
  Succeed: ['Type', 'Comment'],
  Fail: ['Type', 'Comment', 'Error', 'Cause'],
  Retry: ['ErrorEquals', 'IntervalSeconds', 'MaxAttempts', 'BackoffRate'],
  Catch: ['ErrorEquals', 'ResultPath', 'Next'],
  rule: ['Variable', 'StringEquals', 'Next'],
  andRule: ['And', 'Next'],
  comparison: ['Variable', 'StringEquals'],
};

type Raw = Readonly<Record<string, unknown>>;
const asRecord = (value: unknown): Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : {};
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Checks one state against the subset; every refusal names the state. */
function checkState(name: string, states: Raw, raw: Raw): void {
  const refuse = (what: string, problem = 'is not supported by the local engine') =>
    new UnsupportedAslError(`state '${name}': ${what} ${problem}`);
  const fields = (item: Raw, kind: string, label: string) => {
    const extra = Object.keys(item).find((key) => !FIELDS[kind]?.includes(key));
    if (extra !== undefined) throw refuse(`${label} '${extra}'`);
  };
  // `Next`, `Default`, a Catch's `Next`: a state of this definition, and no Choice after a Choice.
  const target = (field: string, to: unknown, fromChoice = false) => {
    if (typeof to !== 'string' || !Object.hasOwn(states, to))
      throw refuse(`${field} '${String(to)}'`, 'is not a state of this definition');
    if (fromChoice && asRecord(states[to]).Type === 'Choice') throw refuse(`${field} to another Choice`);
  };
  const path = (field: string, value: unknown, context = false) => {
    const text = String(value);
    if (value !== undefined && !REFERENCE_PATH.test(text) && !(context && CONTEXT_PATHS.has(text)))
      throw refuse(`path '${text}' in ${field}`);
  };
  // A payload template: `.$` keys read a path (no intrinsic function), objects nest.
  const template = (field: string, value: unknown, prefix = ''): void => {
    for (const [key, inner] of Object.entries(asRecord(value))) {
      if (key.endsWith('.$')) path(`${field} '${prefix}${key}'`, inner, true);
      else template(field, inner, `${prefix}${key}.`);
    }
  };
  const type = String(raw.Type);
  if (!['Task', 'Choice', 'Succeed', 'Fail'].includes(type)) throw refuse(`Type '${type}'`);
  fields(raw, type, 'field');
  if (type === 'Task') {
    if (!Object.values<unknown>(TASK_RESOURCES).includes(raw.Resource))
      throw refuse(`Resource '${String(raw.Resource)}'`);
    if ((raw.Next === undefined) === (raw.End !== true))
      throw refuse('a Task', 'needs exactly one of Next and End: true');
    if (raw.Next !== undefined) target('Next', raw.Next);
    template('Parameters', raw.Parameters);
    template('ResultSelector', raw.ResultSelector);
    if (raw.ResultPath !== null) path('ResultPath', raw.ResultPath);
    path('TimeoutSecondsPath', raw.TimeoutSecondsPath);
    for (const [i, retrier] of asList(raw.Retry).entries())
      fields(asRecord(retrier), 'Retry', `Retry[${i}] field`);
    for (const [i, item] of asList(raw.Catch).entries()) {
      const catcher = asRecord(item);
      fields(catcher, 'Catch', `Catch[${i}] field`);
      target(`Catch[${i}].Next`, catcher.Next);
      if (catcher.ResultPath !== null) path(`Catch[${i}].ResultPath`, catcher.ResultPath);
    }
  }
  if (type === 'Choice') {
    // Rules of one `{Variable, StringEquals}` comparison, or `And` of several.
    for (const [i, item] of asList(raw.Choices).entries()) {
      const rule = asRecord(item);
      const and = rule.And !== undefined;
      fields(rule, and ? 'andRule' : 'rule', `Choices[${i}] operator`);
      for (const comparison of and ? asList(rule.And).map(asRecord) : [rule]) {
        if (and) fields(comparison, 'comparison', `Choices[${i}].And operator`);
        path(`Choices[${i}].Variable`, comparison.Variable ?? null);
        if (typeof comparison.StringEquals !== 'string') throw refuse(`Choices[${i}]`, 'needs StringEquals');
      }
      target(`Choices[${i}].Next`, rule.Next, true);
    }
    // The compiler always routes an unmatched input somewhere: no States.NoChoiceMatched.
    if (raw.Default === undefined) throw refuse('a Choice', 'needs a Default');
    target('Default', raw.Default, true);
  }
  if (type === 'Fail' && (typeof raw.Error !== 'string' || typeof raw.Cause !== 'string'))
    throw refuse('a Fail', 'needs a static Error and Cause');
}

/**
 * Checks a parsed definition and returns it typed.
 * @throws UnsupportedAslError naming the state and the feature, for anything the compiler does not emit
 */
export function validateDefinition(value: unknown): Definition {
  const raw = asRecord(value);
  const extra = Object.keys(raw).find((key) => !['Comment', 'StartAt', 'States'].includes(key));
  if (extra !== undefined)
    throw new UnsupportedAslError(`definition: field '${extra}' is not supported by the local engine`);
  const states = asRecord(raw.States);
  if (typeof raw.StartAt !== 'string' || !Object.hasOwn(states, raw.StartAt))
    throw new UnsupportedAslError(
      `definition: StartAt '${String(raw.StartAt)}' is not a state of this definition`,
    );
  for (const [name, state] of Object.entries(states)) checkState(name, states, asRecord(state));
  return raw as unknown as Definition; // checked: exactly the subset Definition types
}

/** Parses and checks a definition text (see {@link validateDefinition}). */
export function parseDefinition(text: string): Definition {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UnsupportedAslError(`definition: is not JSON: ${(error as Error).message}`);
  }
  return validateDefinition(raw);
}

/**
 * Replaces `${Name}` placeholders as CDK's `definitionSubstitutions` does.
 * @throws UnsupportedAslError for a placeholder without a value
 */
export function substitute(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{(\w+)\}/g, (placeholder, name: string) => {
    const value = values[name];
    if (value === undefined)
      throw new UnsupportedAslError(
        `definition: no substitution for ${placeholder}; pass it in \`substitutions\``,
      );
    return value;
  });
}

/** The state `name` of a checked definition (validateDefinition made every StartAt, Next, Default name one). */
export function stateOf(definition: Definition, name: string): EngineState {
  const state = definition.States[name];
  if (state === undefined) throw new Error(`the definition has no state '${name}'`);
  return state;
}

// Paths: `$.a.b` reads the state's data, `$$.…` the context object. A path to nothing fails the
// execution (States.Runtime), as on AWS.

export const isObject = (value: JsonValue | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads `path` from `data`, or from `context` when it starts with `$$`; undefined where nothing is. */
export function readPath(data: JsonValue, path: string, context?: JsonValue): JsonValue | undefined {
  const [root, ...names] = path.split('.');
  let value: JsonValue | undefined = root === '$$' ? context : data;
  for (const name of names) value = isObject(value) && Object.hasOwn(value, name) ? value[name] : undefined;
  return value;
}

/**
 * Evaluates a payload template: a key ending in `.$` takes the value its path selects, nested
 * objects are templates too, everything else is copied.
 * @throws StatesError `States.Runtime` when a path points to nothing
 */
export function evaluateTemplate(template: JsonObject, input: JsonValue, context: JsonValue): JsonObject {
  const evaluated = Object.entries(template).map(([key, value]) => {
    if (!key.endsWith('.$')) return [key, isObject(value) ? evaluateTemplate(value, input, context) : value];
    const selected = readPath(input, String(value), context);
    if (selected === undefined)
      throw runtimeError(
        `The JSONPath '${String(value)}' specified for the field '${key}' could not be found in the input '${JSON.stringify(input)}'`,
      );
    return [key.slice(0, -2), selected];
  });
  return Object.fromEntries(evaluated);
}

/**
 * Places `value` at `names` inside a copy of `target`, creating objects along the way. The
 * compiler's ResultPaths are top-level fields of an object input, so a value in the way is no
 * `States.ResultPathMatchFailure` for a Catch to take: it fails the execution (`States.Runtime`).
 */
function placeAt(target: JsonValue, names: readonly string[], value: JsonValue, path: string): JsonValue {
  const [head, ...rest] = names;
  if (head === undefined) return value;
  if (!isObject(target))
    throw runtimeError(`Unable to apply ResultPath '${path}' to input '${JSON.stringify(target)}'`);
  const child = target[head]; // a null in the way fails as any other value
  return { ...target, [head]: placeAt(child === undefined ? {} : child, rest, value, path) };
}

/** ResultPath: absent or `$` replaces the input, `null` keeps it, `$.a.b` places the result in a copy. */
export function applyResultPath(
  input: JsonValue,
  result: JsonValue,
  path: string | null | undefined,
): JsonValue {
  if (path === null) return input;
  if (path === undefined) return result;
  return placeAt(input, path.split('.').slice(1), result, path);
}
