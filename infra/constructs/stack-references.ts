/**
 * Weak references between the stacks, through SSM parameters instead of CloudFormation exports:
 * the producing stack writes each value to a parameter, the consuming stack reads it when it is
 * deployed. An export cannot change while another stack imports it, which would block changing
 * the table's or the user pool's stack independently of the API stack.
 */
import { Stack } from 'aws-cdk-lib';
import { StringListParameter, StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';

/** The SSM parameter names the data stack writes and the API stack reads. */
export interface DataReferences {
  readonly tableArn: string;
  readonly tableStreamArn: string;
  /** Only with a customer-managed key. */
  readonly tableKeyArn?: string;
}

/** The SSM parameter names the auth stack writes and the API stack reads. */
export interface AuthReferences {
  readonly userPoolId: string;
  /** A StringList: every app client's id (the JWT authorizer's audiences). */
  readonly clientIds: string;
  /** The web app's client id (its own when callback URLs were given, else the people client). */
  readonly webClientId: string;
  /** The managed login's base URL (`https://<prefix>.auth.<region>.amazoncognito.com`). */
  readonly domainUrl: string;
}

/** `/<stack name>/<name>`: parameters are named after the stack that owns them. */
export function parameterName(scope: Construct, name: string): string {
  return `/${Stack.of(scope).stackName}/${name}`;
}

/** Writes `value` to the parameter `name` in `scope`'s stack; returns the parameter's name. */
export function publish(scope: Construct, id: string, name: string, value: string): string {
  const parameterNameValue = parameterName(scope, name);
  new StringParameter(scope, id, {
    parameterName: parameterNameValue,
    stringValue: value,
    description: `Read by the other stacks of this app when they deploy (weak reference, no export)`,
  });
  return parameterNameValue;
}

/** Writes `values` to the StringList parameter `name`; returns the parameter's name. */
export function publishList(scope: Construct, id: string, name: string, values: string[]): string {
  const parameterNameValue = parameterName(scope, name);
  new StringListParameter(scope, id, {
    parameterName: parameterNameValue,
    stringListValue: values,
    description: `Read by the other stacks of this app when they deploy (weak reference, no export)`,
  });
  return parameterNameValue;
}

/** The value of the parameter `name`, resolved when `scope`'s stack is deployed. */
export function readReference(scope: Construct, name: string): string {
  return StringParameter.valueForStringParameter(scope, name);
}

/** The values of the StringList parameter `name`, resolved when `scope`'s stack is deployed. */
export function readListReference(scope: Construct, name: string): string[] {
  return StringListParameter.valueForTypedListParameter(scope, name);
}
