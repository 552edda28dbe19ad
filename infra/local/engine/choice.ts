// Choice rules with JSONPath comparisons, as Step Functions evaluates them: a value of the wrong
// type never matches, and a Variable that points to nothing fails the execution (States.Runtime),
// except for IsPresent, which exists to ask exactly that.
import type { ChoiceRule, ChoiceState, JsonValue } from './definition.ts';
import { runtimeError, StatesError } from './errors.ts';
import { readPath } from './paths.ts';

type Comparison = (value: JsonValue, expected: JsonValue) => boolean;

const isTimestamp = (value: JsonValue): value is string =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
  !Number.isNaN(Date.parse(value));

/** A comparison that only matches when both sides are of the type `guard` accepts. */
function typed<T extends JsonValue>(
  guard: (value: JsonValue) => value is T,
  compare: (a: T, b: T) => boolean,
): Comparison {
  return (value, expected) => guard(value) && guard(expected) && compare(value, expected);
}

const isString = (v: JsonValue): v is string => typeof v === 'string';
const isNumber = (v: JsonValue): v is number => typeof v === 'number';
const isBoolean = (v: JsonValue): v is boolean => typeof v === 'boolean';
const time = (v: string): number => Date.parse(v);

/** `*` matches any run of characters; `\*` is a literal star. */
function wildcardMatch(value: string, pattern: string): boolean {
  const source = pattern
    .split(/(\\\*|\*)/)
    .map((part) =>
      part === '*' ? '.*' : (part === '\\*' ? '*' : part).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`, 's').test(value);
}

const COMPARISONS: Readonly<Record<string, Comparison>> = {
  StringEquals: typed(isString, (a, b) => a === b),
  StringLessThan: typed(isString, (a, b) => a < b),
  StringGreaterThan: typed(isString, (a, b) => a > b),
  StringLessThanEquals: typed(isString, (a, b) => a <= b),
  StringGreaterThanEquals: typed(isString, (a, b) => a >= b),
  StringMatches: typed(isString, wildcardMatch),
  NumericEquals: typed(isNumber, (a, b) => a === b),
  NumericLessThan: typed(isNumber, (a, b) => a < b),
  NumericGreaterThan: typed(isNumber, (a, b) => a > b),
  NumericLessThanEquals: typed(isNumber, (a, b) => a <= b),
  NumericGreaterThanEquals: typed(isNumber, (a, b) => a >= b),
  BooleanEquals: typed(isBoolean, (a, b) => a === b),
  TimestampEquals: typed(isTimestamp, (a, b) => time(a) === time(b)),
  TimestampLessThan: typed(isTimestamp, (a, b) => time(a) < time(b)),
  TimestampGreaterThan: typed(isTimestamp, (a, b) => time(a) > time(b)),
  TimestampLessThanEquals: typed(isTimestamp, (a, b) => time(a) <= time(b)),
  TimestampGreaterThanEquals: typed(isTimestamp, (a, b) => time(a) >= time(b)),
};

/** Type tests: `IsString: true` matches a string, `IsString: false` anything else. */
const TYPE_TESTS: Readonly<Record<string, (value: JsonValue) => boolean>> = {
  IsNull: (v) => v === null,
  IsNumeric: isNumber,
  IsString: isString,
  IsBoolean: isBoolean,
  IsTimestamp: isTimestamp,
};

/** Keys of a comparison rule that are not its operator. */
const RULE_KEYS = new Set(['Variable', 'Next', 'Comment']);

/** Every operator a comparison rule may use (each comparison also as `…Path`). */
export const CHOICE_OPERATORS: ReadonlySet<string> = new Set([
  ...Object.keys(COMPARISONS),
  ...Object.keys(COMPARISONS).map((name) => `${name}Path`),
  ...Object.keys(TYPE_TESTS),
  'IsPresent',
]);

/** The operator keys of a comparison rule (a valid rule has exactly one). */
export function operatorsOf(rule: ChoiceRule): string[] {
  return Object.keys(rule).filter((key) => !RULE_KEYS.has(key));
}

function compare(rule: ChoiceRule, operator: string, input: JsonValue): boolean {
  const variable = String(rule.Variable);
  const value = readPath(input, variable);
  const operand = rule[operator] as JsonValue;
  if (operator === 'IsPresent') return (value !== undefined) === operand;
  if (value === undefined) {
    throw runtimeError(
      `Invalid path '${variable}': The choice state's condition path references an invalid value.`,
    );
  }
  const typeTest = TYPE_TESTS[operator];
  if (typeTest) return typeTest(value) === operand;
  const byPath = operator.endsWith('Path');
  const comparison = COMPARISONS[byPath ? operator.slice(0, -4) : operator];
  if (!comparison) throw runtimeError(`Unknown Choice operator '${operator}'`);
  const expected = byPath ? readPath(input, String(operand)) : operand;
  return expected !== undefined && comparison(value, expected);
}

/** Evaluates one rule (without looking at its `Next`) against the Choice state's input. */
export function evaluateRule(rule: ChoiceRule, input: JsonValue): boolean {
  if (rule.And) return rule.And.every((inner) => evaluateRule(inner, input));
  if (rule.Or) return rule.Or.some((inner) => evaluateRule(inner, input));
  if (rule.Not) return !evaluateRule(rule.Not, input);
  const [operator] = operatorsOf(rule);
  return operator !== undefined && compare(rule, operator, input);
}

/**
 * The state a Choice moves to: the `Next` of the first matching rule, else `Default`.
 * @throws StatesError `States.NoChoiceMatched` when nothing matches and there is no Default
 */
export function chooseNext(state: ChoiceState, input: JsonValue): string {
  const match = state.Choices.find((rule) => evaluateRule(rule, input));
  const next = match?.Next ?? state.Default;
  if (next === undefined) {
    throw new StatesError(
      'States.NoChoiceMatched',
      `No Choice rule matched the input '${JSON.stringify(input)}'`,
    );
  }
  return next;
}
