// The key under which a vitest globalSetup shares one DynamoDB Local with every test file.
// See test/support/dynamodb-global-setup.ts; without it each file starts its own instance.

/** Name of the provided value holding the shared DynamoDB Local's endpoint. */
export const DYNAMODB_ENDPOINT_KEY = 'dynamoDbLocalEndpoint';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Endpoint of the DynamoDB Local started by the global setup, when configured. */
    dynamoDbLocalEndpoint: string | undefined;
  }
}
