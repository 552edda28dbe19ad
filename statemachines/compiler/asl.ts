/**
 * Amazon States Language, typed as far as the compiler uses it: a discriminated union on
 * `Type` in which `Next` and `End` exclude each other, as do `TimeoutSeconds` and
 * `TimeoutSecondsPath`, so an ill-formed state does not type-check.
 */
import { assertNever } from './assert-never.ts';

/** A JSON value, as Step Functions passes between states. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | JsonObject;

/** A JSON object; keys ending in `.$` are paths in a payload template. */
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** A state either continues with `Next` or ends the execution with `End`. */
export type Transition =
  | { readonly Next: string; readonly End?: never }
  | { readonly End: true; readonly Next?: never };

/** A task's timeout is static, read from the state input, or absent. */
export type TaskTimeout =
  | { readonly TimeoutSeconds: number; readonly TimeoutSecondsPath?: never }
  | { readonly TimeoutSecondsPath: string; readonly TimeoutSeconds?: never }
  | { readonly TimeoutSeconds?: never; readonly TimeoutSecondsPath?: never };

/** Retries a task on the errors it names. */
export interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds?: number;
  readonly MaxAttempts?: number;
  readonly BackoffRate?: number;
}

/** Moves to `Next` on the errors it names, with the error placed at `ResultPath`. */
export interface Catcher {
  readonly ErrorEquals: readonly string[];
  readonly ResultPath?: string | null;
  readonly Next: string;
}

/** A `Task`: calls a service integration. */
export type TaskState = {
  readonly Type: 'Task';
  readonly Comment?: string;
  readonly Resource: string;
  readonly Parameters?: JsonObject;
  readonly ResultSelector?: JsonObject;
  readonly ResultPath?: string | null;
  readonly Retry?: readonly Retrier[];
  readonly Catch?: readonly Catcher[];
} & TaskTimeout &
  Transition;

/** One comparison of a `Choice` rule (only what the compiler emits). */
export interface StringComparison {
  readonly Variable: string;
  readonly StringEquals: string;
}

/** A `Choice` rule: one comparison, or all of several. */
export type ChoiceRule = (StringComparison | { readonly And: readonly StringComparison[] }) & {
  readonly Next: string;
};

/** A `Choice`: branches on the input; it has no `Next`/`End` of its own. */
export interface ChoiceState {
  readonly Type: 'Choice';
  readonly Comment?: string;
  readonly Choices: readonly ChoiceRule[];
  readonly Default?: string;
}

/** A `Pass`: copies or injects data. */
export type PassState = {
  readonly Type: 'Pass';
  readonly Comment?: string;
  readonly Parameters?: JsonObject;
  readonly Result?: JsonValue;
  readonly ResultPath?: string | null;
} & Transition;

/** A `Wait`: pauses for a fixed or input-given time. */
export type WaitState = {
  readonly Type: 'Wait';
  readonly Comment?: string;
  readonly Seconds?: number;
  readonly SecondsPath?: string;
} & Transition;

/** A `Succeed`: ends the execution successfully. */
export interface SucceedState {
  readonly Type: 'Succeed';
  readonly Comment?: string;
}

/** A `Fail`: ends the execution with an error. */
export interface FailState {
  readonly Type: 'Fail';
  readonly Comment?: string;
  readonly Error: string;
  readonly Cause: string;
}

/** Any state of a definition. */
export type State = TaskState | ChoiceState | PassState | WaitState | SucceedState | FailState;

/** A whole state machine definition. */
export interface StateMachineDefinition {
  readonly Comment: string;
  readonly StartAt: string;
  readonly States: Readonly<Record<string, State>>;
}

/** The names of the states a state can move to next, in the order they appear in it. */
export function successorsOf(state: State): readonly string[] {
  switch (state.Type) {
    case 'Task':
      return [...(state.Next === undefined ? [] : [state.Next]), ...(state.Catch ?? []).map((c) => c.Next)];
    case 'Choice':
      return [
        ...state.Choices.map((rule) => rule.Next),
        ...(state.Default === undefined ? [] : [state.Default]),
      ];
    case 'Pass':
    case 'Wait':
      return state.Next === undefined ? [] : [state.Next];
    case 'Succeed':
    case 'Fail':
      return [];
    default:
      return assertNever(state);
  }
}
