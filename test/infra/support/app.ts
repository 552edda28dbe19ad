/**
 * The app as `cdk synth` builds it (cdk.json's context, the same stacks), for tests: bundling is
 * skipped (`aws:cdk:bundling-stacks: []`), so a synth takes seconds; bundle-size.test.ts bundles.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PROJECT_ROOT } from '#infra/constructs/handler-function.ts';
import { readDeploymentContext } from '#infra/stacks/deployment-context.ts';
import { defineStacks, type Stacks } from '#infra/stacks/stacks.ts';

/** A synth of the whole app takes 5–20 s, more on a loaded machine: beyond vitest's defaults. */
export const SYNTH_TIMEOUT_MS = 120_000;

/** The `context` of cdk.json: the defaults a plain `npm run synth` uses. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

/** A new app with cdk.json's context (plus `context`), writing to a fresh temporary folder. */
export function testApp(context: Record<string, unknown> = {}): App {
  return new App({
    outdir: mkdtempSync(path.join(tmpdir(), 'cdk-test-')),
    context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context },
  });
}

/** The app's stacks, defined as infra/bin/app.ts defines them (fixed region, no account). */
export function synthesizeStacks(context: Record<string, unknown> = {}): { app: App; stacks: Stacks } {
  const app = testApp(context);
  const stacks = defineStacks(app, readDeploymentContext(app.node), { region: 'eu-west-1' });
  return { app, stacks };
}

/** The templates of the three stacks. */
export interface Templates {
  readonly data: Template;
  readonly auth: Template;
  readonly api: Template;
}

export function templatesOf(stacks: Stacks): Templates {
  return {
    data: Template.fromStack(stacks.data),
    auth: Template.fromStack(stacks.auth),
    api: Template.fromStack(stacks.api),
  };
}

/** A template's resources of one type, by logical id. */
export function resourcesOf(
  template: Template,
  type: string,
): Record<string, { Properties: Record<string, unknown>; [key: string]: unknown }> {
  return template.findResources(type) as Record<
    string,
    { Properties: Record<string, unknown>; [key: string]: unknown }
  >;
}

/** The logical id of the function built from `entry` in `stack`. */
export function functionIdOf(stack: Stack, template: Template, entry: string): string {
  const found = Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).filter(
    ([, fn]) => fn.Properties.Description === entry,
  );
  if (found.length !== 1)
    throw new Error(`${stack.stackName}: ${found.length} functions built from ${entry}`);
  return (found[0] as [string, unknown])[0];
}
