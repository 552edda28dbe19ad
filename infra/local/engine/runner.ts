// Runs the steps of executions: one at a time per execution (a queue per ARN in this process),
// each written in one transaction conditional on the execution's revision (across processes).
// Only after a step is written does the runner make the calls it lists, arm its timers and run
// what follows: a crash before the write loses nothing, a crash after it repeats at most the call.
import { randomUUID } from 'node:crypto';
import type { Clock } from '#shared/ports/clock.ts';
import type { WorkTracker } from './background.ts';
import type { TaskResource } from './definition.ts';
import { type NewExecution, startPlan, step } from './interpreter.ts';
import type { ExecutionRecord, Invocation, Outcome, Plan, TimerRecord, Trigger } from './model.ts';
import type { Registry } from './registry.ts';
import type { StepEnv } from './step-builder.ts';
import { type EngineStore, ExecutionConflictError } from './store.ts';
import { type CleanupWrite, stepWrites } from './store-items.ts';

/** What a trigger came to. */
export type TriggerResult = 'applied' | 'stale' | 'missing';

/** Where the runner reports the timers steps arm and cancel (the timer loop). */
export interface TimerSink {
  add(timer: TimerRecord): void;
  remove(timerId: string): void;
}

export interface RunnerDeps {
  readonly store: EngineStore;
  readonly registry: Registry;
  readonly clock: Clock;
  readonly region: string;
  readonly invoke: (invocation: Invocation) => Promise<Outcome>;
  readonly timers: TimerSink;
  /** Where the cleanup after each commit goes (batched). */
  readonly cleanup: { add(writes: readonly CleanupWrite[]): void };
  readonly work: WorkTracker;
  /** Background failures (the store unreachable…): nobody awaits them, so they are reported here. */
  readonly onError: (error: unknown) => void;
}

/** Conflicts in a row before a step gives up (another instance keeps moving the execution). */
const MAX_CONFLICTS = 8;

/** Runs execution steps; see the top of this file. */
export class Runner {
  readonly #queues = new Map<string, Promise<unknown>>();
  /** The last record this process wrote or read per running execution: saves a read per step. */
  readonly #cache = new Map<string, ExecutionRecord>();
  #stopping = false;

  constructor(private readonly deps: RunnerDeps) {}

  /** From now on make no new calls: they are repeated at the next start. */
  stopLaunching(): void {
    this.#stopping = true;
  }

  /**
   * Writes the first step of a new execution.
   * @throws ExecutionConflictError when an execution with this ARN exists
   */
  start(execution: NewExecution): Promise<ExecutionRecord> {
    return this.#enqueue(execution.executionArn, async () => {
      const env = await this.#env(execution);
      return this.#commit(startPlan(env, execution));
    });
  }

  /** Applies `trigger` to the execution, after the steps queued before it. */
  trigger(executionArn: string, trigger: Trigger): Promise<TriggerResult> {
    return this.#enqueue(executionArn, () => this.#apply(executionArn, trigger));
  }

  /**
   * Picks up a RUNNING execution found at start: repeats a call whose result was never written
   * (at least once, as on AWS). Parked tokens and timers need nothing: the store keeps them.
   */
  resume(record: ExecutionRecord): void {
    // Not cached: the record comes from the index, which may lag; steps read it afresh.
    const position = record.position;
    if (position?.kind !== 'task' || position.submitted) return;
    const { invocation: id, request } = position;
    const resource = this.deps.registry
      .definition(record.definitionId)
      .then((definition) => definition.States[position.state]);
    this.#background(
      resource.then((state) => {
        if (state?.Type !== 'Task')
          throw new Error(`execution ${record.executionArn}: '${position.state}' is no Task`);
        this.#launch({
          id,
          executionArn: record.executionArn,
          resource: state.Resource as TaskResource,
          request,
        });
      }),
    );
  }

  async #env(execution: { stateMachineArn: string; definitionId: string }): Promise<StepEnv> {
    const machine = await this.deps.registry.machine(execution.stateMachineArn);
    if (machine === undefined) throw new Error(`state machine ${execution.stateMachineArn} is missing`);
    return {
      definition: await this.deps.registry.definition(execution.definitionId),
      machine: { arn: machine.stateMachineArn, name: machine.name },
      region: this.deps.region,
      now: this.deps.clock.now().getTime(),
      newId: randomUUID,
    };
  }

  async #read(executionArn: string, fresh: boolean): Promise<ExecutionRecord | undefined> {
    const cached = fresh ? undefined : this.#cache.get(executionArn);
    return cached ?? (await this.deps.store.getExecution(executionArn));
  }

  async #apply(executionArn: string, trigger: Trigger): Promise<TriggerResult> {
    let fresh = !this.#cache.has(executionArn);
    for (let conflicts = 0; conflicts < MAX_CONFLICTS; ) {
      const record = await this.#read(executionArn, fresh);
      if (record === undefined) return 'missing';
      const plan = step(await this.#env(record), record, trigger);
      if (plan === undefined) {
        // Only a record read just now may say a trigger is stale: the cache may lag another instance.
        if (fresh) return this.#forget(record, 'stale');
        fresh = true;
        continue;
      }
      try {
        await this.#commit(plan);
      } catch (error) {
        if (!(error instanceof ExecutionConflictError)) throw error;
        this.#cache.delete(executionArn);
        fresh = true;
        conflicts++;
        continue;
      }
      return 'applied';
    }
    throw new Error(`execution ${executionArn}: ${MAX_CONFLICTS} conflicting writes in a row, giving up`);
  }

  #forget(record: ExecutionRecord, result: TriggerResult): TriggerResult {
    if (record.status === 'RUNNING') this.#cache.set(record.executionArn, record);
    else this.#cache.delete(record.executionArn);
    return result;
  }

  /** Writes a step, then does what follows it; returns the execution as stored. */
  async #commit(plan: Plan): Promise<ExecutionRecord> {
    const writes = stepWrites(plan);
    await this.deps.store.commit(writes);
    if (writes.cleanup.length > 0) this.deps.cleanup.add(writes.cleanup);
    this.#afterCommit(plan, writes.record);
    return writes.record;
  }

  /** What follows a written step: timers to the loop, then the calls. */
  #afterCommit(plan: Plan, after: ExecutionRecord): void {
    this.#forget(after, 'applied');
    for (const id of plan.timersCancelled) this.deps.timers.remove(id);
    for (const timer of plan.timersArmed) this.deps.timers.add(timer);
    for (const invocation of plan.invocations) this.#launch(invocation);
  }

  /** Makes a call outside the execution's queue (its handler may answer its own token meanwhile). */
  #launch(invocation: Invocation): void {
    if (this.#stopping) return;
    const call = async () => {
      const outcome = await this.deps.invoke(invocation);
      await this.trigger(invocation.executionArn, { kind: 'invoked', invocation: invocation.id, outcome });
    };
    this.#background(call());
  }

  #background(work: Promise<unknown>): void {
    this.deps.work.track(work).catch(this.deps.onError);
  }

  /** Runs `work` after everything queued for the same execution; counts it as work in flight. */
  #enqueue<T>(executionArn: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(executionArn) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.catch(() => undefined);
    this.#queues.set(executionArn, tail);
    void tail.then(() => {
      if (this.#queues.get(executionArn) === tail) this.#queues.delete(executionArn);
    });
    return this.deps.work.track(result);
  }
}
