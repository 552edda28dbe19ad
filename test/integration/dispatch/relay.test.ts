import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  createProposal,
  createRelayPasses,
  dispatch,
  parkTaskToken,
  pendingSignals,
  relayPending,
  relayProposal,
  relaySignal,
} from '#shared/dispatch/index.ts';
import { systemClock } from '#shared/ports/clock.ts';
import { tokenItem } from '#shared/store/items.ts';
import { initialTimer } from '#statemachines/compiler/index.ts';
import type { ProposalEvent } from '#statemachines/proposal-lifecycle/index.ts';
import { useDynamoDbLocal } from '../../support/dynamodb.ts';
import { depsFor, MEETING_DATE, openMeeting, RecordingWorkflow, TestClock, ZIN } from './support.ts';

const db = useDynamoDbLocal();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the transition protocol (DESIGN 3.2)', () => {
  it('answers every parked token exactly once when the park task races the dispatch, 200 times in random order', async () => {
    const { store } = await db.freshStore();
    const clock = new TestClock();
    const deps = depsFor(store, clock);
    const workflow = new RecordingWorkflow();
    const relayDeps = { store, workflow, clock: systemClock };
    await openMeeting(store, 'm-1', clock);
    const created = await createProposal(
      deps,
      { proposalId: 'p-race', title: 'Race', description: 'race', standards: ['iJw'], kind: 'other' },
      { party: 'JZN', roles: [] },
    );
    const at = clock.now().toISOString();
    const draft = await dispatch(deps, created.id, { type: 'DRAFT', text: 'x', by: ZIN, at });
    let version = draft.proposal.version;
    let state = draft.proposal.stateKey;
    const orders = { parkFirst: 0, dispatchFirst: 0 };

    for (let i = 0; i < 200; i++) {
      const taskToken = `token-${i}`;
      // Round and round: scheduled, a pause asked for, granted by the chair (footnote 11), again.
      const event: ProposalEvent =
        state === 'ready'
          ? { type: 'SCHEDULE', meetingId: 'm-1', meetingDate: MEETING_DATE, by: ZIN, at }
          : state === 'scheduled'
            ? { type: 'REQUEST_PAUSE', reason: `round ${i}`, by: { party: 'VGN', roles: [] }, at }
            : { type: 'DECIDE_PAUSE', granted: true, by: ZIN, at };
      const parkDelay = Math.random() * 4;
      const dispatchDelay = Math.random() * 4;
      orders[parkDelay < dispatchDelay ? 'parkFirst' : 'dispatchFirst']++;
      const [, moved] = await Promise.all([
        pause(parkDelay).then(() =>
          parkTaskToken(relayDeps, {
            proposalId: created.id,
            version,
            taskToken,
            state,
            executionArn: 'arn:exec',
            parkedAt: at,
          }),
        ),
        pause(dispatchDelay).then(async () => {
          const result = await dispatch(deps, created.id, event);
          await relayProposal(relayDeps, created.id);
          return result;
        }),
      ]);
      await relayPending(relayDeps);
      const answers = workflow.answers.filter((a) => a.taskToken === taskToken);
      expect(answers, `token ${i}`).toHaveLength(1);
      expect(answers[0]?.signal).toMatchObject({
        type: event.type,
        target: moved.proposal.stateKey,
        version: version + 1,
      });
      version = moved.proposal.version;
      state = moved.proposal.stateKey;
    }

    const whole = await store.getProposal(created.id, { consistent: true });
    // No outbox row was written: each transition's audit event carried its signal (issue 16).
    expect(whole?.signals).toEqual([]);
    // Nothing left to relay: the draft's signal (no execution parked in `submitted` in this test)
    // the relay loop settled once the first park came at a later version.
    expect(await relayPending(relayDeps)).toEqual([]);
    // One execution: every start has its name and input. A relayProposal that came before the first
    // park finds no token and sends the start again, since a start may have been lost (nothing is
    // ever lost); Step Functions answers a repeated start of a running execution with the same
    // name and input as a no-op (and `ExecutionAlreadyExists` is taken as started).
    expect(workflow.started.length).toBeGreaterThan(0);
    const expectedStart = {
      name: created.id,
      // With its first park's timer, so that the execution parks without a timer task (issue 16).
      input: {
        proposalId: created.id,
        signal: { type: 'xstate.init', target: 'submitted', version: 1, timer: initialTimer(created.id) },
      },
    };
    for (const start of workflow.started) expect(start).toEqual(expectedStart);
    // The relay leaves a delivered token to the next park, which prunes it (one write less on the
    // request): only the last one can be left, as no execution parks after it in this test.
    expect(whole?.tokens.filter((t) => t.version !== version - 1)).toEqual([]);
    expect(workflow.answers).toHaveLength(200);
    expect(orders.parkFirst).toBeGreaterThan(0);
    expect(orders.dispatchFirst).toBeGreaterThan(0);
  });

  describe('the relay right after a dispatch (issue 15: one read per request)', () => {
    async function parkedDraft() {
      const { store, tableName } = await db.freshStore();
      const clock = new TestClock();
      const deps = depsFor(store, clock);
      const workflow = new RecordingWorkflow();
      const created = await createProposal(
        deps,
        { proposalId: 'p-known', title: 'Known', description: 'k', standards: ['iWmo'], kind: 'other' },
        { party: 'VNG', roles: [] },
      );
      await relayProposal({ store, workflow, clock }, created.id);
      const parked = {
        proposalId: created.id,
        version: created.version,
        taskToken: 'token-read',
        state: 'submitted',
        executionArn: 'arn:exec',
        parkedAt: clock.now().toISOString(),
      };
      expect(await parkTaskToken({ store, workflow, clock }, parked)).toEqual({ parked: true });
      return {
        store,
        tableName,
        deps,
        workflow,
        clock,
        id: created.id,
        at: clock.now().toISOString(),
        parked,
      };
    }

    it('answers the token its read found with the signal it wrote, and leaves nothing to relay', async () => {
      const { store, deps, workflow, clock, id, at } = await parkedDraft();
      const drafted = await dispatch(deps, id, { type: 'DRAFT', text: 'x', by: ZIN, at });
      // The dispatch's one consistent read found the token parked for the state it left.
      expect(drafted.parked?.taskToken).toBe('token-read');
      const record = { proposalId: id, fromVersion: 1, signal: drafted.signal, createdAt: at };

      expect(await relaySignal({ store, workflow, clock }, record, drafted.parked)).toBe('delivered');
      expect(workflow.answers).toEqual([{ taskToken: 'token-read', signal: drafted.signal }]);
      const whole = await store.getProposal(id, { consistent: true });
      expect(whole?.signals).toEqual([]);
      // Settled: the relay loop finds nothing to send again.
      expect((await store.listPendingSignals(10)).records).toEqual([]);
    });

    it('answers the stored token when the one read before the commit was replaced (a successor parked)', async () => {
      const { store, tableName, deps, workflow, clock, id, at, parked } = await parkedDraft();
      const drafted = await dispatch(deps, id, { type: 'DRAFT', text: 'x', by: ZIN, at });
      // The execution that parked 'token-read' ended; its successor parked at the same version.
      await workflow.sendTaskSuccess('token-read', { type: 'rollover', target: 'submitted', version: 1 });
      const successor = tokenItem({ ...parked, taskToken: 'token-successor' });
      await db.documentClient.send(new PutCommand({ TableName: tableName, Item: successor }));
      const record = { proposalId: id, fromVersion: 1, signal: drafted.signal, createdAt: at };

      expect(await relaySignal({ store, workflow, clock }, record, drafted.parked)).toBe('delivered');
      expect(workflow.answers.at(-1)).toEqual({ taskToken: 'token-successor', signal: drafted.signal });
    });
  });

  describe('what a crash between delivery and clean-up leaves', () => {
    async function parkedProposal() {
      const { store } = await db.freshStore();
      const clock = new TestClock();
      const deps = depsFor(store, clock);
      const workflow = new RecordingWorkflow();
      const created = await createProposal(
        deps,
        { proposalId: 'p-crash', title: 'Crash', description: 'crash', standards: ['iWmo'], kind: 'other' },
        { party: 'VNG', roles: [] },
      );
      const park = (version: number, state: string) =>
        parkTaskToken(
          { store, workflow, clock: systemClock },
          {
            proposalId: created.id,
            version,
            taskToken: `token-${version}`,
            state,
            executionArn: 'arn:exec',
            parkedAt: clock.now().toISOString(),
          },
        );
      expect(await relayProposal({ store, workflow, clock: systemClock }, created.id)).toEqual(['started']);
      await park(created.version, 'submitted');
      return { store, deps, workflow, id: created.id, at: clock.now().toISOString(), park };
    }

    it('is pruned by the next park (the dead token) and settled by the relay loop (the listed signal)', async () => {
      const { store, deps, workflow, id, at, park } = await parkedProposal();
      const drafted = await dispatch(deps, id, { type: 'DRAFT', text: 'x', by: ZIN, at });
      // Delivered, then the relay died before deleting anything.
      await workflow.sendTaskSuccess('token-1', drafted.signal);

      expect(await park(drafted.proposal.version, 'ready')).toEqual({ parked: true });
      const whole = await store.getProposal(id, { consistent: true });
      expect(whole?.tokens.map((t) => t.version)).toEqual([drafted.proposal.version]);
      // Still listed: its token is gone, and the execution has parked past it, so it was taken.
      const relayDeps = { store, workflow, clock: systemClock };
      expect(await relayPending(relayDeps)).toEqual(['not-parked']);
      expect(await relayPending(relayDeps)).toEqual([]);
      expect(workflow.answers.filter((a) => a.taskToken === 'token-1')).toHaveLength(1);
    });

    it('leaves a final state its one stale token: it answers nothing, and removing it would cost a write', async () => {
      const { store, deps, workflow, id, at } = await parkedProposal();
      const withdrawn = await dispatch(deps, id, { type: 'WITHDRAW', by: { party: 'VNG', roles: [] }, at });
      expect(withdrawn.proposal.phase).toBe('withdrawn');
      await workflow.sendTaskSuccess('token-1', withdrawn.signal);

      expect(await relayProposal({ store, workflow, clock: systemClock }, id)).toEqual(['gone']);
      const whole = await store.getProposal(id, { consistent: true });
      expect(whole?.signals).toEqual([]);
      // Before issue 16 the relay deleted it with the signal row (2 WRU on every final transition).
      expect(whole?.tokens.map((t) => t.version)).toEqual([1]);
      expect((await store.listPendingSignals(10)).records).toEqual([]);
      // An operator's redrive sends it once more: the used token refuses it, nothing changes.
      expect(await relayProposal({ store, workflow, clock: systemClock }, id)).toEqual(['gone']);
    });

    it('keeps the signal of a gone token in its event, for the deadline task', async () => {
      const { store, deps, workflow, id, at } = await parkedProposal();
      const drafted = await dispatch(deps, id, { type: 'DRAFT', text: 'x', by: ZIN, at });
      await workflow.sendTaskSuccess('token-1', drafted.signal);

      expect(await relayProposal({ store, workflow, clock: systemClock }, id)).toEqual(['gone']);
      expect((await store.getTransitionSignal(id, 1))?.signal).toEqual(drafted.signal);
      expect((await store.listPendingSignals(10)).records).toEqual([]);
    });
  });

  it('finds what an execution waits for from its tokens, and a start never parked even after the proposal moved on', async () => {
    const { store } = await db.freshStore();
    const clock = new TestClock();
    const deps = depsFor(store, clock);
    const workflow = new RecordingWorkflow();
    const relayDeps = { store, workflow, clock: systemClock };
    const created = await createProposal(
      deps,
      { proposalId: 'p-derive', title: 'Derive', description: 'd', standards: ['iWmo'], kind: 'other' },
      { party: 'VNG', roles: [] },
    );
    // At its first version with nothing parked: the start may never have gone out.
    expect((await pendingSignals(relayDeps, created.id)).map((s) => s.fromVersion)).toEqual([0]);
    const at = clock.now().toISOString();
    await dispatch(deps, created.id, { type: 'DRAFT', text: 'x', by: ZIN, at });
    // Beyond it with nothing parked: the execution has never parked, so its start may have been
    // lost and is still pending (nothing is ever lost; a repeated start is a no-op, and a started
    // execution catches up on the draft through its park task).
    expect((await pendingSignals(relayDeps, created.id)).map((s) => s.fromVersion)).toEqual([0]);
    await parkTaskToken(relayDeps, {
      proposalId: created.id,
      version: 2,
      taskToken: 'token-2',
      state: 'ready',
      executionArn: 'arn:exec',
      parkedAt: at,
    });
    await dispatch(deps, created.id, { type: 'WITHDRAW', by: { party: 'VNG', roles: [] }, at });
    // Parked at 2, the proposal at 3: the withdrawal's signal, from the event at version 3.
    const pending = await pendingSignals(relayDeps, created.id);
    expect(pending.map((s) => [s.fromVersion, s.signal.target])).toEqual([[2, 'withdrawn']]);
  });

  it('finds no start for a proposal in a final phase that never parked (an older version deleted its token)', async () => {
    const { store } = await db.freshStore();
    const clock = new TestClock();
    const deps = depsFor(store, clock);
    const relayDeps = { store, workflow: new RecordingWorkflow(), clock: systemClock };
    const created = await createProposal(
      deps,
      { proposalId: 'p-final', title: 'Final', description: 'd', standards: ['iWmo'], kind: 'other' },
      { party: 'VNG', roles: [] },
    );
    await dispatch(deps, created.id, {
      type: 'WITHDRAW',
      by: { party: 'VNG', roles: [] },
      at: clock.now().toISOString(),
    });
    // Withdrawn: final, its execution has nothing left to do, so nothing is started again.
    expect(await pendingSignals(relayDeps, created.id)).toEqual([]);
  });

  it('goes round every pending signal, page by page, so signals that cannot be delivered hide none', async () => {
    const { store } = await db.freshStore();
    const clock = new TestClock();
    const deps = depsFor(store, clock);
    const workflow = new RecordingWorkflow();
    const relayDeps = { store, workflow, clock: systemClock };
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      const created = await createProposal(
        deps,
        { proposalId: `p-${name}`, title: name, description: name, standards: ['iWmo'], kind: 'other' },
        { party: 'VNG', roles: [] },
      );
      await relayProposal(relayDeps, created.id); // started
      ids.push(created.id);
    }
    // Only the newest proposal's execution is parked; the older two never will be (say, stopped).
    await parkTaskToken(relayDeps, {
      proposalId: 'p-c',
      version: 1,
      taskToken: 'token-c',
      state: 'submitted',
      executionArn: 'arn:exec',
      parkedAt: clock.now().toISOString(),
    });
    for (const id of ids) {
      clock.advanceMs(1000);
      await dispatch(deps, id, { type: 'DRAFT', text: 'x', by: ZIN, at: clock.now().toISOString() });
    }

    const pass = createRelayPasses(relayDeps, 2);
    expect(await pass()).toEqual(['not-parked', 'not-parked']);
    expect(await pass()).toEqual(['delivered']);
    expect(workflow.answers.map((a) => a.taskToken)).toEqual(['token-c']);
    expect(await pass()).toEqual(['not-parked', 'not-parked']); // round again from the start
  });
});
