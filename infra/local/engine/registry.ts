// State machines and their definitions, cached in memory over the store. A definition is stored
// under its content hash and never changes, so an execution keeps running the definition it
// started with when its machine is redeployed, as on AWS.
import { createHash } from 'node:crypto';
import type { Definition } from './definition.ts';
import { StepFunctionsApiError } from './errors.ts';
import type { StateMachineRecord } from './model.ts';
import type { EngineStore } from './store.ts';
import { parseDefinition } from './validate.ts';

/** How `register` treats a machine that exists with another definition. */
export type RegisterMode = 'create' | 'replace';

/** The machines and definitions this engine knows. */
export class Registry {
  readonly #definitions = new Map<string, Definition>();
  readonly #machines = new Map<string, StateMachineRecord>();

  constructor(private readonly store: EngineStore) {}

  /** The validated definition with this id (content hash). */
  async definition(definitionId: string): Promise<Definition> {
    const cached = this.#definitions.get(definitionId);
    if (cached !== undefined) return cached;
    const text = await this.store.getDefinition(definitionId);
    if (text === undefined) throw new Error(`definition ${definitionId} is missing from the store`);
    const definition = parseDefinition(text);
    this.#definitions.set(definitionId, definition);
    return definition;
  }

  /** The definition text with this id. */
  async definitionText(definitionId: string): Promise<string> {
    const text = await this.store.getDefinition(definitionId);
    if (text === undefined) throw new Error(`definition ${definitionId} is missing from the store`);
    return text;
  }

  /** The machine with this ARN, or undefined. */
  async machine(stateMachineArn: string): Promise<StateMachineRecord | undefined> {
    const cached = this.#machines.get(stateMachineArn);
    if (cached !== undefined) return cached;
    const stored = await this.store.getStateMachine(stateMachineArn);
    if (stored !== undefined) this.#machines.set(stateMachineArn, stored);
    return stored;
  }

  /** Every machine in the store, by name. */
  async machines(): Promise<StateMachineRecord[]> {
    const all = await this.store.listStateMachines();
    for (const machine of all) this.#machines.set(machine.stateMachineArn, machine);
    return all;
  }

  /**
   * Creates a machine, or returns it unchanged when it exists with the same definition and role.
   * @throws UnsupportedAslError, StepFunctionsApiError `InvalidDefinition` for a bad definition
   * @throws StepFunctionsApiError `StateMachineAlreadyExists` in mode `create` for another definition
   */
  async register(
    machine: { readonly stateMachineArn: string; readonly name: string; readonly roleArn: string },
    text: string,
    options: { readonly mode: RegisterMode; readonly now: number },
  ): Promise<StateMachineRecord> {
    const definition = parseDefinition(text);
    const definitionId = createHash('sha256').update(text).digest('hex');
    const existing = await this.machine(machine.stateMachineArn);
    if (existing?.definitionId === definitionId && existing.roleArn === machine.roleArn) return existing;
    if (existing !== undefined && options.mode === 'create') {
      throw new StepFunctionsApiError(
        'StateMachineAlreadyExists',
        `State Machine Already Exists: '${machine.stateMachineArn}'`,
      );
    }
    const record: StateMachineRecord = {
      ...machine,
      definitionId,
      creationDate: existing?.creationDate ?? options.now,
    };
    await this.store.putDefinition(definitionId, text);
    await this.store.putStateMachine(record);
    this.#definitions.set(definitionId, definition);
    this.#machines.set(record.stateMachineArn, record);
    return record;
  }
}
