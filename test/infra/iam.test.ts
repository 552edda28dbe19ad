import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { resourcesOf, SYNTH_TIMEOUT_MS, synthesizeStacks, templatesOf } from './support/app.ts';

/**
 * The actions AWS authorizes only on `"Resource": "*"` (they support no resource-level
 * permissions), with who needs them.
 */
const ACTIONS_THAT_REQUIRE_A_STAR = new Set([
  // X-Ray tracing of every function and of the state machine.
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  // Step Functions delivering its execution logs to CloudWatch Logs.
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
  // The relay's event source mapping listing the table's streams.
  'dynamodb:ListStreams',
]);

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

let templates: Record<string, Template>;

beforeAll(() => {
  // GIVEN the synthesized app
  const { stacks } = synthesizeStacks();
  templates = { ...templatesOf(stacks) };
}, SYNTH_TIMEOUT_MS);

describe('IAM of the app', () => {
  it('grants no statement a "*" resource except for the actions AWS requires it for', () => {
    // WHEN every statement of every policy is read
    const offending: string[] = [];
    let statements = 0;
    for (const [stack, template] of Object.entries(templates)) {
      for (const [id, policy] of Object.entries(resourcesOf(template, 'AWS::IAM::Policy'))) {
        for (const statement of (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement) {
          statements += 1;
          const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
          const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
          if (statement.Effect !== 'Allow' || !resources.includes('*')) continue;
          for (const action of actions.filter((a) => !ACTIONS_THAT_REQUIRE_A_STAR.has(a))) {
            offending.push(`${stack}/${id}: ${action} on *`);
          }
        }
      }
    }
    // THEN
    expect(statements).toBeGreaterThan(20);
    expect(offending).toEqual([]);
  });

  it('grants no wildcard action', () => {
    // THEN
    for (const template of Object.values(templates)) {
      for (const policy of Object.values(resourcesOf(template, 'AWS::IAM::Policy'))) {
        for (const statement of (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement) {
          const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
          // GetSampling* and *LogDelivery are spelled out; `dynamodb:*` or `states:*` never appear.
          expect(actions.filter((a) => a.endsWith(':*') || a === '*')).toEqual([]);
        }
      }
    }
  });

  it('attaches no AWS-managed policy to any role', () => {
    // THEN
    for (const template of Object.values(templates)) {
      for (const role of Object.values(resourcesOf(template, 'AWS::IAM::Role'))) {
        expect(role.Properties.ManagedPolicyArns ?? []).toEqual([]);
      }
    }
  });
});
