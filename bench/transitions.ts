/**
 * The lifecycles of bench section 4 alone, for work on the compiled ASL: per lifecycle the ASL
 * states its execution entered, in order, against the budget of the transitions row (2 per model
 * transition + 1 per notify call). `npx tsx bench/transitions.ts`; writes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLocalKey } from '#infra/local/auth.ts';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';
import { loadPrices } from './cost.ts';
import { transitionBudget } from './goals.ts';
import { startMeteredStack } from './meters.ts';
import { measureScenarios } from './scenarios.ts';

const db = await startDynamoDbLocal({ inMemory: true });
const dataDir = mkdtempSync(join(tmpdir(), 'bench-transitions-'));
try {
  const stack = await startMeteredStack({
    dynamoDbEndpoint: db.endpoint,
    tableName: 'bench_metered',
    dataDir,
  });
  try {
    const report = await measureScenarios(stack, await loadLocalKey(dataDir), loadPrices());
    for (const s of report.scenarios) {
      const budget = transitionBudget(s);
      console.log(
        `${s.name}: ${s.stateTransitions} states entered, ${s.modelTransitions} model transitions, ` +
          `${s.taskInvocations.notify ?? 0} notify calls: budget ${budget}${s.stateTransitions <= budget ? '' : ' (OVER)'}`,
      );
      console.log(`  ${s.statesEntered.join(' → ')}`);
    }
  } finally {
    await stack.stop();
  }
} finally {
  await db.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
