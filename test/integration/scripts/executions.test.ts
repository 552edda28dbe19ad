import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalStack, startLocalStack } from '#infra/local/stack.ts';
import { writeStackInfo } from '#infra/local/stack-info.ts';
import { dispatch } from '#shared/dispatch/index.ts';
import { submitProposal } from '#shared/usecases/proposals.ts';
import { DYNAMODB_ENDPOINT_KEY } from '#test/support/dynamodb-endpoint.ts';

const run = promisify(execFile);
const VNG = { party: 'VNG', roles: [] };

let stack: LocalStack;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'executions-cli-'));
  const endpoint = inject(DYNAMODB_ENDPOINT_KEY);
  stack = await startLocalStack({
    port: 0,
    dataDir,
    tableName: `cli-${randomUUID()}`,
    ...(endpoint === undefined ? { inMemory: true } : { dynamoDbEndpoint: endpoint }),
  });
  writeStackInfo(stack, process.pid);
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** `npm run executions -- show <id>`, as an administrator runs it against this stack. */
const show = (subject: string) => executions('show', subject);

/** `npm run executions -- ...args` against this stack. */
async function executions(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/executions.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  return stdout;
}

describe('npm run executions -- show', () => {
  it('shows where the execution waits, and that DynamoDB and the execution agree', async () => {
    const proposal = await submitProposal(
      stack.deps,
      { title: 'Release iWmo 3.3', description: 'Contents', standards: ['iWmo'], kind: 'release' },
      VNG,
    );
    await stack.settle();

    const output = await show(proposal.id);
    expect(output).toContain('status     RUNNING');
    expect(output).toContain('waiting in submitted — no deadline');
    expect(output).toContain('DynamoDB and the execution: in agreement');
    expect(output).toContain(`proposal   ${proposal.id} is in submitted at version 1`);
  }, 30_000);

  it('says what disagrees when the parked token is missing', async () => {
    const proposal = await submitProposal(
      stack.deps,
      { title: 'Release iJw 3.3', description: 'Contents', standards: ['iJw'], kind: 'release' },
      VNG,
    );
    await stack.settle();
    await stack.deps.store.deleteTaskToken(proposal.id, 1);

    const output = await show(proposal.id);
    expect(output).toContain('DynamoDB and the execution: in disagreement');
    expect(output).toContain(
      "meaning    expected a RUNNING execution in 'Park submitted' with a token at v1",
    );
  }, 30_000);

  it('judges a waiting signal by the stack’s clock: catching up at first, stuck after a minute', async () => {
    const proposal = await submitProposal(
      stack.deps,
      { title: 'Release iEb 3.3', description: 'Contents', standards: ['iEb'], kind: 'release' },
      VNG,
    );
    await stack.settle();
    stack.clock.advance(43 * 86_400_000); // a demo moved the clock on
    // The execution's token is lost, so the draft's signal cannot be delivered.
    await stack.deps.store.deleteTaskToken(proposal.id, 1);
    await dispatch(stack.deps, proposal.id, {
      type: 'DRAFT',
      text: 'Worked out.',
      by: { party: 'ZIN', roles: [] },
      at: stack.clock.now().toISOString(),
    });

    const fresh = await show(proposal.id);
    expect(fresh).toContain('DynamoDB and the execution: catching up');
    expect(fresh).toMatch(/signals {4}v1 → ready \(DRAFT, \d s old\)/);
    stack.clock.advance(120_000);
    expect(await show(proposal.id)).toContain('DynamoDB and the execution: stuck');
  }, 30_000);

  // Issue 18 item 8: a table whose columns line up, however long the names.
  it('lists the executions in aligned columns, filtered by status', async () => {
    const proposal = await submitProposal(
      stack.deps,
      { title: 'Release iWmo 3.4', description: 'Contents', standards: ['iWmo'], kind: 'release' },
      VNG,
    );
    await stack.settle();

    const lines = (await executions('list', '--status', 'RUNNING')).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^STATUS {2,}STARTED {2,}NAME \(proposal\)$/);
    const row = lines.find((line) => line.endsWith(proposal.id));
    expect(row).toMatch(/^RUNNING /);
    const nameColumn = lines[0]?.indexOf('NAME') ?? -1;
    // Every name starts in the header's column, right after the blanks that pad the dates.
    for (const line of lines.slice(1)) expect(line.slice(nameColumn - 2, nameColumn + 1)).toMatch(/^ {2}\S$/);
    expect(row?.indexOf(proposal.id)).toBe(nameColumn);
    expect(await executions('list', '--status', 'FAILED')).toBe('no executions\n');
  }, 30_000);
});
