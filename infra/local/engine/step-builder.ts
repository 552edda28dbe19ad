// Collects what one step of an execution changes (events, position, tokens, timers, calls) without
// doing any of it: the interpreter stays pure and the store writes the resulting Plan at once.
import type { Definition, EngineState, JsonValue, TaskResource } from './definition.ts';
import type {
  ExecutionRecord,
  HistoryEvent,
  HistoryEventType,
  Invocation,
  Plan,
  Position,
  TimerKind,
  TimerRecord,
  TokenRecord,
  TokenStatus,
} from './model.ts';

/** The state machine an execution belongs to, as the context object shows it. */
export interface MachineInfo {
  readonly arn: string;
  readonly name: string;
}

/** What a step may read besides the execution: its definition, the time, fresh ids. */
export interface StepEnv {
  readonly definition: Definition;
  readonly machine: MachineInfo;
  readonly region: string;
  /** Epoch ms: the time of every event of this step. */
  readonly now: number;
  /** A fresh unique id (tokens, timers, invocations). */
  readonly newId: () => string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Accumulates one step; {@link StepBuilder.plan} hands it to the store. */
export class StepBuilder {
  readonly #before: ExecutionRecord | undefined;
  readonly #events: HistoryEvent[] = [];
  readonly #parked: TokenRecord[] = [];
  readonly #closed: TokenRecord[] = [];
  readonly #armed: TimerRecord[] = [];
  readonly #cancelled: string[] = [];
  readonly #invocations: Invocation[] = [];
  #record: Mutable<ExecutionRecord>;

  constructor(
    readonly env: StepEnv,
    before: ExecutionRecord | undefined,
    start: ExecutionRecord,
  ) {
    this.#before = before;
    this.#record = { ...start };
  }

  /** The execution as this step has left it so far. */
  get record(): ExecutionRecord {
    return this.#record;
  }

  get now(): number {
    return this.env.now;
  }

  /** Appends a history event with the next id. */
  emit(type: HistoryEventType, details: Readonly<Record<string, unknown>> = {}): void {
    const id = this.#record.eventCount + 1;
    this.#events.push({ id, previousEventId: id - 1, timestamp: this.now, type, details });
    this.#record.eventCount = id;
  }

  /** Changes fields of the execution record. */
  update(changes: Partial<ExecutionRecord>): void {
    this.#record = { ...this.#record, ...changes };
  }

  /** Moves the execution to `position` (undefined: between positions, or ended). */
  moveTo(position: Position | undefined): void {
    const { position: _, ...rest } = this.#record;
    this.#record = position === undefined ? rest : { ...rest, position };
  }

  armTimer(kind: TimerKind, due: number): string {
    const id = this.env.newId();
    this.#armed.push({ id, executionArn: this.#record.executionArn, due, kind });
    return id;
  }

  cancelTimer(id: string): void {
    this.#cancelled.push(id);
  }

  /** Parks a new token for `state` (the id comes from {@link StepEnv.newId} beforehand). */
  parkToken(token: string, state: string): void {
    this.#parked.push({ token, executionArn: this.#record.executionArn, state, status: 'WAITING' });
  }

  closeToken(token: string, state: string, status: TokenStatus): void {
    this.#closed.push({ token, executionArn: this.#record.executionArn, state, status });
  }

  /** Registers a call to make once the step is written; returns its id. */
  invoke(resource: TaskResource, request: JsonValue): string {
    const id = this.env.newId();
    this.#invocations.push({ id, executionArn: this.#record.executionArn, resource, request });
    return id;
  }

  /** The step's Plan; the revision goes up by one. */
  plan(): Plan {
    const before = this.#before;
    return {
      before,
      after: { ...this.#record, revision: (before?.revision ?? 0) + 1 },
      events: this.#events,
      tokensParked: this.#parked,
      tokensClosed: this.#closed,
      timersArmed: this.#armed,
      timersCancelled: this.#cancelled,
      invocations: this.#invocations,
    };
  }

  /** Records `<Type>StateEntered` for state `name` with its input. */
  entered(type: EngineState['Type'], name: string, input: JsonValue): void {
    this.emit(`${type}StateEntered`, {
      name,
      input: JSON.stringify(input),
      inputDetails: { truncated: false },
    });
  }

  /** Records `<Type>StateExited` for state `name` with its output. */
  exited(type: 'Task' | 'Choice' | 'Succeed', name: string, output: JsonValue): void {
    this.emit(`${type}StateExited`, {
      name,
      output: JSON.stringify(output),
      outputDetails: { truncated: false },
    });
  }

  /**
   * Cancels the timer and closes the token of `position` and leaves it. Every trigger that ends a
   * position calls this first, so nothing of a finished position can fire or be answered later.
   */
  release(position: Position | undefined, tokenStatus: TokenStatus): void {
    if (position === undefined) return;
    if (position.timer !== undefined) this.cancelTimer(position.timer);
    if (position.kind === 'task' && position.token !== undefined) {
      this.closeToken(position.token, position.state, tokenStatus);
    }
    this.moveTo(undefined);
  }

  succeed(output: JsonValue): void {
    this.emit('ExecutionSucceeded', { output: JSON.stringify(output), outputDetails: { truncated: false } });
    this.update({ status: 'SUCCEEDED', output: JSON.stringify(output), stopDate: this.now });
  }

  /** Fails the execution (a Fail state, an uncaught error, States.Runtime). */
  fail(error: string, cause: string): void {
    this.release(this.#record.position, 'CLOSED');
    this.emit('ExecutionFailed', { error, cause });
    this.update({ status: 'FAILED', error, cause, stopDate: this.now });
  }

  /** StopExecution: the execution ends ABORTED, its token can no longer be answered. */
  abort(error: string | undefined, cause: string | undefined): void {
    this.release(this.#record.position, 'CLOSED');
    const given = { ...(error === undefined ? {} : { error }), ...(cause === undefined ? {} : { cause }) };
    this.emit('ExecutionAborted', given);
    this.update({ status: 'ABORTED', stopDate: this.now, ...given });
  }
}

/** `$$`, the context object, with the fields definition.ts lets a template read. */
export function contextObject(b: StepBuilder, token?: string): JsonValue {
  const { record, env } = b;
  return {
    Execution: {
      Id: record.executionArn,
      Name: record.name,
      StartTime: new Date(record.startDate).toISOString(),
    },
    StateMachine: { Id: env.machine.arn },
    ...(token === undefined ? {} : { Task: { Token: token } }),
  };
}
