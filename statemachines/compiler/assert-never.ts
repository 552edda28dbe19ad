/**
 * Marks the end of an exhaustive `switch`: TypeScript refuses the call when a case is missing,
 * and the throw catches values that slipped past the types at run time.
 */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
