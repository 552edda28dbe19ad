/**
 * The baseline of the handler ratios: a Lambda entry point that does nothing but create the
 * DynamoDB and Step Functions clients every real handler needs, bundled with the same options.
 * A handler at 1.0× costs nothing beyond the AWS SDK clients themselves.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';

const dynamodb = new DynamoDBClient({});
const sfn = new SFNClient({});

export const handler = async (): Promise<{ statusCode: number; body: string }> => ({
  statusCode: 200,
  body: JSON.stringify({ clients: [dynamodb.constructor.name, sfn.constructor.name] }),
});
