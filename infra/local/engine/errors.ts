// The engine's errors: refusals of a definition, the Step Functions API's named errors, and the
// runtime errors a state raises (which Retry and Catch match by name, as on AWS).

/**
 * A definition uses a feature the compiler does not emit, so the engine does not run it (Map,
 * Pass, a JSONPath filter, an intrinsic function…). The message names the state and the feature.
 */
export class UnsupportedAslError extends Error {
  override readonly name = 'UnsupportedAslError';
}

/** The error names of the Step Functions API that the engine throws (the SDK's exception names). */
export type StepFunctionsErrorCode =
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'InvalidArn'
  | 'InvalidExecutionInput'
  | 'InvalidName'
  | 'InvalidOutput'
  | 'InvalidToken'
  | 'StateMachineDoesNotExist'
  | 'TaskDoesNotExist'
  | 'TaskTimedOut'
  | 'ValidationException';

/**
 * An API call the engine refuses, named as AWS names it: the HTTP endpoint answers 400 with
 * `__type` = `code`, so `@aws-sdk/client-sfn` throws its exception of the same name.
 */
export class StepFunctionsApiError extends Error {
  override readonly name: StepFunctionsErrorCode;

  constructor(
    readonly code: StepFunctionsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/**
 * An error raised while running a state, with the `Error`/`Cause` pair Step Functions reports.
 * `States.Runtime` fails the execution: no Retry or Catch (not even `States.ALL`) matches it.
 */
export class StatesError extends Error {
  override readonly name = 'StatesError';

  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
  }
}
