/** AWS SDK clients for the local stand-ins (any credentials do; the region is fixed). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const LOCAL = {
  region: 'eu-west-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
} as const;

/** Clients talking to a DynamoDB Local at `endpoint`. */
export function localClients(endpoint: string) {
  const client = new DynamoDBClient({ ...LOCAL, endpoint });
  return { client, documentClient: DynamoDBDocumentClient.from(client) };
}

export const localCredentials = LOCAL;
