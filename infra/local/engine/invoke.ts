// Makes a task's call: an in-process handler stands in for each Lambda function, StartExecution
// goes to the engine itself. Results and errors take the shapes Step Functions gives them, so
// ResultSelector, Retry and Catch see what they would see on AWS.
import type { JsonObject, JsonValue } from './definition.ts';
import { TASK_RESOURCES } from './definition.ts';
import { StepFunctionsApiError } from './errors.ts';
import type { Invocation, Outcome } from './model.ts';

/** An in-process stand-in for a Lambda function: its payload in, its answer out. */
export type LambdaHandler = (payload: unknown) => Promise<unknown>;

/** What a StartExecution task needs from the engine. */
export type StartExecutionFn = (request: {
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
}) => Promise<{ readonly executionArn: string; readonly startDate: Date }>;

/** Handlers by FunctionName (after definition substitutions), and the engine's StartExecution. */
export interface InvokerDeps {
  readonly handlers: Readonly<Record<string, LambdaHandler>>;
  readonly startExecution: StartExecutionFn;
}

const failure = (error: string, cause: string): Outcome => ({ ok: false, error, cause });

/** A thrown value as Lambda reports it: the error's name is the `Error`, its message the `Cause`. */
function thrownOutcome(thrown: unknown): Outcome {
  if (thrown instanceof StepFunctionsApiError) return failure(`StepFunctions.${thrown.code}`, thrown.message);
  if (thrown instanceof Error) return failure(thrown.name, thrown.message);
  return failure('Error', String(thrown));
}

/** A copy that is plain JSON: what crosses a Lambda boundary (`undefined` becomes null). */
function asJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value ?? null)) as JsonValue;
}

const requestOf = (invocation: Invocation): JsonObject =>
  typeof invocation.request === 'object' && invocation.request !== null && !Array.isArray(invocation.request)
    ? (invocation.request as JsonObject)
    : {};

async function invokeLambda(deps: InvokerDeps, invocation: Invocation): Promise<Outcome> {
  const request = requestOf(invocation);
  const functionName = String(request.FunctionName);
  const handler = deps.handlers[functionName];
  if (handler === undefined) {
    return failure('Lambda.ResourceNotFoundException', `Function not found: ${functionName}`);
  }
  const answer = await handler(asJson(request.Payload ?? {}));
  return { ok: true, value: { ExecutedVersion: '$LATEST', Payload: asJson(answer), StatusCode: 200 } };
}

async function startExecution(deps: InvokerDeps, invocation: Invocation): Promise<Outcome> {
  const request = requestOf(invocation);
  const input = request.Input ?? {};
  const started = await deps.startExecution({
    stateMachineArn: String(request.StateMachineArn),
    // The call's own id as the default name: a repeated call (after a crash) is then recognised
    // by StartExecution's idempotency instead of starting a second successor.
    name: typeof request.Name === 'string' ? request.Name : invocation.id,
    input: typeof input === 'string' ? input : JSON.stringify(input),
  });
  return {
    ok: true,
    value: { ExecutionArn: started.executionArn, StartDate: started.startDate.toISOString() },
  };
}

/** Returns the function that makes a task's call and reports its outcome (it never throws). */
export function createInvoker(deps: InvokerDeps): (invocation: Invocation) => Promise<Outcome> {
  return async (invocation) => {
    try {
      return invocation.resource === TASK_RESOURCES.startExecution
        ? await startExecution(deps, invocation)
        : await invokeLambda(deps, invocation);
    } catch (thrown) {
      return thrownOutcome(thrown);
    }
  };
}
