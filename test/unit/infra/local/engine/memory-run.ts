// Runs one execution on the pure interpreter, in memory: what the runner does with the store,
// without DynamoDB. Timers fire when the test advances the adjustable clock, soonest first.
import type { AdjustableClock } from '#infra/local/clock.ts';
import { type JsonValue, validateDefinition } from '#infra/local/engine/definition.ts';
import { type StepEnv, startPlan, step } from '#infra/local/engine/interpreter.ts';
import {
  type ExecutionRecord,
  type HistoryEvent,
  type Invocation,
  type Outcome,
  type Plan,
  type TimerRecord,
  type Trigger,
  timersOf,
} from '#infra/local/engine/model.ts';
import { createInvoker, type LambdaHandler } from '#infra/local/engine/runner.ts';

const MACHINE = { arn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:unit', name: 'unit' };

/** One execution of `definition`, driven by the test. */
export class MemoryRun {
  readonly events: HistoryEvent[] = [];
  readonly timers = new Map<string, TimerRecord>();
  readonly #calls: Invocation[] = [];
  readonly #env: () => StepEnv;
  readonly #invoke: (invocation: Invocation) => Promise<Outcome>;
  #record: ExecutionRecord | undefined;

  constructor(
    definition: unknown,
    private readonly clock: AdjustableClock,
    handlers: Readonly<Record<string, LambdaHandler>>,
  ) {
    const validated = validateDefinition(definition);
    let ids = 0;
    this.#env = () => ({
      definition: validated,
      machine: MACHINE,
      region: 'eu-west-1',
      now: clock.now().getTime(),
      newId: () => `id-${++ids}`,
    });
    this.#invoke = createInvoker({
      handlers,
      startExecution: async (request) => ({
        executionArn: `arn:aws:states:eu-west-1:123456789012:execution:unit:${request.name}`,
        startDate: clock.now(),
      }),
    });
  }

  get record(): ExecutionRecord {
    if (this.#record === undefined) throw new Error('not started');
    return this.#record;
  }

  /** Starts the execution and runs it until it waits or ends. */
  async start(input: JsonValue): Promise<this> {
    const arn = 'arn:aws:states:eu-west-1:123456789012:execution:unit:run';
    this.#apply(
      startPlan(this.#env(), {
        executionArn: arn,
        stateMachineArn: MACHINE.arn,
        name: 'run',
        definitionId: 'unit',
        input: JSON.stringify(input),
      }),
    );
    await this.#settle();
    return this;
  }

  /** Answers the parked token (SendTaskSuccess/Failure); false when the engine ignores it. */
  async answer(token: string, outcome: Outcome): Promise<boolean> {
    const applied = this.#trigger({ kind: 'answer', token, outcome });
    await this.#settle();
    return applied;
  }

  /** Advances the clock and fires every timer now due, soonest first, each with what follows it. */
  async advance(ms: number): Promise<void> {
    this.clock.advance(ms);
    const now = this.clock.now().getTime();
    for (;;) {
      const [due] = [...this.timers.values()].filter((t) => t.due <= now).sort((a, b) => a.due - b.due);
      if (due === undefined) return;
      this.timers.delete(due.id);
      this.#trigger({ kind: 'timer', timer: due.id });
      await this.#settle();
    }
  }

  /** The names of the states entered, in order. */
  entered(): string[] {
    return this.events.flatMap((e) => (e.type.endsWith('StateEntered') ? [String(e.details.name)] : []));
  }

  /** The token the execution waits on now, if any. */
  get token(): string | undefined {
    const position = this.record.position;
    return position?.kind === 'task' ? position.token : undefined;
  }

  #trigger(trigger: Trigger): boolean {
    const plan = step(this.#env(), this.record, trigger);
    if (plan !== undefined) this.#apply(plan);
    return plan !== undefined;
  }

  #apply(plan: Plan): void {
    this.#record = plan.after;
    this.events.push(...plan.events);
    // A step's timers are its positions' (the one it left, the one it waits in), as the runner reads them.
    const { left, armed } = timersOf(plan);
    if (left !== undefined) this.timers.delete(left.id);
    if (armed !== undefined) this.timers.set(armed.id, { ...armed, executionArn: plan.after.executionArn });
    this.#calls.push(...plan.invocations);
  }

  /** Makes the calls the steps asked for, until nothing is left to do. */
  async #settle(): Promise<void> {
    for (;;) {
      const call = this.#calls.shift();
      if (call === undefined) return;
      this.#trigger({ kind: 'invoked', invocation: call.id, outcome: await this.#invoke(call) });
    }
  }
}
