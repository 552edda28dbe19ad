/**
 * A template property and the assertion that guards it, with the edit that removes the property
 * from a synthesized template: guards.test.ts shows that each assertion holds on the app and fails
 * once its property is gone, so every test of issue 14's (and 17's cloud) bullets provably guards.
 */
import { expect } from 'vitest';

/** A resource of a synthesized template (JSON). */
export interface ResourceJson {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  [key: string]: unknown;
}

/** A synthesized template (JSON), as `Template.toJSON()` gives it. */
export interface TemplateJson {
  Resources: Record<string, ResourceJson>;
  [key: string]: unknown;
}

/** The stacks of the app (infra/stacks/stacks.ts). */
export type StackName = 'data' | 'auth' | 'api' | 'edge';

export interface Guard {
  /** The bullet of the issue it guards, e.g. `14.1 mail never fails an execution`. */
  readonly bullet: string;
  /** The property, in words. */
  readonly property: string;
  readonly stack: StackName;
  /** Asserts the property (throws when it does not hold). */
  readonly holds: (template: TemplateJson) => void;
  /** Removes the property from `template`, in place. */
  readonly remove: (template: TemplateJson) => void;
}

/** The resources of one type, by logical id. */
export function resourcesOfType(template: TemplateJson, type: string): [string, ResourceJson][] {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

/** The one resource of `type` that `where` picks; fails unless exactly one does. */
export function theOne(
  template: TemplateJson,
  type: string,
  where: (r: ResourceJson) => boolean = () => true,
): ResourceJson {
  const found = resourcesOfType(template, type).filter(([, r]) => where(r));
  expect(
    found.map(([id]) => id),
    `one ${type}`,
  ).toHaveLength(1);
  return (found[0] as [string, ResourceJson])[1];
}

/** Removes every resource that `where` picks. */
export function deleteResources(template: TemplateJson, where: (r: ResourceJson) => boolean): void {
  for (const [id, r] of Object.entries(template.Resources)) if (where(r)) delete template.Resources[id];
}

/** The logical id in a `{ Ref }` or `{ Fn::GetAtt }` value. */
export function idIn(value: unknown): string | undefined {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  return v?.Ref ?? v?.['Fn::GetAtt']?.[0];
}

/** Every action of every policy statement attached to the role `roleId`. */
export function actionsOfRole(template: TemplateJson, roleId: string | undefined): string[] {
  return resourcesOfType(template, 'AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as unknown[]).some((r) => idIn(r) === roleId))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: { Action: unknown }[] }).Statement)
    .flatMap((s) => (Array.isArray(s.Action) ? (s.Action as string[]) : [String(s.Action)]));
}

/** The function built from `entry` (its description is the entry path). */
export const isFunctionOf = (entry: string) => (r: ResourceJson) =>
  r.Type === 'AWS::Lambda::Function' && r.Properties.Description === entry;

export const isAlarmOn = (metricName: string) => (r: ResourceJson) =>
  r.Type === 'AWS::CloudWatch::Alarm' && r.Properties.MetricName === metricName;

/** The proposal lifecycle's state machine (the stack also runs the covenant's dated effects). */
export const isLifecycleMachine = (r: ResourceJson) =>
  String(r.Properties.StateMachineName ?? '').includes('ProposalLifecycle');

/** The lifecycle state machine's definition, parsed. */
export function definitionOf(template: TemplateJson): { States: Record<string, Record<string, unknown>> } {
  const machine = theOne(template, 'AWS::StepFunctions::StateMachine', isLifecycleMachine);
  return JSON.parse(String(machine.Properties.DefinitionString));
}

/** Rewrites the state machine's definition with `edit`. */
export function editDefinition(
  template: TemplateJson,
  edit: (definition: { States: Record<string, Record<string, unknown>> }) => void,
): void {
  const machine = theOne(template, 'AWS::StepFunctions::StateMachine', isLifecycleMachine);
  const definition = definitionOf(template);
  edit(definition);
  machine.Properties.DefinitionString = JSON.stringify(definition);
}
