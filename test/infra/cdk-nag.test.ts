import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { readDeploymentContext } from '#infra/stacks/deployment-context.ts';
import { defineStacks } from '#infra/stacks/stacks.ts';
import { SYNTH_TIMEOUT_MS, testApp } from './support/app.ts';

/** Every context option of README's deploy section, each away from its default. */
const EVERY_OPTION = {
  stackPrefix: 'Keteninfo',
  mailFrom: 'besluitvorming@istandaarden.example',
  mailIdentity: 'email',
  authDomainPrefix: 'keteninfo-besluitvorming',
  callbackUrls: 'https://besluitvorming.example/callback, http://localhost:5173/callback',
  alarmEmail: 'beheer@istandaarden.example',
  alarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:beheer-alarms',
  apiBaseUrl: 'https://api.besluitvorming.example',
  customerManagedKey: 'true',
};

interface ValidationReport {
  readonly pluginReports: { pluginName: string; conclusion: string; violations: { ruleName: string }[] }[];
}

/** The app of infra/bin/app.ts with its AwsSolutions checks. */
function checkedApp(context: Record<string, unknown> = {}) {
  const app = testApp(context);
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
    'find nothing unacknowledged with every documented context option set, as the CLI passes them',
    () => {
      // GIVEN every context value the README documents, away from its default (strings, as -c gives them)
      const { app, stacks } = checkedApp(EVERY_OPTION);
      // WHEN / THEN
      expect(() => app.synth()).not.toThrow();
      const violations = reportOf(app.outdir).pluginReports.flatMap((r) =>
        r.violations.map((v) => v.ruleName),
      );
      expect(violations).toEqual([]);
      // AND the options took effect
      expect(stacks.api.stackName).toBe('KeteninfoApi');
      const api = Template.fromStack(stacks.api).toJSON() as {
        Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
      };
      const policies = Object.values(api.Resources).filter((r) => r.Type === 'AWS::IAM::Policy');
      const kms = policies.flatMap((p) =>
        (
          p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Condition?: unknown }[] }
        ).Statement.filter((st) => [st.Action].flat().some((a) => a.startsWith('kms:'))),
      );
      // exact key grants, only through DynamoDB: no wildcard action
      expect(kms.length).toBeGreaterThan(0);
      for (const statement of kms) {
        expect(
          [statement.Action].flat().every((a) => !a.includes('*')),
          JSON.stringify(statement.Action),
        ).toBe(true);
        expect(JSON.stringify(statement.Condition)).toContain('dynamodb.eu-west-1.amazonaws.com');
      }
      expect(JSON.stringify(Template.fromStack(stacks.data).toJSON())).toContain('"SSEType":"KMS"');
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
      expect(id).toMatch(
        // IAM5 on `*` (X-Ray, log delivery) or on the executions of the one state machine (Beheer).
        /^Annotation::AwsSolutions-(L1|IAM5\[Resource::(\*|arn:<AWS::Partition>:states:[\w<>:-]+:<AWS::AccountId>:execution:[\w-]+:\*)\]|SQS3|APIG4|SMG4|S1|CFR1|CFR2|CFR4)$/,
      );
      expect(reason.length, id).toBeGreaterThan(60);
    }
  });
});
