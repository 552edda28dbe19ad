/**
 * Writes a definition as the text that is committed and deployed. Deterministic: the same
 * definition gives the same bytes, so a stale committed file shows up as a diff.
 */
import type { StateMachineDefinition } from './asl.ts';

/**
 * Serialises `definition` as JSON with 2-space indentation and a trailing newline. Keys keep the
 * order in which the compiler built them (a fixed order per state type) and states the order of
 * `compile()`; nothing depends on the environment. Pure.
 */
export function serialise(definition: StateMachineDefinition): string {
  return `${JSON.stringify(definition, null, 2)}\n`;
}
