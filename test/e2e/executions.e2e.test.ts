/**
 * The administrators' view of the workflow (DESIGN 5: `GET /executions`,
 * `GET /proposals/{id}/execution`), end to end over HTTP on the local stack: each proposal's
 * execution in the embedded engine, its timeline, where it waits, and whether it agrees with the
 * proposal in DynamoDB; for ZIN only.
 */
import { describe, expect, it } from 'vitest';
import { expectStatus, PROBLEM_BASE, type ProblemBody, procedure, useLocalStack } from './support/index.ts';

/** An execution as an administrator reads it (openapi.json, `ExecutionView`). */
interface ExecutionViewBody {
  readonly proposalId: string;
  readonly title: string;
  readonly execution?: { readonly name: string; readonly status: string; readonly executionArn: string };
  readonly chain: readonly string[];
  readonly waiting?: { readonly state: string; readonly until?: string; readonly onTimeout?: string };
  readonly timeline: readonly { readonly at: string; readonly kind: string; readonly detail?: string }[];
  readonly agreement: { readonly verdict: string; readonly lines: readonly string[] };
  readonly consoleUrl?: string;
}

const stack = useLocalStack();
const api = procedure(stack);

/** The execution once the engine has caught up with the proposal (the park task stores its token). */
async function settled(id: string): Promise<ExecutionViewBody> {
  for (let attempt = 0; ; attempt++) {
    const view = expectStatus(
      await stack.as('ZIN').get<ExecutionViewBody>(`/proposals/${id}/execution`),
      200,
    );
    if (view.agreement.verdict === 'in agreement' || attempt === 40) return view;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('the workflow executions, for administrators (DESIGN 5)', () => {
  it('shows a running proposal’s execution parked where the proposal is, in agreement with DynamoDB', async () => {
    const tabled = await api.table({ title: 'Release iWmo 3.3' });
    await api.draft(tabled.id);

    const view = await settled(tabled.id);

    expect(view).toMatchObject({
      proposalId: tabled.id,
      title: 'Release iWmo 3.3',
      execution: { name: tabled.id, status: 'RUNNING' },
      chain: [tabled.id],
      agreement: { verdict: 'in agreement' },
    });
    expect(view.waiting?.state).toMatch(/ready/i);
    // The timeline names the states it went through, oldest first; the local engine has no console.
    const entered = view.timeline.filter((e) => e.kind === 'entered').map((e) => e.detail);
    expect(entered.some((state) => state?.startsWith('Park '))).toBe(true);
    expect(view.timeline.some((e) => e.kind === 'answered')).toBe(true);
    expect(view.consoleUrl).toBeUndefined();
    expect(view.agreement.lines[0]).toContain(tabled.id);
  });

  it('shows a proposal whose decision is in force with its execution succeeded, and lists every execution', async () => {
    const { id, meetingId } = await api.scheduled({ title: 'Plan van aanpak iJw', standards: ['iJw'] });
    await api.consensus(id, 'adopted');
    await api.closeMeeting(meetingId);
    expect((await api.proposal(id)).phase).toBe('closed');

    const done = await settled(id);
    expect(done.execution?.status).toBe('SUCCEEDED');
    expect(done.waiting).toBeUndefined();
    expect(done.timeline.at(-1)?.kind).toBe('execution-succeeded');

    const list = expectStatus(await stack.as('ZIN').get<{ items: ExecutionViewBody[] }>('/executions'), 200);
    const listed = list.items.find((item) => item.proposalId === id);
    expect(listed).toMatchObject({
      execution: { status: 'SUCCEEDED' },
      agreement: { verdict: 'in agreement' },
    });
    expect(list.items.length).toBeGreaterThanOrEqual(2);
  });

  it('is ZIN’s alone, and names an unknown proposal', async () => {
    const byVng = await stack.as('VNG').get<ProblemBody>('/executions');
    expect(expectStatus(byVng, 403).type).toBe(`${PROBLEM_BASE}forbidden`);
    const oneByVng = await stack.as('CAK').get<ProblemBody>('/proposals/p-unknown/execution');
    expect(oneByVng.status).toBe(403);
    const unknown = await stack.as('ZIN').get<ProblemBody>('/proposals/p-unknown/execution');
    expect(expectStatus(unknown, 404).type).toBe(`${PROBLEM_BASE}proposal-not-found`);
  });
});
