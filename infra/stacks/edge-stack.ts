/**
 * What CloudFront needs from us-east-1: the web ACL with the per-caller request limits
 * (infra/constructs/rate-limit.ts). A stack of its own because CloudFront reads web ACLs of scope
 * CLOUDFRONT from that region only, whatever region the API runs in.
 *
 * Wiring (infra/stacks/stacks.ts): the ACL's ARN goes into an SSM parameter of this region
 * (`/<stack>/web-acl/arn`); the API stack, in its own region, reads that parameter when it deploys
 * (infra/constructs/cross-region-parameter.ts) and attaches the ACL to its distribution. A weak
 * reference, like the others between the stacks: no export, and no account needed at synth
 * (CDK's `crossRegionReferences` would need both stacks' account and region at synth).
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ApiRateLimit, type ApiRateLimitProps } from '#infra/constructs/rate-limit.ts';
import { publish } from '#infra/constructs/stack-references.ts';

export interface EdgeStackProps extends StackProps {
  /** The limits. @default ApiRateLimit's defaults */
  readonly rateLimit?: ApiRateLimitProps;
}

export class EdgeStack extends Stack {
  readonly rateLimit: ApiRateLimit;
  /** The SSM parameter (in us-east-1) that holds the web ACL's ARN. */
  readonly webAclArnParameter: string;

  constructor(scope: Construct, id: string, props: EdgeStackProps = {}) {
    super(scope, id, props);
    this.rateLimit = new ApiRateLimit(this, 'RateLimit', props.rateLimit ?? {});
    this.webAclArnParameter = publish(this, 'WebAclArnParameter', 'web-acl/arn', this.rateLimit.webAclArn);
    new CfnOutput(this, 'WebAclArn', {
      value: this.rateLimit.webAclArn,
      description: 'The web ACL to attach to the CloudFront distribution in front of the API (webAclId)',
    });
  }
}
