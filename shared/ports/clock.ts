/** The one clock of an environment: real time in the cloud, an advanceable clock locally and in tests. */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };
