// A process that starts DynamoDB Local, prints the java PID and waits to be killed: lets a test
// check that the JVM does not outlive a parent killed with SIGKILL.
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';

const instance = await startDynamoDbLocal({ inMemory: true });
process.stdout.write(`${instance.pid}\n`);
setInterval(() => undefined, 60_000);
