/**
 * The value of an SSM parameter of another region, read when the stack is created (and again when
 * the parameter's name changes): a custom resource calls `ssm:GetParameter` in that region. Used
 * for the web ACL, which CloudFront needs from us-east-1 while the API runs elsewhere. The template
 * stays deterministic; should the web ACL ever be replaced, bump `readRevision` to read it again.
 */
import { Stack } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

export interface CrossRegionParameterProps {
  /** The parameter's name, e.g. `/BesluitvormingEdge/web-acl/arn`. */
  readonly parameterName: string;
  /** The region it lives in. */
  readonly region: string;
  /**
   * Change it to read the parameter again on the next deploy.
   * @default 1
   */
  readonly readRevision?: number;
}

export class CrossRegionParameter extends Construct {
  /** The parameter's value (a token resolved at deploy time). */
  readonly value: string;

  constructor(scope: Construct, id: string, props: CrossRegionParameterProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // Its own role and log group, as the other custom resources of the app: no AWS-managed policy.
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Reads ${props.parameterName} in ${props.region} at deploy time`,
    });
    logGroup.grantWrite(role);
    const read = new AwsCustomResource(this, 'Read', {
      resourceType: 'Custom::CrossRegionParameter',
      onUpdate: {
        service: 'SSM',
        action: 'getParameter',
        parameters: { Name: props.parameterName },
        region: props.region,
        physicalResourceId: PhysicalResourceId.of(
          `${props.parameterName}@${props.region}#${props.readRevision ?? 1}`,
        ),
      },
      policy: AwsCustomResourcePolicy.fromSdkCalls({
        resources: [
          stack.formatArn({
            service: 'ssm',
            region: props.region,
            resource: 'parameter',
            resourceName: props.parameterName.replace(/^\//, ''),
          }),
        ],
      }),
      role,
      logGroup,
      installLatestAwsSdk: false,
    });
    this.value = read.getResponseField('Parameter.Value');
  }
}
