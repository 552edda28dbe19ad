/**
 * The Task states of one model state: timer, park, deadline, rollover and notify. Each follows the
 * transition protocol of DESIGN 3.2; the payload shapes are in `protocol.ts`.
 */
import type { ChoiceState, Retrier, TaskState, TaskTimeout } from './asl.ts';
import type { Delay, EntryAction, ParkedStateModel } from './model.ts';
import { deadlineName, parkName, ROLLED_OVER, rolloverName, routeName, timedOutName } from './names.ts';
import { PROTOCOL_EVENTS } from './protocol.ts';

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
 * Works out how long the park may wait (DESIGN 3.2 step 4) through the park function: the state's
 * deadline or the execution's remaining life less a margin, whichever is earlier, at least one
 * second; and the successor's name for a rollover. Stored as `$.timer`, which the park's
 * `TimeoutSecondsPath` reads (AWS reads it from the state input, so it needs a state of its own).
 */
export function timerTask(state: ParkedStateModel, functionArn: string): TaskState {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: {
      FunctionName: functionArn,
      Payload: {
        'proposalId.$': '$.proposalId',
        state: state.key,
        deadline: state.delay !== undefined,
        'signal.$': '$.signal',
        'startTime.$': '$$.Execution.StartTime',
        'executionName.$': '$$.Execution.Name',
      },
    },
    ResultSelector: {
      'seconds.$': '$.Payload.seconds',
      'onTimeout.$': '$.Payload.onTimeout',
      'due.$': '$.Payload.due',
      'successorName.$': '$.Payload.successorName',
    },
    ResultPath: '$.timer',
    Retry: [LAMBDA_RETRY, TASK_RETRY],
    Next: parkName(state.key),
  };
}

/**
 * Parks the execution until the relay answers the task token with the next signal (stored
 * whole as `$.signal`, so an absent `timeoutSeconds` is never dereferenced), or until the timer's
 * timeout: then the deadline, or the rollover when the execution's life ends first.
 */
export function parkTask(state: ParkedStateModel, functionArn: string): TaskState {
  const timeout: TaskTimeout = { TimeoutSecondsPath: '$.timer.seconds' };
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
        Next: state.delay === undefined ? rolloverName(state.key) : timedOutName(state.key),
      },
    ],
    Next: routeName(state.key),
  };
}

/** A timed-out park of a state with a deadline: the deadline fell due, or the execution's life ends first. */
export function timedOutChoice(state: ParkedStateModel): ChoiceState {
  return {
    Type: 'Choice',
    Choices: [{ Variable: '$.timer.onTimeout', StringEquals: 'rollover', Next: rolloverName(state.key) }],
    Default: deadlineName(state.key),
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
 * execution lives at most a year); the successor's `Start` parks it again, with the deadline's
 * due moment, without re-running entry actions. The successor's name is deterministic (proposal
 * id + generation), so a retried start finds the execution it started and is a no-op.
 */
export function rolloverTask(state: ParkedStateModel): TaskState {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::states:startExecution',
    Parameters: {
      'StateMachineArn.$': '$$.StateMachine.Id',
      'Name.$': '$.timer.successorName',
      Input: {
        'proposalId.$': '$.proposalId',
        signal: {
          type: PROTOCOL_EVENTS.rollover,
          target: state.key,
          'version.$': '$.signal.version',
          'due.$': '$.timer.due',
        },
        'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id',
      },
    },
    ResultSelector: { 'executionArn.$': '$.ExecutionArn' },
    ResultPath: '$.successor',
    // The successor exists and has moved on already (a retry after a lost answer): handed over.
    Catch: [
      { ErrorEquals: ['StepFunctions.ExecutionAlreadyExistsException'], ResultPath: null, Next: ROLLED_OVER },
    ],
    Retry: [
      {
        // A start that already happened answers ExecutionAlreadyExists only for other input: the
        // same name and input is idempotent, so every transient failure may be retried.
        ErrorEquals: [
          'StepFunctions.ExecutionLimitExceeded',
          'StepFunctions.SdkClientException',
          'States.TaskFailed',
        ],
        IntervalSeconds: 2,
        MaxAttempts: 6,
        BackoffRate: 2,
      },
    ],
    Next: ROLLED_OVER,
  };
}

/**
 * Runs one entry action of state `key` through the notify Lambda, keeping the state document.
 * An e-mail never fails the execution: the notify Lambda records a delivery it could not make in
 * the proposal's audit trail itself, and whatever still fails after the retries (a crashed
 * function) is caught here, kept as `$.notifyError`, and the execution goes on.
 */
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
    Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.notifyError', Next: next }],
    Next: next,
  };
}
