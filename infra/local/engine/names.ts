// ARNs and names as Step Functions forms and checks them.
import { StepFunctionsApiError } from './errors.ts';

/** Where the engine pretends to run: region and account of the ARNs it makes. */
export interface Location {
  readonly region: string;
  readonly accountId: string;
}

/** `arn:aws:states:<region>:<account>:stateMachine:<name>` */
export function stateMachineArnOf(location: Location, name: string): string {
  return `arn:aws:states:${location.region}:${location.accountId}:stateMachine:${name}`;
}

/** `arn:aws:states:<region>:<account>:execution:<machine name>:<execution name>` */
export function executionArnOf(location: Location, machineName: string, name: string): string {
  return `arn:aws:states:${location.region}:${location.accountId}:execution:${machineName}:${name}`;
}

/** Characters Step Functions refuses in names (whitespace, brackets, wildcards, punctuation, controls). */
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]/u;

/**
 * Checks a state machine or execution name: 1 to 80 characters, none of the forbidden ones.
 * @throws StepFunctionsApiError `InvalidName`
 */
export function checkName(name: string): string {
  if (name.length === 0 || name.length > 80 || FORBIDDEN.test(name)) {
    throw new StepFunctionsApiError('InvalidName', `Invalid Name: '${name}'`);
  }
  return name;
}

/**
 * Checks that `arn` is a Step Functions ARN of `kind` before it is looked up.
 * @throws StepFunctionsApiError `InvalidArn`
 */
export function checkArn(arn: unknown, kind: 'stateMachine' | 'execution'): string {
  if (typeof arn !== 'string' || !new RegExp(`^arn:aws:states:[^:]+:[^:]+:${kind}:`).test(arn)) {
    throw new StepFunctionsApiError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
  }
  return arn;
}
