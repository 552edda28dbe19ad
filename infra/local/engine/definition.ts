// The part of Amazon States Language the local engine runs, as the interpreter sees it after
// validate.ts has checked a definition. Broader than the compiler's own `asl.ts` (which types only
// what the compiler emits): the engine also runs Pass, Wait, InputPath/OutputPath and every
// JSONPath Choice comparison, so hand-written definitions work too.
import type { JsonObject, JsonValue } from '#statemachines/compiler/asl.ts';

export type { JsonObject, JsonValue };

/** The three task integrations the engine runs. */
export const TASK_RESOURCES = {
  invoke: 'arn:aws:states:::lambda:invoke',
  invokeWaitForTaskToken: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  startExecution: 'arn:aws:states:::states:startExecution',
} as const;

export type TaskResource = (typeof TASK_RESOURCES)[keyof typeof TASK_RESOURCES];

/** Retries a task on the errors it names. */
export interface Retrier {
  readonly ErrorEquals: readonly string[];
  /** @default 1 */
  readonly IntervalSeconds?: number;
  /** @default 3 */
  readonly MaxAttempts?: number;
  /** @default 2 */
  readonly BackoffRate?: number;
  readonly MaxDelaySeconds?: number;
}

/** Moves to `Next` on the errors it names, with `{Error, Cause}` placed at `ResultPath`. */
export interface Catcher {
  readonly ErrorEquals: readonly string[];
  readonly ResultPath?: string | null;
  readonly Next: string;
}

/** What every state but Choice, Succeed and Fail has: where to go next. */
interface Flow {
  readonly Next?: string;
  readonly End?: boolean;
}

/** Input and output filtering, shared by every state but Fail. */
interface Filters {
  readonly InputPath?: string | null;
  readonly OutputPath?: string | null;
}

export interface TaskState extends Flow, Filters {
  readonly Type: 'Task';
  readonly Resource: TaskResource;
  readonly Parameters?: JsonObject;
  readonly ResultSelector?: JsonObject;
  readonly ResultPath?: string | null;
  readonly Retry?: readonly Retrier[];
  readonly Catch?: readonly Catcher[];
  readonly TimeoutSeconds?: number;
  readonly TimeoutSecondsPath?: string;
}

export interface PassState extends Flow, Filters {
  readonly Type: 'Pass';
  readonly Result?: JsonValue;
  readonly Parameters?: JsonObject;
  readonly ResultPath?: string | null;
}

export interface WaitState extends Flow, Filters {
  readonly Type: 'Wait';
  readonly Seconds?: number;
  readonly SecondsPath?: string;
  readonly Timestamp?: string;
  readonly TimestampPath?: string;
}

/** A Choice rule: a comparison (`Variable` + one operator), or `And`/`Or`/`Not` of rules. */
export interface ChoiceRule {
  readonly Variable?: string;
  readonly And?: readonly ChoiceRule[];
  readonly Or?: readonly ChoiceRule[];
  readonly Not?: ChoiceRule;
  readonly Next?: string;
  readonly [operator: string]: JsonValue | readonly ChoiceRule[] | ChoiceRule | undefined;
}

export interface ChoiceState extends Filters {
  readonly Type: 'Choice';
  readonly Choices: readonly ChoiceRule[];
  readonly Default?: string;
}

export interface SucceedState extends Filters {
  readonly Type: 'Succeed';
}

export interface FailState {
  readonly Type: 'Fail';
  readonly Error?: string;
  readonly Cause?: string;
  readonly ErrorPath?: string;
  readonly CausePath?: string;
}

export type EngineState = TaskState | PassState | WaitState | ChoiceState | SucceedState | FailState;

/** A validated definition. */
export interface Definition {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, EngineState>>;
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
