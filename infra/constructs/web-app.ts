/**
 * The people's web app in the cloud (DESIGN 3.3, 7): the built app in a private S3 bucket that
 * only CloudFront reads (origin access control), the HTTP API behind the same CloudFront domain
 * (so the app calls it on its own origin), security headers on every answer (CSP, HSTS, …), and a
 * runtime `config.json` that tells the app where Cognito's managed login is.
 */
import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { VERSION_PREFIX } from '#shared/http/version.ts';
import { contentSecurityPolicy } from '../../web/csp.ts';

/** Cognito's managed login, as the app's runtime configuration names it. */
export interface WebAppSignIn {
  /** The token issuer (`https://cognito-idp.<region>.amazonaws.com/<poolId>`): its discovery document. */
  readonly issuer: string;
  /** The app client people sign in with (authorization code + PKCE, no secret). */
  readonly clientId: string;
  /** The user pool domain's base URL (managed login, token endpoint). */
  readonly domainUrl: string;
}

export interface WebAppProps {
  /** The HTTP API's endpoint (`https://<id>.execute-api.<region>.amazonaws.com`). */
  readonly apiEndpoint: string;
  /** The API's first path segments (`proposals`, `meetings`, …): CloudFront sends these to the API. */
  readonly apiPathSegments: readonly string[];
  /** Where people sign in. */
  readonly signIn: WebAppSignIn;
  /**
   * The WAF web ACL (scope CLOUDFRONT, in us-east-1) with the per-caller limits (issue 17, item 3).
   * @default - none: only API Gateway's stage-wide throttling limits callers
   */
  readonly webAclArn?: string;
}

export class WebApp extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: WebAppProps) {
    super(scope, id);
    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are written with an ACL.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket of the web app; logging its own access would log the logs',
    });
    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const security = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Besluitvorming web app: CSP, HSTS and friends',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy([props.signIn.domainUrl, `${props.signIn.issuer}/`]),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
    const apiOrigin = new HttpOrigin(Fn.select(2, Fn.split('/', props.apiEndpoint)));
    const apiBehavior = {
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // API Gateway answers only to its own host name; every other header (Authorization) goes on.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: security,
    };
    const siteOrigin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Besluitvorming Stuurgroep iStandaarden: web app and API',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: siteOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: security,
      },
      additionalBehaviors: {
        '/config.json': {
          origin: siteOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          responseHeadersPolicy: security,
          functionAssociations: [
            { function: this.runtimeConfig(props.signIn), eventType: FunctionEventType.VIEWER_REQUEST },
          ],
        },
        // The API's versioned paths (DESIGN 5: `/v1/...`, the unversioned ones its aliases).
        [`${VERSION_PREFIX}/*`]: {
          ...apiBehavior,
          functionAssociations: [
            { function: this.versionPrefix(), eventType: FunctionEventType.VIEWER_REQUEST },
          ],
        },
        ...Object.fromEntries(
          [...new Set(props.apiPathSegments)].map((segment) => [`/${segment}*`, apiBehavior]),
        ),
      },
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: members and the ministry also work from abroad; every API call needs a Cognito token, and the app itself holds no data',
    });
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF given to this construct: the API behind it has its own throttling (PartyApi rateLimit/burstLimit) and a JWT authorizer on every route but the OpenAPI document; the app passes the web ACL of its edge stack',
      });
    }
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'The default *.cloudfront.net certificate allows no minimum TLS version to be set; with a custom domain, set TLSv1.2_2021 on its certificate',
    });

    new CfnOutput(this, 'BucketName', {
      value: this.bucket.bucketName,
      description:
        'Upload the built app here: npm run build:web && aws s3 sync web/dist s3://<bucket> --delete',
    });
    new CfnOutput(this, 'DistributionId', {
      value: this.distribution.distributionId,
      description:
        'After an upload: aws cloudfront create-invalidation --distribution-id <id> --paths "/index.html"',
    });
  }

  /**
   * `/config.json`, answered by a CloudFront Function at the edge: the app's runtime settings
   * (where Cognito's managed login is), filled in by CloudFormation, with no object to upload.
   */
  private runtimeConfig(signIn: WebAppSignIn): CloudFrontFunction {
    const config = Stack.of(this).toJsonString({
      apiBaseUrl: '',
      oidc: { authority: signIn.issuer, clientId: signIn.clientId, scope: 'openid email' },
    });
    return new CloudFrontFunction(this, 'RuntimeConfig', {
      comment: 'Answers /config.json with the web app runtime settings',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(
        [
          'function handler(event) {',
          '  return {',
          "    statusCode: 200, statusDescription: 'OK',",
          "    headers: { 'content-type': { value: 'application/json' }, 'cache-control': { value: 'no-cache' } },",
          `    body: { encoding: 'text', data: '${config}' },`,
          '  };',
          '}',
        ].join('\n'),
      ),
    });
  }

  /**
   * Strips the version prefix at the edge (`/v1/proposals` → `/proposals`): API Gateway's routes are
   * the unversioned paths of the route table, so both forms reach the same route.
   */
  private versionPrefix(): CloudFrontFunction {
    return new CloudFrontFunction(this, 'VersionPrefix', {
      comment: `Serves ${VERSION_PREFIX}/... from the API's routes`,
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(
        [
          'function handler(event) {',
          '  var request = event.request;',
          `  request.uri = request.uri.slice(${VERSION_PREFIX.length}) || '/';`,
          '  return request;',
          '}',
        ].join('\n'),
      ),
    });
  }

  /** The app's address: the API answers on it too. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
