// Runs the steps of executions: one at a time per execution (a queue per ARN in this process),
// each written atomically, conditional on the execution's revision (across processes). Only after
// a step is written does the runner make the calls it lists and arm its timers: a crash before
// the write loses nothing, a crash after it repeats at most the call (at least once, as on AWS).
// A call is an in-process handler standing in for the Lambda function, or StartExecution on the
// engine itself; results and errors take the shapes Step Functions gives them.
import { randomUUID } from 'node:crypto';
import * as sfn from '@aws-sdk/client-sfn';
import type { Clock } from '#shared/ports/clock.ts';
import {
  type Definition,
  isObject,
  type JsonObject,
  type JsonValue,
  parseDefinition,
  stateOf,
  TASK_RESOURCES,
  type TaskState,
} from './definition.ts';
import { type NewExecution, type StepEnv, startPlan, step } from './interpreter.ts';
import {
  type ExecutionRecord,
  type Invocation,
  type Outcome,
  type Plan,
  type TimerRecord,
  type Trigger,
  timersOf,
} from './model.ts';
import { type EngineStore, ExecutionConflictError } from './store.ts';
import { Limiter, type WorkTracker } from './timers.ts';

/** An in-process stand-in for a Lambda function: its payload in, its answer out. */
export type LambdaHandler = (payload: unknown) => Promise<unknown>;

/** A copy that is plain JSON: what crosses a Lambda boundary (`undefined` becomes null). */
const asJson = (value: unknown): JsonValue => JSON.parse(JSON.stringify(value ?? null)) as JsonValue;

/** Returns the function that makes a task's call and reports its outcome (it never throws). */
export function createInvoker(deps: {
  readonly handlers: Readonly<Record<string, LambdaHandler>>;
  readonly startExecution: (input: sfn.StartExecutionInput) => Promise<sfn.StartExecutionOutput>;
}): (invocation: Invocation) => Promise<Outcome> {
  return async ({ id, resource, request }): Promise<Outcome> => {
    const r: JsonObject = isObject(request) ? request : {};
    try {
      if (resource === TASK_RESOURCES.startExecution) {
        const input = r.Input ?? {};
        const started = await deps.startExecution({
          stateMachineArn: String(r.StateMachineArn),
          // The call's own id as the default name: a call repeated after a crash is then
          // recognised by StartExecution's idempotency instead of starting a second successor.
          name: typeof r.Name === 'string' ? r.Name : id,
          input: typeof input === 'string' ? input : JSON.stringify(input),
        });
        return {
          ok: true,
          value: asJson({ ExecutionArn: started.executionArn, StartDate: started.startDate }),
        };
      }
      const handler = deps.handlers[String(r.FunctionName)];
      const cause = `Function not found: ${String(r.FunctionName)}`;
      if (handler === undefined) return { ok: false, error: 'Lambda.ResourceNotFoundException', cause };
      const answer = await handler(asJson(r.Payload ?? {}));
      return { ok: true, value: { ExecutedVersion: '$LATEST', Payload: asJson(answer), StatusCode: 200 } };
    } catch (thrown) {
      // As Lambda reports it: the error's name is the `Error`, its message the `Cause`.
      if (thrown instanceof sfn.SFNServiceException)
        return { ok: false, error: `StepFunctions.${thrown.name}`, cause: thrown.message };
      if (thrown instanceof Error) return { ok: false, error: thrown.name, cause: thrown.message };
      return { ok: false, error: 'Error', cause: String(thrown) };
    }
  };
}

/** What a trigger came to; `ahead`: stale for this process, which has a step not yet written. */
export type TriggerResult = 'applied' | 'stale' | 'missing' | 'ahead';

/** A state machine as the engine runs it: its ARN, name and current definition (text, content hash). */
export interface Machine {
  readonly arn: string;
  readonly name: string;
  readonly definitionId: string;
  readonly text: string;
}

export interface RunnerDeps {
  readonly store: EngineStore;
  readonly machines: ReadonlyMap<string, Machine>;
  readonly clock: Clock;
  readonly region: string;
  readonly invoke: (invocation: Invocation) => Promise<Outcome>;
  /** Where the timers a step arms go (the timer loop). */
  readonly timers: { add(timer: TimerRecord): void; remove(timerId: string): void };
  readonly work: WorkTracker;
  /** Background failures (the store unreachable…): nobody awaits them, so they are reported here. */
  readonly onError: (error: unknown) => void;
}

/** Conflicts in a row before a step gives up (another instance keeps moving the execution). */
const MAX_CONFLICTS = 8;
/** Records kept to save a read per step; bounded so 10,000 parked executions stay small. */
const CACHE_SIZE = 1000;
/** Task calls made at once (each an in-process Lambda handler); the others wait their turn. */
const MAX_CALLS_IN_FLIGHT = 64;

/** Runs execution steps; see the top of this file. */
export class Runner {
  readonly #queues = new Map<string, Promise<unknown>>();
  /** The last record this process wrote per running execution, least recently written first. */
  readonly #cache = new Map<string, ExecutionRecord>();
  readonly #definitions = new Map<string, Definition>();
  /** Steps applied here but not yet written, merged, per execution (see {@link Runner.#defers}). */
  readonly #unwritten = new Map<string, Plan>();
  readonly #calls = new Limiter(MAX_CALLS_IN_FLIGHT);
  #stopping = false;

  constructor(private readonly deps: RunnerDeps) {}

  /** From now on make no new calls: they are repeated at the next start. */
  stopLaunching(): void {
    this.#stopping = true;
  }

  /** The checked definition with this content hash (from the store the first time). */
  async definition(definitionId: string): Promise<Definition> {
    const cached = this.#definitions.get(definitionId);
    if (cached !== undefined) return cached;
    const text = await this.deps.store.getDefinition(definitionId);
    if (text === undefined) throw new Error(`definition ${definitionId} is missing from the store`);
    const definition = parseDefinition(text);
    this.#definitions.set(definitionId, definition);
    return definition;
  }

  /**
   * Writes the first step of a new execution.
   * @throws ExecutionConflictError when an execution with this ARN exists
   */
  start(execution: NewExecution): Promise<ExecutionRecord> {
    return this.#enqueue(execution.executionArn, async () =>
      this.#commit(startPlan(await this.#env(execution), execution)),
    );
  }

  /** Applies `trigger` to the execution, after the steps queued before it. */
  trigger(executionArn: string, trigger: Trigger): Promise<TriggerResult> {
    return this.#enqueue(executionArn, () => this.#apply(executionArn, trigger));
  }

  /**
   * Picks up a RUNNING execution found at start: repeats a call whose result was never written.
   * Parked tokens and timers need nothing: the store keeps them.
   */
  resume(record: ExecutionRecord): void {
    const { position, executionArn } = record;
    if (position?.kind !== 'task' || position.submitted || position.invocation === undefined) return;
    const { invocation: id, request = null } = position;
    const launch = this.definition(record.definitionId).then((definition) => {
      const { Resource } = stateOf(definition, position.state) as TaskState; // a position is in a Task
      this.#launch({ id, executionArn, resource: Resource as Invocation['resource'], request });
    });
    this.deps.work.track(launch).catch(this.deps.onError);
  }

  async #env(execution: { stateMachineArn: string; definitionId: string }): Promise<StepEnv> {
    const machine = this.deps.machines.get(execution.stateMachineArn);
    if (machine === undefined) throw new Error(`state machine ${execution.stateMachineArn} is missing`);
    return {
      definition: await this.definition(execution.definitionId),
      machine,
      region: this.deps.region,
      now: this.deps.clock.now().getTime(),
      newId: randomUUID,
    };
  }

  async #apply(executionArn: string, trigger: Trigger): Promise<TriggerResult> {
    let fresh = !this.#cache.has(executionArn);
    for (let conflicts = 0; conflicts < MAX_CONFLICTS; ) {
      const record =
        (fresh ? undefined : this.#cache.get(executionArn)) ??
        (await this.deps.store.getExecution(executionArn));
      if (record === undefined) return 'missing';
      const plan = step(await this.#env(record), record, trigger);
      if (plan === undefined) {
        // Only a record read just now may say a trigger is stale: the cache may lag another
        // instance. With a step not yet written, this process is ahead of the store instead.
        if (this.#unwritten.has(executionArn)) return 'ahead';
        if (fresh) return 'stale';
        fresh = true;
        continue;
      }
      try {
        await this.#commit(plan, trigger);
        return 'applied';
      } catch (error) {
        if (!(error instanceof ExecutionConflictError)) throw error;
        this.#cache.delete(executionArn);
        this.#unwritten.delete(executionArn);
        fresh = true;
        conflicts++;
      }
    }
    throw new Error(`execution ${executionArn}: ${MAX_CONFLICTS} conflicting writes in a row, giving up`);
  }

  /**
   * Whether a step may wait to be written with the next one: when it applies a call's result or
   * fires a timer, and leaves the execution in a plain Lambda call, whose result soon brings the
   * next step. A fired deadline's timeout → deadline task → notify task → park (or end) is then
   * one write instead of two. Nothing is lost by a crash in between: the call whose result was
   * not written is repeated at start, and a timer stays in the stored position until the step
   * that fired it is written, so the next start re-arms it and it fires again (at least once, as
   * on AWS).
   */
  #defers(plan: Plan, trigger: Trigger | undefined): boolean {
    const { before, after, invocations } = plan;
    return (
      !this.#stopping &&
      (trigger?.kind === 'invoked' || trigger?.kind === 'timer') &&
      before !== undefined &&
      after.status === 'RUNNING' &&
      timersOf(plan).armed === undefined &&
      after.position?.token === undefined &&
      invocations.length === 1 &&
      invocations[0]?.resource === TASK_RESOURCES.invoke
    );
  }

  /** Writes a step (with the steps before it not yet written), then its timers and calls. */
  async #commit(plan: Plan, trigger?: Trigger): Promise<ExecutionRecord> {
    const arn = plan.after.executionArn;
    const earlier = this.#unwritten.get(arn);
    const merged: Plan =
      earlier === undefined
        ? plan
        : {
            ...plan,
            before: earlier.before,
            after: { ...plan.after, revision: (earlier.before?.revision ?? 0) + 1 },
            events: [...earlier.events, ...plan.events],
          };
    let after = merged.after;
    if (this.#defers(merged, trigger)) this.#unwritten.set(arn, merged);
    else {
      after = await this.deps.store.commit(merged);
      this.#unwritten.delete(arn);
    }
    this.#cache.delete(arn);
    if (after.status === 'RUNNING') this.#cache.set(arn, after);
    const oldest = this.#cache.keys().next().value;
    if (this.#cache.size > CACHE_SIZE && oldest !== undefined && !this.#unwritten.has(oldest))
      this.#cache.delete(oldest);
    const { left, armed } = timersOf(plan);
    if (left !== undefined) this.deps.timers.remove(left.id);
    if (armed !== undefined) this.deps.timers.add({ ...armed, executionArn: arn });
    for (const invocation of plan.invocations) this.#launch(invocation);
    return after;
  }

  /**
   * Makes a call outside the execution's queue (its handler may answer its own token meanwhile),
   * at most MAX_CALLS_IN_FLIGHT at once: a thousand deadlines fired by one advance then do not
   * start a thousand handlers that all wait for the same sockets.
   */
  #launch(invocation: Invocation): void {
    if (this.#stopping) return;
    const call = async () => {
      const outcome = await this.#calls.run(async () =>
        this.#stopping ? undefined : this.deps.invoke(invocation),
      );
      if (outcome === undefined) return; // stopping: repeated at the next start
      await this.trigger(invocation.executionArn, { kind: 'invoked', invocation: invocation.id, outcome });
    };
    this.deps.work.track(call()).catch(this.deps.onError);
  }

  /** Runs `work` after everything queued for the same execution; counts it as work in flight. */
  #enqueue<T>(executionArn: string, work: () => Promise<T>): Promise<T> {
    const result = (this.#queues.get(executionArn) ?? Promise.resolve()).then(work);
    const tail = result.catch(() => undefined);
    this.#queues.set(executionArn, tail);
    void tail.then(() => {
      if (this.#queues.get(executionArn) === tail) this.#queues.delete(executionArn);
    });
    return this.deps.work.track(result);
  }
}
