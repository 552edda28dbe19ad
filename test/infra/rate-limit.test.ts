import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { ApiRateLimit } from '#infra/constructs/rate-limit.ts';
import { EdgeStack } from '#infra/stacks/edge-stack.ts';
import { SYNTH_TIMEOUT_MS, testApp } from './support/app.ts';

const ENV = { account: '123456789012', region: 'us-east-1' };

interface Rule {
  Name: string;
  Priority: number;
  Action: {
    Block: { CustomResponse: { ResponseCode: number; ResponseHeaders: { Name: string; Value: string }[] } };
  };
  Statement: {
    RateBasedStatement: {
      Limit: number;
      EvaluationWindowSec: number;
      AggregateKeyType: string;
      CustomKeys?: { Header: { Name: string } }[];
      ScopeDownStatement?: unknown;
    };
  };
}

function edge(app: App = testApp()) {
  const stack = new EdgeStack(app, 'BesluitvormingEdge', { env: ENV });
  const template = Template.fromStack(stack);
  const [acl] = Object.values(template.findResources('AWS::WAFv2::WebACL'));
  return { app, stack, template, acl: acl as { Properties: Record<string, unknown> } };
}

const rulesOf = (acl: { Properties: Record<string, unknown> }) => acl.Properties.Rules as Rule[];

describe('ApiRateLimit: a per-caller limit in front of the API (issue 17, row 4)', () => {
  it('is a CloudFront-scoped web ACL that lets requests through unless a rate rule blocks them', () => {
    // GIVEN the edge stack in us-east-1, WHEN synthesized
    const { acl, template } = edge();
    // THEN
    expect(acl.Properties).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    template.hasOutput('WebAclArn', {});
  });

  it('limits each caller by its Authorization header, answering 429 problem+json with Retry-After', () => {
    const { acl } = edge();
    const perCaller = rulesOf(acl).find(
      (r) => r.Statement.RateBasedStatement.AggregateKeyType === 'CUSTOM_KEYS',
    );
    expect(perCaller?.Statement.RateBasedStatement.CustomKeys).toEqual([
      { Header: { Name: 'authorization', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } },
    ]);
    expect(perCaller?.Statement.RateBasedStatement).toMatchObject({ Limit: 600, EvaluationWindowSec: 300 });
    expect(perCaller?.Action.Block.CustomResponse).toMatchObject({
      ResponseCode: 429,
      CustomResponseBodyKey: 'too-many-requests',
      ResponseHeaders: [{ Name: 'Retry-After', Value: '300' }],
    });
    const body = (
      acl.Properties.CustomResponseBodies as Record<string, { ContentType: string; Content: string }>
    )['too-many-requests'];
    expect(body?.ContentType).toBe('APPLICATION_JSON');
    expect(JSON.parse(body?.Content ?? '{}')).toMatchObject({ status: 429, title: 'Too many requests' });
  });

  it('also limits callers without a token, and every address, by IP (a caller minting a token per request)', () => {
    const { acl } = edge();
    const byIp = rulesOf(acl).filter((r) => r.Statement.RateBasedStatement.AggregateKeyType === 'IP');
    expect(byIp.map((r) => r.Name).sort()).toEqual(['PerAddress', 'PerAddressWithoutToken']);
    expect(
      byIp.find((r) => r.Name === 'PerAddressWithoutToken')?.Statement.RateBasedStatement.ScopeDownStatement,
    ).toEqual({
      NotStatement: {
        Statement: {
          SizeConstraintStatement: {
            FieldToMatch: { SingleHeader: { Name: 'authorization' } },
            ComparisonOperator: 'GT',
            Size: 0,
            TextTransformations: [{ Priority: 0, Type: 'NONE' }],
          },
        },
      },
    });
    for (const rule of rulesOf(acl)) expect(rule.Action.Block.CustomResponse.ResponseCode).toBe(429);
  });

  it('refuses to be built outside us-east-1, where CloudFront cannot use it', () => {
    const app = testApp();
    const stack = new Stack(app, 'Elsewhere', { env: { account: ENV.account, region: 'eu-central-1' } });
    expect(() => new ApiRateLimit(stack, 'RateLimit')).toThrow(/us-east-1.*eu-central-1/);
    const agnostic = new Stack(app, 'Agnostic');
    expect(() => new ApiRateLimit(agnostic, 'RateLimit')).toThrow(/us-east-1/);
  });

  it(
    'passes cdk-nag’s AwsSolutions checks',
    () => {
      const app = testApp();
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
      new EdgeStack(app, 'BesluitvormingEdge', { env: ENV });
      expect(() => app.synth()).not.toThrow();
      const report = JSON.parse(readFileSync(path.join(app.outdir, 'validation-report.json'), 'utf8')) as {
        pluginReports: { violations: unknown[] }[];
      };
      expect(report.pluginReports.flatMap((r) => r.violations)).toEqual([]);
    },
    SYNTH_TIMEOUT_MS,
  );
});
