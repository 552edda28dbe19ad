// The subset of Amazon States Language the engine runs: exactly what `statemachines/compiler`
// emits, typed on the compiler's own `asl.ts`. `parseDefinition` refuses anything else with an
// UnsupportedAslError naming the state and the feature, so an execution never meets a state the
// engine cannot run.
import type {
  ChoiceState,
  FailState,
  JsonObject,
  JsonValue,
  SucceedState,
  TaskState,
} from '#statemachines/compiler/asl.ts';
import { UnsupportedAslError } from './errors.ts';

export type { ChoiceState, FailState, JsonObject, JsonValue, SucceedState, TaskState };

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
export const CONTEXT_PATHS: ReadonlySet<string> = new Set([
  '$$.Task.Token',
  '$$.Execution.Id',
  '$$.Execution.Name',
  '$$.Execution.StartTime',
  '$$.StateMachine.Id',
]);

/** A reference path of plain field names: `$`, `$.signal`, `$.Payload.timeoutSeconds`. */
const REFERENCE_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** The fields each state type may have, and those of its parts. */
const FIELDS = {
  Task: [
    ...['Type', 'Comment', 'Resource', 'Parameters', 'ResultSelector', 'ResultPath'],
    ...['TimeoutSeconds', 'TimeoutSecondsPath', 'Retry', 'Catch', 'Next', 'End'],
  ],
  Choice: ['Type', 'Comment', 'Choices', 'Default'],
  Succeed: ['Type', 'Comment'],
  Fail: ['Type', 'Comment', 'Error', 'Cause'],
  Retry: ['ErrorEquals', 'IntervalSeconds', 'MaxAttempts', 'BackoffRate'],
  Catch: ['ErrorEquals', 'ResultPath', 'Next'],
  rule: ['Variable', 'StringEquals', 'Next'],
  andRule: ['And', 'Next'],
  comparison: ['Variable', 'StringEquals'],
} as const;

type Raw = Readonly<Record<string, unknown>>;

const asRecord = (value: unknown): Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : {};

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Checks one state against the subset; `refuse` names the state in its error. */
class StateCheck {
  constructor(
    readonly name: string,
    readonly states: Raw,
  ) {}

  refuse(what: string, problem = 'is not supported by the local engine'): UnsupportedAslError {
    return new UnsupportedAslError(`state '${this.name}': ${what} ${problem}`);
  }

  fields(raw: Raw, allowed: readonly string[], label: string): void {
    const extra = Object.keys(raw).find((key) => !allowed.includes(key));
    if (extra !== undefined) throw this.refuse(`${label} '${extra}'`);
  }

  /** `Next`, `Default` or a Catch's `Next`: a state of this definition, and no Choice after a Choice. */
  target(field: string, target: unknown, fromChoice = false): void {
    if (typeof target !== 'string' || !Object.hasOwn(this.states, target)) {
      throw this.refuse(`${field} '${String(target)}'`, 'is not a state of this definition');
    }
    if (fromChoice && asRecord(this.states[target]).Type === 'Choice')
      throw this.refuse(`${field} to another Choice`);
  }

  path(field: string, value: unknown, context = false): void {
    const path = String(value);
    if (value !== undefined && !REFERENCE_PATH.test(path) && !(context && CONTEXT_PATHS.has(path))) {
      throw this.refuse(`path '${path}' in ${field}`);
    }
  }

  /** A payload template: `.$` entries read a path (no intrinsic function), objects nest. */
  template(field: string, value: unknown, prefix = ''): void {
    for (const [key, inner] of Object.entries(asRecord(value))) {
      if (key.endsWith('.$')) this.path(`${field} '${prefix}${key}'`, inner, true);
      else this.template(field, inner, `${prefix}${key}.`);
    }
  }

  task(raw: Raw): void {
    if (!Object.values<unknown>(TASK_RESOURCES).includes(raw.Resource))
      throw this.refuse(`Resource '${String(raw.Resource)}'`);
    if ((raw.Next === undefined) === (raw.End !== true))
      throw this.refuse('a Task', 'needs exactly one of Next and End: true');
    if (raw.Next !== undefined) this.target('Next', raw.Next);
    this.template('Parameters', raw.Parameters);
    this.template('ResultSelector', raw.ResultSelector);
    if (raw.ResultPath !== null) this.path('ResultPath', raw.ResultPath);
    this.path('TimeoutSecondsPath', raw.TimeoutSecondsPath);
    for (const [i, retrier] of asList(raw.Retry).entries())
      this.fields(asRecord(retrier), FIELDS.Retry, `Retry[${i}] field`);
    for (const [i, item] of asList(raw.Catch).entries()) {
      const catcher = asRecord(item);
      this.fields(catcher, FIELDS.Catch, `Catch[${i}] field`);
      this.target(`Catch[${i}].Next`, catcher.Next);
      if (catcher.ResultPath !== null) this.path(`Catch[${i}].ResultPath`, catcher.ResultPath);
    }
  }

  /** Rules of one `{Variable, StringEquals}` comparison, or `And` of several. */
  choice(raw: Raw): void {
    for (const [i, item] of asList(raw.Choices).entries()) {
      const rule = asRecord(item);
      const and = rule.And !== undefined;
      this.fields(rule, and ? FIELDS.andRule : FIELDS.rule, `Choices[${i}] operator`);
      for (const comparison of and ? asList(rule.And).map(asRecord) : [rule]) {
        if (and) this.fields(comparison, FIELDS.comparison, `Choices[${i}].And operator`);
        this.path(`Choices[${i}].Variable`, comparison.Variable ?? null);
        if (typeof comparison.StringEquals !== 'string') {
          throw this.refuse(`Choices[${i}]`, 'needs StringEquals');
        }
      }
      this.target(`Choices[${i}].Next`, rule.Next, true);
    }
    if (raw.Default !== undefined) this.target('Default', raw.Default, true);
  }

  run(raw: Raw): EngineState {
    const type = String(raw.Type);
    if (type !== 'Task' && type !== 'Choice' && type !== 'Succeed' && type !== 'Fail')
      throw this.refuse(`Type '${type}'`);
    this.fields(raw, FIELDS[type], 'field');
    if (type === 'Task') this.task(raw);
    if (type === 'Choice') this.choice(raw);
    if (type === 'Fail' && (typeof raw.Error !== 'string' || typeof raw.Cause !== 'string')) {
      throw this.refuse('a Fail', 'needs a static Error and Cause');
    }
    return raw as unknown as EngineState;
  }
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
  if (typeof raw.StartAt !== 'string' || !Object.hasOwn(states, raw.StartAt)) {
    throw new UnsupportedAslError(
      `definition: StartAt '${String(raw.StartAt)}' is not a state of this definition`,
    );
  }
  const checked = Object.entries(states).map(([name, state]) => [
    name,
    new StateCheck(name, states).run(asRecord(state)),
  ]);
  return { StartAt: raw.StartAt, States: Object.fromEntries(checked) };
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
 * Replaces `${Name}` placeholders in every string of the definition text, as CDK's
 * `definitionSubstitutions` does. Placeholders without a value stay as they are.
 */
export function substitute(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}

/** The `${Name}` placeholders left in a definition text, each once. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{(\w+)\}/g)].map((match) => match[0]))];
}
