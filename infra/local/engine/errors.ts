// The engine's errors: refusals of a definition, the Step Functions API's named errors (the
// SDK's own exception classes), and the runtime errors a state raises (which Retry and Catch
// match by name, as on AWS).
import type { SFNServiceException } from '@aws-sdk/client-sfn';

/**
 * A definition uses a feature the compiler does not emit, so the engine does not run it (Map,
 * Pass, a JSONPath filter, an intrinsic function…). The message names the state and the feature.
 */
export class UnsupportedAslError extends Error {
  override readonly name = 'UnsupportedAslError';
}

/**
 * An API call the engine refuses, as the SDK's own exception (`ExecutionDoesNotExist`…): the
 * same class in-process as over HTTP, where the endpoint answers 400 with `__type` = its name
 * and `@aws-sdk/client-sfn` throws that class again.
 */
export const refusal = (
  Exception: new (options: { message: string; $metadata: Record<string, never> }) => SFNServiceException,
  message: string,
): SFNServiceException => new Exception({ message, $metadata: {} });

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

/** A `States.Runtime` error: it fails the execution. */
export const runtimeError = (cause: string): StatesError => new StatesError('States.Runtime', cause);
