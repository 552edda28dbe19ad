/**
 * A seeded random number generator (mulberry32), so that a run's choices — which lifecycle comes
 * when, where the stack is killed, how a race is timed — can be repeated from its printed seed.
 * Timing on a busy machine still varies between runs; the seed fixes the plan, not the outcome.
 */

/** Random draws from one seed. */
export interface Rng {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[];
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    seed,
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new RangeError('pick: the list is empty');
      return item;
    },
    shuffle: <T>(items: readonly T[]): T[] => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy;
    },
  };
}

/**
 * The seed of this run: `FAULTS_SEED` (vitest.faults.config.ts sets it once per run, from the
 * environment or at random), and the stream of one suite derived from it, so that the suites do
 * not share draws and each can be repeated alone.
 */
export function runSeed(suite: string): { readonly base: number; readonly rng: Rng } {
  const given = process.env.FAULTS_SEED;
  const base = given !== undefined && given !== '' ? Number(given) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isSafeInteger(base)) throw new RangeError(`FAULTS_SEED must be an integer, got "${given}"`);
  let hash = base >>> 0;
  for (const char of suite) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return { base, rng: createRng(hash) };
}
