/**
 * A per-caller request limit in front of the API (issue 17, row 4): an AWS WAF web ACL for the
 * CloudFront distribution that fronts the API and the web app. API Gateway's own throttling is
 * stage-wide, so one party could use it all up; here each caller has its own budget:
 *
 * - `PerCaller`: requests per `Authorization` header (a caller's bearer token) in the window;
 * - `PerAddressWithoutToken`: requests without a token, per IP address;
 * - `PerAddress`: every request per IP address, a backstop against a caller that fetches a new
 *   token for each request (each token would otherwise be a fresh budget).
 *
 * A blocked request gets 429 with `Retry-After` and a problem+json body (WAF can only label it
 * `application/json`). CloudFront reads web ACLs of scope CLOUDFRONT from us-east-1 only, so this
 * construct must live in a stack in that region (infra/stacks/edge-stack.ts).
 */
import { Stack, Token } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { PROBLEM_BASE } from '#shared/http/problems.ts';

/** The windows WAF's rate-based rules count in, in seconds. */
export type RateWindowSeconds = 60 | 120 | 300 | 600;

export interface ApiRateLimitProps {
  /**
   * Requests one caller (one `Authorization` header) may send per window.
   * @default 600 (two a second on average over five minutes; a meeting's busiest minute is far below)
   */
  readonly requestsPerCaller?: number;
  /**
   * Requests one IP address may send per window without a token (the public routes, the web app).
   * @default 300
   */
  readonly requestsPerAddressWithoutToken?: number;
  /**
   * Requests one IP address may send per window in all.
   * @default 3000 (a party's systems and people behind one NAT address)
   */
  readonly requestsPerAddress?: number;
  /**
   * The window the limits count in.
   * @default 300
   */
  readonly windowSeconds?: RateWindowSeconds;
  /**
   * The prefix of the rules' CloudWatch metric names.
   * @default 'besluitvorming'
   */
  readonly metricPrefix?: string;
}

const BODY_KEY = 'too-many-requests';
/** WAF's smallest limit per rule. */
const MIN_LIMIT = 10;
const NO_TRANSFORMATION = [{ priority: 0, type: 'NONE' }];

/** A CloudFront-scoped web ACL limiting each caller's requests. */
export class ApiRateLimit extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiRateLimitProps = {}) {
    super(scope, id);
    validate(this, props);
    const window = props.windowSeconds ?? 300;
    const prefix = props.metricPrefix ?? 'besluitvorming';
    const block: CfnWebACL.RuleActionProperty = {
      block: {
        customResponse: {
          responseCode: 429,
          customResponseBodyKey: BODY_KEY,
          responseHeaders: [{ name: 'Retry-After', value: String(window) }],
        },
      },
    };
    const rule = (
      name: string,
      priority: number,
      statement: CfnWebACL.RateBasedStatementProperty,
    ): CfnWebACL.RuleProperty => ({
      name,
      priority,
      action: block,
      statement: { rateBasedStatement: { evaluationWindowSec: window, ...statement } },
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        metricName: `${prefix}-${name}`,
        sampledRequestsEnabled: true,
      },
    });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      description: 'Per-caller request limits of the decision API, 429 with Retry-After',
      customResponseBodies: {
        [BODY_KEY]: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            type: `${PROBLEM_BASE}too-many-requests`,
            title: 'Too many requests',
            status: 429,
            detail: `Too many requests from this caller; retry after the Retry-After seconds (limits count per ${window} s).`,
          }),
        },
      },
      rules: [
        rule('PerCaller', 0, {
          limit: props.requestsPerCaller ?? 600,
          aggregateKeyType: 'CUSTOM_KEYS',
          customKeys: [{ header: { name: 'authorization', textTransformations: NO_TRANSFORMATION } }],
        }),
        rule('PerAddressWithoutToken', 1, {
          limit: props.requestsPerAddressWithoutToken ?? 300,
          aggregateKeyType: 'IP',
          scopeDownStatement: {
            notStatement: {
              statement: {
                sizeConstraintStatement: {
                  // singleHeader is untyped JSON in the L1: CloudFormation's own casing.
                  fieldToMatch: { singleHeader: { Name: 'authorization' } },
                  comparisonOperator: 'GT',
                  size: 0,
                  textTransformations: NO_TRANSFORMATION,
                },
              },
            },
          },
        }),
        rule('PerAddress', 2, { limit: props.requestsPerAddress ?? 3000, aggregateKeyType: 'IP' }),
      ],
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        metricName: `${prefix}-web-acl`,
        sampledRequestsEnabled: true,
      },
    });
  }

  /** The ARN to give the CloudFront distribution (`webAclId`). */
  get webAclArn(): string {
    return this.webAcl.attrArn;
  }
}

function validate(construct: Construct, props: ApiRateLimitProps): void {
  const where = construct.node.path;
  const region = Stack.of(construct).region;
  if (Token.isUnresolved(region) || region !== 'us-east-1') {
    const found = Token.isUnresolved(region) ? 'no region (an environment-agnostic stack)' : region;
    throw new Error(
      `ApiRateLimit ${where}: CloudFront uses web ACLs from us-east-1 only, but the stack is in ${found}; ` +
        "put it in a stack with env: { account, region: 'us-east-1' } (see infra/stacks/edge-stack.ts)",
    );
  }
  for (const [name, limit] of Object.entries({
    requestsPerCaller: props.requestsPerCaller,
    requestsPerAddressWithoutToken: props.requestsPerAddressWithoutToken,
    requestsPerAddress: props.requestsPerAddress,
  })) {
    if (limit !== undefined && (!Number.isInteger(limit) || limit < MIN_LIMIT)) {
      throw new Error(
        `ApiRateLimit ${where}: ${name} must be a whole number of at least ${MIN_LIMIT}, got ${limit}`,
      );
    }
  }
}
