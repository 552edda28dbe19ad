/**
 * "The covenant version in force on day D" (DESIGN 2.5): read from the store (one Query) and kept
 * per process for a few seconds, keyed by the day; the parsed register and the lifecycle machine
 * built for it are kept per version (a version is immutable). The bundled register is only the
 * seed of version 1, written once if the table has none, and only where a seed is given: the local
 * stack and the tests. The cloud's functions carry no register (its representatives' addresses stay
 * out of the code): the deploy wrote version 1, and a table without a version in force is refused
 * with {@link CovenantNotSeededError}.
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

/**
 * How long a process answers "the version in force on day D" from what it read, before reading it
 * again: every request asked the table before (one Query each, the hottest read under load).
 *
 * Why a short time and the day as key, and not "until a new version appears": a version is written
 * by its dated effect on the day it takes effect (covenant-effects.ts), by another Lambda in the
 * cloud, so a process cannot know of it without asking. The day is part of the key, so a request
 * after midnight asks again at once; a version recorded through this source (`record`, the local
 * stack's and the dated-effect function's own) is seen at once; one recorded by another process is
 * seen within this time. The covenant's day already begins for the system when the dated effect
 * runs (a moment after midnight), so these seconds add nothing a party could tell apart.
 */
export const COVENANT_CACHE_MS = 5_000;

export interface CovenantSourceOptions {
  /** @default COVENANT_CACHE_MS */
  readonly cacheMs?: number;
  /** A monotonic clock in ms, not the covenant's clock (that one may stand still in tests). @default performance.now */
  readonly monotonicMs?: () => number;
}

/** Answers which covenant version is in force on a day; one per process. */
export class CovenantSource {
  private readonly built = new Map<number, CovenantInForce>();
  private seedBuilt: CovenantInForce | undefined;
  /** The last day asked and its answer (one read shared by the requests that ask at once). */
  private cached:
    | { readonly day: string; readonly until: number; readonly answer: Promise<CovenantInForce> }
    | undefined;
  private readonly cacheMs: number;
  private readonly monotonicMs: () => number;

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
    options: CovenantSourceOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? COVENANT_CACHE_MS;
    this.monotonicMs = options.monotonicMs ?? (() => performance.now());
  }

  /**
   * The version in force on `day` (`YYYY-MM-DD`). Reading writes nothing: before version 1 is in the
   * table (`seed()`, at start) or before its date, the seed's rules apply.
   * @throws CovenantNotSeededError when the table has none in force and there is no seed
   */
  inForceOn(day: string): Promise<CovenantInForce> {
    const now = this.monotonicMs();
    const cached = this.cached;
    if (cached && cached.day === day && now < cached.until) return cached.answer;
    const answer = this.read(day);
    const entry = { day, until: now + this.cacheMs, answer };
    this.cached = entry;
    // A failed read is not kept: the next request asks again.
    answer.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return answer;
  }

  /**
   * Writes version 1 from the seed unless the table has one (put-if-absent): once, never again.
   * @throws CovenantNotSeededError where there is no seed
   */
  async seed(recordedAt: string): Promise<CovenantVersion> {
    if (!this.seedRegister) throw new CovenantNotSeededError(amsterdamDateOf(recordedAt));
    try {
      return await this.store.seedCovenantVersion(seedVersion(this.seedRegister, recordedAt));
    } finally {
      this.forget();
    }
  }

  /** Records a new version (see `CovenantStore.recordCovenantVersion`); this process sees it at once. */
  async record(
    version: CovenantVersion,
    effectId: string,
  ): ReturnType<CovenantStore['recordCovenantVersion']> {
    try {
      return await this.store.recordCovenantVersion(version, effectId);
    } finally {
      this.forget();
    }
  }

  /** Drops what was read: the next call reads the table again. */
  forget(): void {
    this.cached = undefined;
  }

  private async read(day: string): Promise<CovenantInForce> {
    const version = await this.store.getCovenantVersionInForce(day);
    return version ? this.build(version) : this.fromSeed(day);
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

/** The last UTC minute asked and its Amsterdam date (luxon's zone arithmetic, once a minute, not per request). */
let lastMinute: { readonly minute: string; readonly day: string } | undefined;

/**
 * The Amsterdam date of an instant (`amsterdamDateOf`), remembered per UTC minute: Amsterdam's
 * offset is whole hours, so its day never changes within a minute.
 */
export function amsterdamDayOf(instant: string): string {
  // Only a UTC instant (`toISOString()`) is keyed by its first 16 characters.
  if (!instant.endsWith('Z')) return amsterdamDateOf(instant);
  const minute = instant.slice(0, 16);
  if (lastMinute?.minute === minute) return lastMinute.day;
  const day = amsterdamDateOf(instant);
  lastMinute = { minute, day };
  return day;
}

/** `deps` with the covenant version in force today (Amsterdam) in place of what it held. */
export async function withCovenantToday<
  D extends { readonly covenant: CovenantSource; readonly clock: Clock },
>(deps: D): Promise<D & CovenantInForce> {
  const now = deps.clock.now().toISOString();
  return { ...deps, ...(await deps.covenant.inForceOn(amsterdamDayOf(now))) };
}
