/**
 * The local stack in a process of its own, so that the load generator does not share its event
 * loop: `startLocalStack` on a DynamoDB Local the bench started, answering on 127.0.0.1. Prints one
 * JSON line (`{"port": N}`) when it answers; stops on SIGTERM, or when its parent goes away
 * (standard input closes).
 */
import { startLocalStack } from '#infra/local/stack.ts';

const { BENCH_DATA_DIR, BENCH_DYNAMODB_ENDPOINT, BENCH_TABLE } = process.env;
if (!BENCH_DATA_DIR || !BENCH_DYNAMODB_ENDPOINT || !BENCH_TABLE) {
  throw new Error('stack-child needs BENCH_DATA_DIR, BENCH_DYNAMODB_ENDPOINT and BENCH_TABLE');
}
const stack = await startLocalStack({
  port: 0,
  dataDir: BENCH_DATA_DIR,
  dynamoDbEndpoint: BENCH_DYNAMODB_ENDPOINT,
  tableName: BENCH_TABLE,
  logLevel: 'ERROR',
  // The load test sends hundreds of requests a second per party on purpose.
  rateLimit: false,
});
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  stack.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
process.stdout.write(`${JSON.stringify({ port: stack.port })}\n`);
