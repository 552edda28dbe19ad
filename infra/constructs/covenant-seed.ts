/**
 * Version 1 of the covenant in the table, written once when the stack is created (DESIGN 2.5): the
 * register the deploy brings is only the seed. A custom resource puts the item with
 * `attribute_not_exists(pk)` on create and does nothing on update, so neither a redeploy nor an edit
 * of register.json changes the register again; after that it changes only by a signed change or a
 * withdrawal (shared/usecases/covenant-*). The functions then read the version in force from the table.
 */

import { marshall } from '@aws-sdk/util-dynamodb';
import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { Register } from '#shared/covenant/index.ts';
import { versionItem } from '#shared/store/covenant.ts';
import { seedVersion } from '#shared/usecases/covenant-source.ts';

export interface CovenantSeedProps {
  /** The one table (DESIGN 6). */
  readonly table: ITable;
  /** The table's customer-managed key, when it has one. */
  readonly tableKey?: IKey;
  /** The register of version 1 (shared/covenant/register.json, validated). */
  readonly register: Register;
}

export class CovenantSeed extends Construct {
  constructor(scope: Construct, id: string, props: CovenantSeedProps) {
    super(scope, id);
    // Recorded as of the covenant's signing: the template stays the same on every synth.
    const version = seedVersion(props.register, `${props.register.covenantSignedOn}T00:00:00.000Z`);
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Writes version 1 of the covenant into the table once, when the stack is created',
    });
    logGroup.grantWrite(role);
    if (props.tableKey) {
      // The exact actions a write needs, and only through DynamoDB (as every function's grant).
      role.addToPolicy(
        new PolicyStatement({
          actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
          resources: [props.tableKey.keyArn],
          conditions: {
            StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` },
          },
        }),
      );
    }
    new AwsCustomResource(this, 'Put', {
      resourceType: 'Custom::CovenantSeed',
      onCreate: {
        service: 'DynamoDB',
        action: 'putItem',
        parameters: {
          TableName: props.table.tableName,
          Item: marshall(versionItem(version), { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
        // A table that already holds version 1 (a stack created again over a retained table) keeps it.
        ignoreErrorCodesMatching: 'ConditionalCheckFailedException',
        physicalResourceId: PhysicalResourceId.of(`${Stack.of(this).stackName}-covenant-version-1`),
      },
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [props.table.tableArn] }),
      ]),
      role,
      logGroup,
      installLatestAwsSdk: false,
    });
  }
}
