/**
 * The stateful half: the single table (DESIGN 6), built from the same constants as the local
 * table (shared/store/table.ts) and kept when the stack or the table's construct goes away.
 * The API stack receives it as a prop.
 */
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { type DataReferences, publish } from '#infra/constructs/stack-references.ts';
import { BILLING_MODE, GSI1, GSI2, PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE } from '#shared/store/table.ts';

export interface DataStackProps extends StackProps {
  /**
   * Encrypt with a customer-managed KMS key instead of the AWS-managed key.
   * @default false - AWS-managed key (aws/dynamodb): no key policy to run, no per-request KMS cost
   */
  readonly customerManagedKey?: boolean;
}

export class DataStack extends Stack {
  /** The single table, with a NEW_IMAGE stream for the signal relay. */
  readonly table: Table;
  /** Where the other stacks find the table (SSM parameters, not exports). */
  readonly references: DataReferences;

  constructor(scope: Construct, id: string, props: DataStackProps = {}) {
    super(scope, id, props);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: PARTITION_KEY, type: AttributeType.STRING },
      sortKey: { name: SORT_KEY, type: AttributeType.STRING },
      billingMode: BillingMode[BILLING_MODE],
      timeToLiveAttribute: TTL_ATTRIBUTE,
      stream: StreamViewType.NEW_IMAGE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: props.customerManagedKey ? TableEncryption.CUSTOMER_MANAGED : TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: GSI1.indexName,
      partitionKey: { name: GSI1.partitionKey, type: AttributeType.STRING },
      sortKey: { name: GSI1.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType[GSI1.projection],
    });
    // The list of proposals: the proposal items, projecting only the fields a list shows (issue 16).
    // A table deployed before it gets it in its own update (CloudFormation adds one index per update).
    this.table.addGlobalSecondaryIndex({
      indexName: GSI2.indexName,
      partitionKey: { name: GSI2.partitionKey, type: AttributeType.STRING },
      sortKey: { name: GSI2.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType[GSI2.projection],
      nonKeyAttributes: [...GSI2.nonKeyAttributes],
    });
    const { tableStreamArn, encryptionKey } = this.table;
    if (tableStreamArn === undefined) throw new Error('unreachable: the table is created with a stream');
    this.references = {
      tableArn: publish(this, 'TableArnParameter', 'table/arn', this.table.tableArn),
      tableStreamArn: publish(this, 'TableStreamArnParameter', 'table/stream-arn', tableStreamArn),
      ...(encryptionKey
        ? { tableKeyArn: publish(this, 'TableKeyArnParameter', 'table/key-arn', encryptionKey.keyArn) }
        : {}),
    };
    // For administrators: `npm run executions -- show <proposalId> --cloud` reads it (TABLE_NAME).
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The single table' });
  }
}
