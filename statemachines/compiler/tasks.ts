/**
 * The Task states of one model state: park, deadline, rollover and notify. Each follows the
 * transition protocol of DESIGN 3.2; the payload shapes are in `protocol.ts`.
 */
import type { Retrier, TaskState, TaskTimeout } from './asl.ts';
import type { Delay, EntryAction, ParkedStateModel } from './model.ts';
import { deadlineName, ROLLED_OVER, rolloverName, routeName } from './names.ts';
import { PROTOCOL_EVENTS, ROLLOVER_AFTER_SECONDS } from './protocol.ts';

/** Transient Lambda service errors: retried, as AWS advises for every Lambda task. */
export const LAMBDA_RETRY: Retrier = {
  ErrorEquals: [
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
  ],
  IntervalSeconds: 2,
  MaxAttempts: 6,
  BackoffRate: 2,
};

/**
 * A failure of the task's own function (a DynamoDB error that outlived the SDK's retries, a
 * crashed invocation): retried with backoff, because the workflow's Lambdas are idempotent — park
 * stores or answers one token, deadline dispatches at one version, notify sends with a stable
 * Message-ID (at worst an e-mail twice, never a proposal stuck behind a passing error).
 */
export const TASK_RETRY: Retrier = {
  ErrorEquals: ['States.TaskFailed'],
  IntervalSeconds: 5,
  MaxAttempts: 5,
  BackoffRate: 2,
};

/**
 * Parks the execution until the relay answers the task token with the next signal (stored
 * whole as `$.signal`, so an absent `timeoutSeconds` is never dereferenced), or until the
 * timeout: the state's deadline, or 300 days for a state without one.
 */
export function parkTask(state: ParkedStateModel, functionArn: string): TaskState {
  const timeout: TaskTimeout =
    state.delay === undefined
      ? { TimeoutSeconds: ROLLOVER_AFTER_SECONDS }
      : { TimeoutSecondsPath: '$.signal.timeoutSeconds' };
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
    Parameters: {
      FunctionName: functionArn,
      Payload: {
        'taskToken.$': '$$.Task.Token',
        'proposalId.$': '$.proposalId',
        state: state.key,
        'version.$': '$.signal.version',
        'executionArn.$': '$$.Execution.Id',
      },
    },
    ResultPath: '$.signal',
    ...timeout,
    Retry: [LAMBDA_RETRY, TASK_RETRY],
    Catch: [
      {
        ErrorEquals: ['States.Timeout'],
        ResultPath: '$.timeout',
        Next: state.delay === undefined ? rolloverName(state.key) : deadlineName(state.key),
      },
    ],
    Next: routeName(state.key),
  };
}

/**
 * Runs the deadline through the deadline Lambda, which dispatches the delayed event and returns
 * the winning signal. Its answer always carries `timeoutSeconds` (0 when the target has no
 * deadline): each `ResultSelector` path must point to a value or the execution fails.
 */
export function deadlineTask(state: ParkedStateModel, delay: Delay, functionArn: string): TaskState {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: {
      FunctionName: functionArn,
      Payload: {
        'proposalId.$': '$.proposalId',
        state: state.key,
        'version.$': '$.signal.version',
        event: delay.eventType,
      },
    },
    ResultSelector: {
      'type.$': '$.Payload.type',
      'target.$': '$.Payload.target',
      'version.$': '$.Payload.version',
      'timeoutSeconds.$': '$.Payload.timeoutSeconds',
    },
    ResultPath: '$.signal',
    Retry: [LAMBDA_RETRY, TASK_RETRY],
    Next: routeName(state.key),
  };
}

/**
 * Hands over to a successor execution of this state machine at the same state (a Standard
 * execution lives at most a year); the successor's `Start` parks it again without re-running
 * entry actions. Only a start refused for the account's execution limit is retried: StartExecution
 * without a name is not idempotent, so a blind retry could start two successors.
 */
export function rolloverTask(state: ParkedStateModel): TaskState {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::states:startExecution',
    Parameters: {
      'StateMachineArn.$': '$$.StateMachine.Id',
      Input: {
        'proposalId.$': '$.proposalId',
        signal: { type: PROTOCOL_EVENTS.rollover, target: state.key, 'version.$': '$.signal.version' },
        'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id',
      },
    },
    ResultSelector: { 'executionArn.$': '$.ExecutionArn' },
    ResultPath: '$.successor',
    Retry: [
      {
        ErrorEquals: ['StepFunctions.ExecutionLimitExceeded'],
        IntervalSeconds: 2,
        MaxAttempts: 6,
        BackoffRate: 2,
      },
    ],
    Next: ROLLED_OVER,
  };
}

/** Runs one entry action of state `key` through the notify Lambda, keeping the state document. */
export function notifyTask(key: string, action: EntryAction, functionArn: string, next: string): TaskState {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: {
      FunctionName: functionArn,
      Payload: {
        'proposalId.$': '$.proposalId',
        state: key,
        'version.$': '$.signal.version',
        action: action.type,
        ...(action.params === undefined ? {} : { params: action.params }),
      },
    },
    ResultPath: null,
    Retry: [LAMBDA_RETRY, TASK_RETRY],
    Next: next,
  };
}
