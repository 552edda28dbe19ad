// The local stand-in for AWS Step Functions (Standard): the API operations the project uses, in
// the SDK's own shapes, over the runner (steps), the timer loop and the store. The HTTP endpoint
// (http.ts) serves these same methods to @aws-sdk/client-sfn.
import { randomUUID } from 'node:crypto';
import type {
  DescribeExecutionInput,
  DescribeExecutionOutput,
  ExecutionListItem,
  GetExecutionHistoryInput,
  GetExecutionHistoryOutput,
  ListExecutionsInput,
  ListExecutionsOutput,
  SendTaskFailureInput,
  SendTaskSuccessInput,
  HistoryEvent as SfnHistoryEvent,
  StartExecutionInput,
  StartExecutionOutput,
  StopExecutionInput,
  StopExecutionOutput,
} from '@aws-sdk/client-sfn';
import type { Clock } from '#shared/ports/clock.ts';
import type { JsonValue } from './definition.ts';
import { StepFunctionsApiError } from './errors.ts';
import {
  EXECUTION_STATUSES,
  type ExecutionRecord,
  type ExecutionStatus,
  type HistoryEvent,
  type Outcome,
  type StateMachineRecord,
  type TokenRecord,
} from './model.ts';
import { historyPage, listExecutionsPage } from './queries.ts';
import type { Registry } from './registry.ts';
import type { Runner } from './runner.ts';
import { type EngineStore, ExecutionConflictError } from './store.ts';

// ARNs and names as Step Functions forms and checks them.

/** Where the engine pretends to run: region and account of the ARNs it makes. */
export interface Location {
  readonly region: string;
  readonly accountId: string;
}

/** `arn:aws:states:<region>:<account>:stateMachine:<name>` */
export function stateMachineArnOf(location: Location, name: string): string {
  return `arn:aws:states:${location.region}:${location.accountId}:stateMachine:${name}`;
}

/** `arn:aws:states:<region>:<account>:execution:<machine name>:<execution name>` */
export function executionArnOf(location: Location, machineName: string, name: string): string {
  return `arn:aws:states:${location.region}:${location.accountId}:execution:${machineName}:${name}`;
}

/** Characters Step Functions refuses in names (whitespace, brackets, wildcards, punctuation, controls). */
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]/u;

/**
 * Checks a state machine or execution name: 1 to 80 characters, none of the forbidden ones.
 * @throws StepFunctionsApiError `InvalidName`
 */
export function checkName(name: string): string {
  if (name.length === 0 || name.length > 80 || FORBIDDEN.test(name)) {
    throw new StepFunctionsApiError('InvalidName', `Invalid Name: '${name}'`);
  }
  return name;
}

/**
 * Checks that `arn` is a Step Functions ARN of `kind` before it is looked up.
 * @throws StepFunctionsApiError `InvalidArn`
 */
export function checkArn(arn: unknown, kind: 'stateMachine' | 'execution'): string {
  if (typeof arn !== 'string' || !new RegExp(`^arn:aws:states:[^:]+:[^:]+:${kind}:`).test(arn)) {
    throw new StepFunctionsApiError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
  }
  return arn;
}

// The engine's records in the SDK's own shapes.

/** `<type>EventDetails`, or the shared `stateEnteredEventDetails`/`stateExitedEventDetails`. */
function detailsKey(type: HistoryEvent['type']): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

/** Drops inputs and outputs from event details (`includeExecutionData: false`). */
function withoutData(details: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { input: _i, output: _o, inputDetails: _id, outputDetails: _od, ...rest } = details;
  return rest;
}

/** A history event as GetExecutionHistory returns it. */
export function historyEventShape(event: HistoryEvent, includeData = true): SfnHistoryEvent {
  return {
    timestamp: new Date(event.timestamp),
    type: event.type,
    id: event.id,
    previousEventId: event.previousEventId,
    [detailsKey(event.type)]: includeData ? event.details : withoutData(event.details),
  } as SfnHistoryEvent;
}

/** An execution as ListExecutions lists it. */
export function executionListItem(record: ExecutionRecord): ExecutionListItem {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: new Date(record.startDate),
    ...(record.stopDate === undefined ? {} : { stopDate: new Date(record.stopDate) }),
  };
}

/** An execution as DescribeExecution shows it. */
export function describeExecutionShape(record: ExecutionRecord): DescribeExecutionOutput {
  return {
    ...executionListItem(record),
    startDate: new Date(record.startDate),
    input: record.input,
    inputDetails: { included: true },
    ...(record.output === undefined ? {} : { output: record.output, outputDetails: { included: true } }),
    ...(record.error === undefined ? {} : { error: record.error }),
    ...(record.cause === undefined ? {} : { cause: record.cause }),
  };
}

/** What the API works on. */
export interface EngineParts {
  readonly store: EngineStore;
  readonly registry: Registry;
  readonly runner: Runner;
  readonly clock: Clock;
  readonly location: Location;
}

/** Page sizes: Step Functions' default and maximum. */
const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

function pageSize(maxResults: number | undefined): number {
  if (maxResults === undefined || maxResults === 0) return DEFAULT_PAGE;
  if (!Number.isInteger(maxResults) || maxResults < 0 || maxResults > MAX_PAGE) {
    throw new StepFunctionsApiError(
      'ValidationException',
      `maxResults must be from 0 to ${MAX_PAGE}, got ${maxResults}`,
    );
  }
  return maxResults;
}

function parseJson(text: string, code: 'InvalidExecutionInput' | 'InvalidOutput'): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw new StepFunctionsApiError(code, `Invalid JSON: ${text.slice(0, 200)}`);
  }
}

/** Why a token cannot be answered, as Step Functions says it. */
function tokenError(token: TokenRecord | undefined): StepFunctionsApiError {
  switch (token?.status) {
    case undefined:
      return new StepFunctionsApiError('InvalidToken', 'Invalid token');
    case 'TIMED_OUT':
      return new StepFunctionsApiError('TaskTimedOut', 'Task Timed Out');
    case 'SUCCEEDED':
    case 'FAILED':
      // AWS answers a token that was answered before with TaskTimedOut, too.
      return new StepFunctionsApiError('TaskTimedOut', 'Provided task does not exist anymore');
    default:
      return new StepFunctionsApiError('TaskDoesNotExist', 'Provided task does not exist anymore');
  }
}

/** The Step Functions API of the local engine. */
export class StepFunctionsApi {
  constructor(protected readonly parts: EngineParts) {}

  /** The ARN a state machine of this name has (created or not). */
  stateMachineArn(name: string): string {
    return stateMachineArnOf(this.parts.location, name);
  }

  /** Starts an execution; idempotent for the same name and input while it runs, as on AWS. */
  async startExecution(input: StartExecutionInput): Promise<StartExecutionOutput> {
    const machine = await this.#machine(input.stateMachineArn);
    const name = checkName(input.name ?? randomUUID());
    const text = input.input ?? '{}';
    parseJson(text, 'InvalidExecutionInput');
    const executionArn = executionArnOf(this.parts.location, machine.name, name);
    try {
      const started = await this.parts.runner.start({
        executionArn,
        stateMachineArn: machine.stateMachineArn,
        name,
        definitionId: machine.definitionId,
        input: text,
      });
      return { executionArn, startDate: new Date(started.startDate) };
    } catch (error) {
      if (!(error instanceof ExecutionConflictError)) throw error;
      return this.#alreadyStarted(executionArn, text);
    }
  }

  async #alreadyStarted(executionArn: string, input: string): Promise<StartExecutionOutput> {
    const existing = await this.parts.store.getExecution(executionArn);
    if (existing?.status === 'RUNNING' && existing.input === input) {
      return { executionArn, startDate: new Date(existing.startDate) };
    }
    throw new StepFunctionsApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
  }

  async describeExecution(input: DescribeExecutionInput): Promise<DescribeExecutionOutput> {
    return describeExecutionShape(await this.#execution(input.executionArn));
  }

  async listExecutions(input: ListExecutionsInput): Promise<ListExecutionsOutput> {
    const machine = await this.#machine(input.stateMachineArn);
    const statuses: readonly ExecutionStatus[] =
      input.statusFilter === undefined ? EXECUTION_STATUSES : [input.statusFilter as ExecutionStatus];
    const page = await listExecutionsPage(this.parts.store, {
      stateMachineArn: machine.stateMachineArn,
      statuses,
      limit: pageSize(input.maxResults),
      ...(input.nextToken === undefined ? {} : { nextToken: input.nextToken }),
    });
    return {
      executions: page.items.map(executionListItem),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  }

  async getExecutionHistory(input: GetExecutionHistoryInput): Promise<GetExecutionHistoryOutput> {
    const execution = await this.#execution(input.executionArn);
    const page = await historyPage(this.parts.store, {
      executionArn: execution.executionArn,
      reverse: input.reverseOrder === true,
      limit: pageSize(input.maxResults),
      ...(input.nextToken === undefined ? {} : { nextToken: input.nextToken }),
    });
    const events = page.items.map((event) => historyEventShape(event, input.includeExecutionData !== false));
    return { events, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  }

  /** Stops a running execution (ABORTED); stopping an ended one changes nothing. */
  async stopExecution(input: StopExecutionInput): Promise<StopExecutionOutput> {
    const executionArn = checkArn(input.executionArn, 'execution');
    const result = await this.parts.runner.trigger(executionArn, {
      kind: 'stop',
      ...(input.error === undefined ? {} : { error: input.error }),
      ...(input.cause === undefined ? {} : { cause: input.cause }),
    });
    if (result === 'missing') throw this.#noExecution(executionArn);
    const execution = await this.#execution(executionArn);
    return { stopDate: new Date(execution.stopDate ?? this.parts.clock.now().getTime()) };
  }

  async sendTaskSuccess(input: SendTaskSuccessInput): Promise<Record<string, never>> {
    const output = parseJson(String(input.output ?? ''), 'InvalidOutput');
    await this.#answer(input.taskToken, { ok: true, value: output });
    return {};
  }

  async sendTaskFailure(input: SendTaskFailureInput): Promise<Record<string, never>> {
    await this.#answer(input.taskToken, { ok: false, error: input.error ?? '', cause: input.cause ?? '' });
    return {};
  }

  async #waitingToken(taskToken: string | undefined): Promise<TokenRecord> {
    if (!taskToken) throw new StepFunctionsApiError('ValidationException', 'taskToken is required');
    const token = await this.parts.store.getToken(taskToken);
    if (token?.status !== 'WAITING') throw tokenError(token);
    return token;
  }

  /** Answers a token; only the first answer counts (the step's write closes the token). */
  async #answer(taskToken: string | undefined, outcome: Outcome): Promise<void> {
    const token = await this.#waitingToken(taskToken);
    const result = await this.parts.runner.trigger(token.executionArn, {
      kind: 'answer',
      token: token.token,
      outcome,
    });
    if (result !== 'applied') throw tokenError(await this.parts.store.getToken(token.token));
  }

  async #machine(arn: string | undefined): Promise<StateMachineRecord> {
    const machine = this.parts.registry.machine(checkArn(arn, 'stateMachine'));
    if (machine === undefined) {
      throw new StepFunctionsApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    }
    return machine;
  }

  async #execution(arn: string | undefined): Promise<ExecutionRecord> {
    const executionArn = checkArn(arn, 'execution');
    const execution = await this.parts.store.getExecution(executionArn);
    if (execution === undefined) throw this.#noExecution(executionArn);
    return execution;
  }

  #noExecution(executionArn: string): StepFunctionsApiError {
    return new StepFunctionsApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
  }
}
