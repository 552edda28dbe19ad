import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '#functions/http/routes.ts';
import { resourcesOf, SYNTH_TIMEOUT_MS, synthesizeStacks } from './support/app.ts';

let api: Template;

beforeAll(() => {
  // GIVEN the app as cdk synth builds it, WHEN it is synthesized
  api = Template.fromStack(synthesizeStacks().stacks.api);
}, SYNTH_TIMEOUT_MS);

const distributionConfig = () => {
  const [distribution] = Object.values(resourcesOf(api, 'AWS::CloudFront::Distribution'));
  return distribution?.Properties.DistributionConfig as {
    DefaultRootObject: string;
    DefaultCacheBehavior: Record<string, unknown>;
    CacheBehaviors: {
      PathPattern: string;
      TargetOriginId: string;
      CachePolicyId: string;
      AllowedMethods: string[];
    }[];
    Origins: { Id: string; DomainName: unknown; OriginAccessControlId?: unknown; S3OriginConfig?: unknown }[];
  };
};

describe('WebApp (infra/constructs/web-app.ts) in the API stack', () => {
  it('keeps the app in a private, encrypted, SSL-only bucket that only the distribution reads', () => {
    api.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.anyValue(),
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3/' }),
    });
    api.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
    const config = distributionConfig();
    const site = config.Origins.find((o) => o.OriginAccessControlId !== undefined);
    expect(site, 'an S3 origin with origin access control').toBeDefined();
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      TargetOriginId: site?.Id,
    });
  });

  it('sends every path of the API to the API on the same domain, uncached, with every method', () => {
    const config = distributionConfig();
    const segments = [...new Set(Object.values(routes).map((route) => route.path.split('/')[1]))];
    const behaviours = new Map(config.CacheBehaviors.map((b) => [b.PathPattern, b]));
    for (const segment of segments) {
      const behaviour = behaviours.get(`/${segment}*`);
      expect(behaviour, `/${segment}*`).toBeDefined();
      // CloudFront's managed CachingDisabled policy.
      expect(behaviour?.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
      expect(behaviour?.AllowedMethods).toEqual(expect.arrayContaining(['POST', 'PUT', 'DELETE']));
      expect(behaviour?.TargetOriginId).not.toBe(config.DefaultCacheBehavior.TargetOriginId);
    }
  });

  it('answers with a Content-Security-Policy that allows only itself and Cognito, and HSTS', () => {
    api.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: {
            ContentSecurityPolicy: Match.anyValue(),
            Override: true,
          },
          StrictTransportSecurity: {
            AccessControlMaxAgeSec: 63_072_000,
            IncludeSubdomains: true,
            Preload: true,
            Override: true,
          },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
      },
    });
    const [policy] = Object.values(resourcesOf(api, 'AWS::CloudFront::ResponseHeadersPolicy'));
    const csp = JSON.stringify(policy?.Properties.ResponseHeadersPolicyConfig);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain('connect-src');
  });

  it('answers /config.json at the edge with the sign-in settings, and says where to upload the app', () => {
    const config = distributionConfig();
    const behaviour = config.CacheBehaviors.find((b) => b.PathPattern === '/config.json') as unknown as {
      FunctionAssociations: { EventType: string; FunctionARN: unknown }[];
    };
    expect(behaviour.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: expect.anything() },
    ]);
    const [fn] = Object.values(resourcesOf(api, 'AWS::CloudFront::Function'));
    const code = JSON.stringify(fn?.Properties.FunctionCode);
    // The authority and the web app's client come from the auth stack's SSM parameters, filled in
    // by CloudFormation when the API stack deploys (a weak reference, no export).
    expect(code).toContain('SsmParameterValueBesluitvormingAuthuserpoolwebclientid');
    expect(code).toContain('SsmParameterValueBesluitvormingAuthuserpoolid');
    expect(code).toContain('authority');
    for (const output of ['WebAppUrl', 'WebAppBucketName', 'WebAppDistributionId'])
      expect(
        Object.keys(api.findOutputs('*')).some((name) => name.startsWith(output)),
        output,
      ).toBe(true);
  });
});

describe('WebApp: the API’s version prefix (issue 18, item 4)', () => {
  it('sends /v1/* to the API through a viewer-request function that strips the prefix', () => {
    // THEN
    const behavior = distributionConfig().CacheBehaviors.find((b) => b.PathPattern === '/v1/*') as
      | { FunctionAssociations?: { EventType: string; FunctionARN: unknown }[]; TargetOriginId: string }
      | undefined;
    const api = distributionConfig().CacheBehaviors.find((b) => b.PathPattern === '/proposals*');
    expect(behavior?.TargetOriginId).toBe(api?.TargetOriginId);
    expect(behavior?.FunctionAssociations?.[0]?.EventType).toBe('viewer-request');
  });

  it('maps /v1/proposals to /proposals and /v1 to /, and nothing else', () => {
    // GIVEN the function's code as deployed
    const functions = Object.values(resourcesOf(api, 'AWS::CloudFront::Function'));
    const code = functions.find((f) => String(f.Properties.Name ?? '').includes('VersionPrefix'))?.Properties
      .FunctionCode as string;
    expect(code, 'the VersionPrefix function').toBeDefined();
    // WHEN it runs on a request (CloudFront Functions' JavaScript, evaluated here)
    const handler = new Function(`${code}; return handler;`)() as (e: { request: { uri: string } }) => {
      uri: string;
    };
    // THEN
    expect(handler({ request: { uri: '/v1/proposals/p-1/votes/VNG' } }).uri).toBe('/proposals/p-1/votes/VNG');
    expect(handler({ request: { uri: '/v1' } }).uri).toBe('/');
  });
});
