/**
 * `asl-validator` for tests: it ships no types and mutates its input (it adds `QueryLanguage`
 * to every state), so it is loaded through `createRequire`, typed here, and given a clone.
 */
import { createRequire } from 'node:module';
import type { StateMachineDefinition } from '#statemachines/compiler/index.ts';

interface AslValidationResult {
  readonly isValid: boolean;
  readonly errorsText: (separator?: string) => string;
}

type AslValidator = (definition: unknown) => AslValidationResult;

const aslValidator = createRequire(import.meta.url)('asl-validator') as AslValidator;

/** Plausible values for the definition substitutions, as CDK would fill them in. */
export const PLAUSIBLE_SUBSTITUTIONS: Readonly<Record<string, string>> = {
  ParkFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:proposal-park',
  DeadlineFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:proposal-deadline',
  NotifyFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:proposal-notify',
};

/** Replaces `${Name}` placeholders in every string of `definition`, as `definitionSubstitutions` does. */
export function substitute(
  definition: StateMachineDefinition,
  values: Readonly<Record<string, string>> = PLAUSIBLE_SUBSTITUTIONS,
): StateMachineDefinition {
  const replaced = JSON.stringify(definition).replace(/\$\{(\w+)\}/g, (placeholder, name: string) => {
    return values[name] ?? placeholder;
  });
  return JSON.parse(replaced) as StateMachineDefinition;
}

/** Validates `definition` (placeholders substituted) with asl-validator; leaves it untouched. */
export function validateAsl(definition: StateMachineDefinition): { isValid: boolean; errors: string } {
  const result = aslValidator(structuredClone(substitute(definition)));
  return { isValid: result.isValid, errors: result.errorsText('\n') };
}
