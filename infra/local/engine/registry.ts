// State machines and their definitions. A definition is stored under its content hash and never
// changes, so an execution keeps running the definition it started with when its machine is
// registered again with another one (a restart after `npm run build:asl`), as on AWS.
import { createHash } from 'node:crypto';
import { type Definition, parseDefinition } from './definition.ts';
import type { StateMachineRecord } from './model.ts';
import type { EngineStore } from './store.ts';

/** The machines and definitions this engine knows. */
export class Registry {
  readonly #definitions = new Map<string, Definition>();
  readonly #machines = new Map<string, StateMachineRecord>();

  constructor(private readonly store: EngineStore) {}

  /** The checked definition with this id (content hash). */
  async definition(definitionId: string): Promise<Definition> {
    const cached = this.#definitions.get(definitionId);
    if (cached !== undefined) return cached;
    const text = await this.store.getDefinition(definitionId);
    if (text === undefined) throw new Error(`definition ${definitionId} is missing from the store`);
    const definition = parseDefinition(text);
    this.#definitions.set(definitionId, definition);
    return definition;
  }

  /** The machine with this ARN, or undefined. */
  machine(stateMachineArn: string): StateMachineRecord | undefined {
    return this.#machines.get(stateMachineArn);
  }

  /** Reads every machine in the store (at start: their running executions are resumed). */
  async load(): Promise<StateMachineRecord[]> {
    const all = await this.store.listStateMachines();
    for (const machine of all) this.#machines.set(machine.stateMachineArn, machine);
    return all;
  }

  /**
   * Creates a machine or points it at a new definition; unchanged when the definition is the same.
   * @throws UnsupportedAslError, StepFunctionsApiError `InvalidDefinition` for a bad definition
   */
  async register(
    machine: { readonly stateMachineArn: string; readonly name: string },
    text: string,
    now: number,
  ): Promise<StateMachineRecord> {
    const definition = parseDefinition(text);
    const definitionId = createHash('sha256').update(text).digest('hex');
    const existing =
      this.#machines.get(machine.stateMachineArn) ??
      (await this.store.getStateMachine(machine.stateMachineArn));
    if (existing?.definitionId === definitionId) return existing;
    const record: StateMachineRecord = {
      ...machine,
      definitionId,
      creationDate: existing?.creationDate ?? now,
    };
    await this.store.putDefinition(definitionId, text);
    await this.store.putStateMachine(record);
    this.#definitions.set(definitionId, definition);
    this.#machines.set(record.stateMachineArn, record);
    return record;
  }
}
