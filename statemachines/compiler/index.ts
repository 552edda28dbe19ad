/**
 * The XState → Amazon States Language compiler: `validate → compile → serialise`, each pure.
 *
 * ```ts
 * const asl = toAslJson(proposalLifecycle); // the committed statemachines/…/*.asl.json
 * ```
 */
import type { AnyStateMachine } from 'xstate';
import type { StateMachineDefinition } from './asl.ts';
import { type CompileOptions, compile } from './compile.ts';
import { readModel } from './model.ts';
import { serialise } from './serialise.ts';
import { validate } from './validate.ts';

export type * from './asl.ts';
export { successorsOf } from './asl.ts';
export {
  type CompileOptions,
  DEFAULT_FUNCTION_SUBSTITUTIONS,
  type FunctionSubstitutions,
  functionSubstitutionsOf,
} from './compile.ts';
export * as names from './names.ts';
export * from './protocol.ts';
export { compileReport, type StateReport } from './report.ts';
export { serialise } from './serialise.ts';
export * from './timer.ts';
export { UnsupportedMachineError, validate } from './validate.ts';

/**
 * Validates `machine` and compiles it to a typed ASL definition. Pure.
 *
 * @throws {UnsupportedMachineError} when the machine uses a feature the compiler does not support
 */
export function compileMachine(
  machine: AnyStateMachine,
  options: CompileOptions = {},
): StateMachineDefinition {
  return compile(readModel(validate(machine)), options);
}

/**
 * Compiles `machine` to the ASL text that is committed and deployed (2-space JSON, trailing
 * newline, byte-for-byte the same on every run). Pure.
 *
 * @throws {UnsupportedMachineError} when the machine uses a feature the compiler does not support
 */
export function toAslJson(machine: AnyStateMachine, options: CompileOptions = {}): string {
  return serialise(compileMachine(machine, options));
}
