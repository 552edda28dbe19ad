import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { readDeploymentContext } from '#infra/stacks/deployment-context.ts';
import { defineStacks } from '#infra/stacks/stacks.ts';
import { SYNTH_TIMEOUT_MS, testApp } from './support/app.ts';

interface ValidationReport {
  readonly pluginReports: { pluginName: string; conclusion: string; violations: { ruleName: string }[] }[];
}

/** The app of infra/bin/app.ts with its AwsSolutions checks. */
function checkedApp() {
  const app = testApp();
  const stacks = defineStacks(app, readDeploymentContext(app.node), { region: 'eu-west-1' });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stacks };
}

const reportOf = (outdir: string): ValidationReport =>
  JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;

describe('cdk-nag AwsSolutions checks', () => {
  it(
    'find nothing unacknowledged in the app',
    () => {
      // GIVEN the app with the AwsSolutions pack
      const { app } = checkedApp();
      // WHEN it is synthesized, THEN it does not fail validation
      expect(() => app.synth()).not.toThrow();
      const violations = reportOf(app.outdir).pluginReports.flatMap((r) =>
        r.violations.map((v) => v.ruleName),
      );
      expect(violations).toEqual([]);
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'are live: a finding nobody acknowledged fails the synth and lands in the report',
    () => {
      // GIVEN the app plus a queue without a dead-letter queue, SSE or an SSL-only policy
      const { app, stacks } = checkedApp();
      new Queue(stacks.api, 'UncheckedQueue', { enforceSSL: false });
      // WHEN / THEN
      expect(() => app.synth()).toThrow(/validation/i);
      const rules = reportOf(app.outdir).pluginReports.flatMap((r) => r.violations.map((v) => v.ruleName));
      expect(rules).toContain('AwsSolutions-SQS4');
    },
    SYNTH_TIMEOUT_MS,
  );

  it('are acknowledged only with a reason a reviewer can weigh', () => {
    // GIVEN the app's acknowledgements
    const { app } = checkedApp();
    const acknowledged: [string, string][] = [];
    for (const construct of app.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) {
          // aws-cdk-lib's own (e.g. W3045 on a bucket that CloudFront's logs need ACLs on).
          if (id.startsWith('CloudFormation-Validate::')) continue;
          acknowledged.push([id, String(reason)]);
        }
      }
    }
    // THEN each names the rule (the full finding id for IAM5) and explains itself
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledged) {
      expect(id).toMatch(/^Annotation::AwsSolutions-(L1|IAM5\[Resource::\*\]|SQS3|APIG4|S1|CFR1|CFR2|CFR4)$/);
      expect(reason.length, id).toBeGreaterThan(60);
    }
  });
});
