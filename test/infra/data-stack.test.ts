import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTableInput, GSI1, GSI2, TTL_ATTRIBUTE } from '#shared/store/table.ts';
import { resourcesOf, SYNTH_TIMEOUT_MS, synthesizeStacks } from './support/app.ts';

let data: Template;

beforeAll(() => {
  // GIVEN the app as cdk synth builds it
  const { stacks } = synthesizeStacks();
  data = Template.fromStack(stacks.data);
}, SYNTH_TIMEOUT_MS);

const tableOf = () => {
  const tables = Object.values(resourcesOf(data, 'AWS::DynamoDB::Table'));
  expect(tables).toHaveLength(1);
  return tables[0] as NonNullable<(typeof tables)[number]>;
};

describe('DataStack: the single table', () => {
  it('has the keys, attribute types and index of shared/store/table.ts', () => {
    // GIVEN the table the local stack creates, without the index of its own relay loop (issue 16:
    // the cloud's relay reads the stream; nothing there writes that index's keys)
    const local = createTableInput('any', { signalsIndex: false });
    // THEN the cloud table has the same schema
    const table = tableOf().Properties;
    expect(table.KeySchema).toEqual(local.KeySchema);
    expect(new Set(table.AttributeDefinitions as unknown[])).toEqual(new Set(local.AttributeDefinitions));
    expect(table.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
    expect(table.BillingMode).toBe(local.BillingMode);
    expect((table.GlobalSecondaryIndexes as { IndexName: string }[]).map((i) => i.IndexName)).toEqual([
      GSI1.indexName,
      GSI2.indexName,
    ]);
  });

  it('lists proposals in gsi2 with only the listed fields projected, never the snapshot (issue 16)', () => {
    // THEN
    const indexes = tableOf().Properties.GlobalSecondaryIndexes as {
      IndexName: string;
      Projection: { ProjectionType: string; NonKeyAttributes?: string[] };
    }[];
    const list = indexes.find((index) => index.IndexName === GSI2.indexName);
    expect(list?.Projection.ProjectionType).toBe('INCLUDE');
    expect(list?.Projection.NonKeyAttributes).toEqual([...GSI2.nonKeyAttributes]);
    expect(list?.Projection.NonKeyAttributes).not.toContain('snapshotZ1');
  });

  it('expires items on the TTL attribute of shared/store/table.ts', () => {
    // THEN
    expect(tableOf().Properties.TimeToLiveSpecification).toEqual({
      AttributeName: TTL_ATTRIBUTE,
      Enabled: true,
    });
  });

  it('survives mistakes: point-in-time recovery, deletion protection, retained on delete and replace', () => {
    // THEN
    const table = tableOf();
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('names the table in an output, for the administrators’ `npm run executions -- show --cloud`', () => {
    // THEN
    const [logicalId] = Object.keys(resourcesOf(data, 'AWS::DynamoDB::Table'));
    data.hasOutput('TableName', { Value: { Ref: logicalId } });
  });

  it('streams new images for the signal relay and is encrypted at rest', () => {
    // THEN
    const table = tableOf().Properties;
    expect(table.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
    expect(table.SSESpecification).toEqual({ SSEEnabled: true });
  });
});

describe('DataStack with customerManagedKey', () => {
  it(
    'encrypts the table with its own rotating KMS key',
    () => {
      // GIVEN the context value customerManagedKey=true
      const { stacks } = synthesizeStacks({ customerManagedKey: true });
      // WHEN
      const template = Template.fromStack(stacks.data);
      // THEN
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        SSESpecification: {
          SSEEnabled: true,
          SSEType: 'KMS',
          KMSMasterKeyId: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
        },
      });
      template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    },
    SYNTH_TIMEOUT_MS,
  );
});
