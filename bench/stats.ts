/** Small statistics for the benchmark's figures. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export const sum = (values: readonly number[]): number => values.reduce((total, v) => total + v, 0);

/** Rounds to `digits` decimals (for the results file: figures, not float noise). */
export const round = (value: number, digits = 2): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/**
 * The value below which a fraction `q` of `sorted` (ascending) lies, nearest rank; 0 when empty.
 * Used for the closed-loop floors, whose latencies the bench records itself.
 */
export const percentile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
