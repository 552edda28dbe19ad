/**
 * "The covenant version in force on day D" (DESIGN 2.5): every request and task reads it from the
 * store (one Query); the parsed register and the lifecycle machine built for it are kept per version.
 * The bundled register is only the seed of version 1, written once if the table has none, and only
 * where a seed is given: the local stack and the tests. The cloud's functions carry no register (its
 * representatives' addresses stay out of the code): the deploy wrote version 1, and a table without a
 * version in force is refused with {@link CovenantNotSeededError}.
 */
import {
  amsterdamDateOf,
  type CovenantVersion,
  type Policy,
  parseRegister,
  type Register,
  SIGNED_TEXT,
} from '#shared/covenant/index.ts';
import type { ProposalMachine } from '#shared/dispatch/dispatch.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { CovenantStore } from '#shared/ports/covenant.ts';
import { createProposalMachine } from '#statemachines/proposal-lifecycle/machine.ts';

/** A covenant version with what the rules need of it. */
export interface CovenantInForce {
  readonly covenantVersion: number;
  readonly register: Register;
  readonly policy: Policy;
  readonly machine: ProposalMachine;
}

/** The table holds no covenant version in force and no seed was given (the cloud): an operator's problem. */
export class CovenantNotSeededError extends Error {
  override readonly name = 'CovenantNotSeededError';
  constructor(readonly day: string) {
    super(
      `no covenant version is in force on ${day} and this process carries no seed: the deploy writes ` +
        'version 1 (the CovenantSeed custom resource of the API stack); check that it ran against this table',
    );
  }
}

/** Version 1: the seed register, in force from the covenant's signing. */
export function seedVersion(seed: Register, recordedAt: string): CovenantVersion {
  return {
    id: 1,
    effectiveOn: seed.covenantSignedOn,
    text: SIGNED_TEXT,
    register: seed,
    cause: { kind: 'seed' },
    recordedAt,
  };
}

/** Answers which covenant version is in force on a day; one per process. */
export class CovenantSource {
  private readonly built = new Map<number, CovenantInForce>();
  private seedBuilt: CovenantInForce | undefined;

  /**
   * @param store - where the versions live
   * @param seedRegister - the register written as version 1 when the table has no version yet;
   *   `undefined` where the deploy writes it (the cloud)
   * @param policy - a policy that overrides every version's (tests of the other reading)
   */
  constructor(
    private readonly store: CovenantStore,
    private readonly seedRegister: Register | undefined,
    private readonly policy?: Policy,
  ) {}

  /**
   * The version in force on `day` (`YYYY-MM-DD`). Reading writes nothing: before version 1 is in the
   * table (`seed()`, at start) or before its date, the seed's rules apply.
   * @throws CovenantNotSeededError when the table has none in force and there is no seed
   */
  async inForceOn(day: string): Promise<CovenantInForce> {
    const version = await this.store.getCovenantVersionInForce(day);
    return version ? this.build(version) : this.fromSeed(day);
  }

  /**
   * Writes version 1 from the seed unless the table has one (put-if-absent): once, never again.
   * @throws CovenantNotSeededError where there is no seed
   */
  async seed(recordedAt: string): Promise<CovenantVersion> {
    if (!this.seedRegister) throw new CovenantNotSeededError(amsterdamDateOf(recordedAt));
    return this.store.seedCovenantVersion(seedVersion(this.seedRegister, recordedAt));
  }

  private fromSeed(day: string): CovenantInForce {
    const register = this.seedRegister;
    if (!register) throw new CovenantNotSeededError(day);
    const policy = this.policy ?? register.policy;
    this.seedBuilt ??= {
      covenantVersion: 1,
      register,
      policy,
      machine: createProposalMachine(register, policy),
    };
    return this.seedBuilt;
  }

  /** The register, policy and machine of a version read already (e.g. from its history). */
  build(version: CovenantVersion): CovenantInForce {
    const cached = this.built.get(version.id);
    if (cached) return cached;
    // Parsed again: an item written by an older release must still satisfy today's rules.
    const register = parseRegister(version.register);
    const policy = this.policy ?? register.policy;
    const built = {
      covenantVersion: version.id,
      register,
      policy,
      machine: createProposalMachine(register, policy),
    };
    this.built.set(version.id, built);
    return built;
  }
}

/** `deps` with the covenant version in force today (Amsterdam) in place of what it held. */
export async function withCovenantToday<
  D extends { readonly covenant: CovenantSource; readonly clock: Clock },
>(deps: D): Promise<D & CovenantInForce> {
  const now = deps.clock.now().toISOString();
  return { ...deps, ...(await deps.covenant.inForceOn(amsterdamDateOf(now))) };
}
