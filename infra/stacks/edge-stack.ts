/**
 * What CloudFront needs from us-east-1: the web ACL with the per-caller request limits
 * (infra/constructs/rate-limit.ts). A stack of its own because CloudFront reads web ACLs of scope
 * CLOUDFRONT from that region only, whatever region the API runs in.
 *
 * Wiring (infra/stacks/stacks.ts): create it with `env: { account, region: 'us-east-1' }`; the stack
 * that defines the CloudFront distribution passes `webAclId: edge.rateLimit.webAclArn` and sets
 * `crossRegionReferences: true` (it needs an explicit account and region too).
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ApiRateLimit, type ApiRateLimitProps } from '#infra/constructs/rate-limit.ts';

export interface EdgeStackProps extends StackProps {
  /** The limits. @default ApiRateLimit's defaults */
  readonly rateLimit?: ApiRateLimitProps;
}

export class EdgeStack extends Stack {
  readonly rateLimit: ApiRateLimit;

  constructor(scope: Construct, id: string, props: EdgeStackProps = {}) {
    // Cross-region references: the distribution's stack (another region) reads the ACL's ARN.
    super(scope, id, { ...props, crossRegionReferences: true });
    this.rateLimit = new ApiRateLimit(this, 'RateLimit', props.rateLimit ?? {});
    new CfnOutput(this, 'WebAclArn', {
      value: this.rateLimit.webAclArn,
      description: 'The web ACL to attach to the CloudFront distribution in front of the API (webAclId)',
    });
  }
}
