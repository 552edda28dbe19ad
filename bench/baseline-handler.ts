/**
 * The baseline of the handler ratios: a Lambda entry point that needs the DynamoDB and Step
 * Functions clients every real handler needs, bundled with the same options. Like the handlers
 * (functions/composition/) it creates them on its first invocation, and that invocation makes one
 * GetItem: the cold request of an entry point that does nothing but its first DynamoDB call.
 * A handler at 1.0× costs nothing beyond the AWS SDK clients and that call.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';

let clients: { dynamodb: DynamoDBClient; sfn: SFNClient } | undefined;

export const handler = async (): Promise<{ statusCode: number; body: string }> => {
  clients ??= { dynamodb: new DynamoDBClient({}), sfn: new SFNClient({}) };
  const item = await clients.dynamodb.send(
    new GetItemCommand({
      TableName: process.env.TABLE_NAME,
      Key: { pk: { S: 'baseline' }, sk: { S: 'baseline' } },
    }),
  );
  return { statusCode: 200, body: JSON.stringify({ found: item.Item !== undefined }) };
};
