import { describe, expect, it } from 'vitest';
import {
  ConcurrentUpdateError,
  CovenantRuleError,
  castVote,
  closeVote,
  createProposal,
  DeadlineNotReachedError,
  dispatch,
  EventNotPossibleError,
  ForbiddenEventError,
  onDeadline,
} from '#shared/dispatch/index.ts';
import { OpenProposalCountError, VotingClosedError } from '#shared/ports/store-errors.ts';
import { useDynamoDbLocal } from '../../support/dynamodb.ts';
import { depsFor, MEETING_DATE, openMeeting, TestClock, VOTING, ZIN } from './support.ts';

const db = useDynamoDbLocal();

async function scheduledProposal(
  implementationDate?: string,
  kind: 'release' | 'implementation' = 'release',
) {
  const { store } = await db.freshStore();
  const clock = new TestClock();
  const deps = depsFor(store, clock);
  await openMeeting(store, 'm-1', clock);
  const proposal = await createProposal(
    deps,
    {
      proposalId: 'p-1',
      title: 'Release iWmo 3.3',
      description: 'Contents of 3.3',
      standards: ['iWmo'],
      kind,
      ...(implementationDate ? { implementationDate } : {}),
    },
    { party: 'VNG', roles: [] },
  );
  const at = clock.now().toISOString();
  await dispatch(deps, proposal.id, { type: 'DRAFT', text: 'worked out', by: ZIN, at });
  await dispatch(deps, proposal.id, {
    type: 'SCHEDULE',
    meetingId: 'm-1',
    meetingDate: MEETING_DATE,
    by: ZIN,
    at,
  });
  return { store, clock, deps, id: proposal.id };
}

async function decidedByVote(implementationDate?: string, kind: 'release' | 'implementation' = 'release') {
  const ctx = await scheduledProposal(implementationDate, kind);
  const at = ctx.clock.now().toISOString();
  await dispatch(ctx.deps, ctx.id, {
    type: 'OPEN_VOTE',
    meetingId: 'm-1',
    meetingDate: MEETING_DATE,
    present: VOTING,
    by: ZIN,
    at,
  });
  for (const party of VOTING) {
    await castVote(ctx.deps, ctx.id, { party, roles: [] }, party, {
      choice: party === 'CAK' ? 'against' : 'for',
    });
  }
  const result = await closeVote(ctx.deps, ctx.id, ZIN, {});
  return { ...ctx, result };
}

describe('dispatch', () => {
  it('takes a proposal from agenda item to a decision by vote, with tally, audit trail and register entry', async () => {
    const { store, id, result } = await decidedByVote();
    expect(result.proposal).toMatchObject({ phase: 'decided', stateKey: 'decided', version: 5 });
    expect(result.context.decision).toMatchObject({ outcome: 'adopted', via: 'vote', meetingId: 'm-1' });
    const whole = await store.getProposal(id, { consistent: true });
    expect(whole?.events.map((e) => e.type)).toEqual([
      'SUBMIT',
      'DRAFT',
      'SCHEDULE',
      'OPEN_VOTE',
      'CLOSE_VOTE',
    ]);
    expect(whole?.rounds[0]).toMatchObject({
      status: 'closed',
      tally: { for: 12, against: 6, outcome: 'adopted' },
    });
    expect(whole?.decision).toMatchObject({ outcome: 'adopted', via: 'vote', inForce: false });
    // Each transition's signal rides in its audit event, no outbox row (issue 16).
    expect(whole?.signals).toEqual([]);
    const carried = await Promise.all([0, 1, 2, 3, 4].map((from) => store.getTransitionSignal(id, from)));
    expect(carried.map((s) => s?.signal.target)).toEqual([
      'submitted',
      'ready',
      'scheduled',
      'voting',
      'decided',
    ]);
    expect((await store.getMeeting('m-1'))?.agenda.map((a) => a.proposalId)).toEqual([id]);
  });

  it('refuses a vote after the vote is closed (art. 6.9)', async () => {
    const { deps, id } = await decidedByVote();
    await expect(
      castVote(deps, id, { party: 'VNG', roles: [] }, 'VNG', { choice: 'against' }),
    ).rejects.toBeInstanceOf(EventNotPossibleError);
    await expect(
      deps.store.castVote(id, 1, 'VNG', { choice: 'against', at: '2027-02-17T10:00:00.000Z' }),
    ).rejects.toBeInstanceOf(VotingClosedError);
  });

  it('refuses an event the state does not accept, naming the state and what is possible', async () => {
    const { deps, id, clock } = await scheduledProposal();
    const at = clock.now().toISOString();
    const refusal = dispatch(deps, id, {
      type: 'SUBMIT_NOTE',
      motive: 'x',
      requestedDecision: 'y',
      by: ZIN,
      at,
    });
    await expect(refusal).rejects.toMatchObject({
      name: 'EventNotPossibleError',
      state: 'scheduled',
      // art. 7.1: an objection in writing before the meeting; footnote 11: a pause is asked for.
      possible: ['CONSENSUS', 'OBJECT', 'OPEN_VOTE', 'REQUEST_PAUSE', 'SCHEDULE', 'WITHDRAW'],
    });
  });

  it('refuses a vote without quorum with the absent parties, and a pause by VNG as forbidden', async () => {
    const { deps, id, clock } = await scheduledProposal();
    const at = clock.now().toISOString();
    const present = VOTING.filter((p) => p !== 'GGZ');
    const noQuorum = dispatch(deps, id, {
      type: 'OPEN_VOTE',
      meetingId: 'm-1',
      meetingDate: MEETING_DATE,
      present,
      by: ZIN,
      at,
    });
    await expect(noQuorum).rejects.toMatchObject({
      name: 'CovenantRuleError',
      rule: 'attendance-quorum',
      article: '6.9',
      details: { absent: ['GGZ'] },
    });
    await expect(
      dispatch(deps, id, { type: 'REQUEST_PAUSE', reason: 'x', by: { party: 'VNG', roles: [] }, at }),
    ).rejects.toBeInstanceOf(ForbiddenEventError);
  });

  it('refuses an objection after the meeting closed, in covenant terms (art. 7.2)', async () => {
    const { deps, store, id, clock } = await decidedByVote();
    await store.closeMeeting('m-1', clock.now().toISOString());
    const objection = dispatch(deps, id, {
      type: 'OBJECT',
      reason: 'x',
      by: { party: 'CAK', roles: [] },
      at: clock.now().toISOString(),
    });
    await expect(objection).rejects.toMatchObject({
      name: 'CovenantRuleError',
      rule: 'objection-window',
      article: '7.2',
    });
  });

  it('counts a ballot changed after the proposal and its round were read: the close retries on a fresh read (art. 6.8)', async () => {
    const { deps, store, id, clock } = await scheduledProposal();
    const at = clock.now().toISOString();
    await dispatch(deps, id, {
      type: 'OPEN_VOTE',
      meetingId: 'm-1',
      meetingDate: MEETING_DATE,
      present: VOTING,
      by: ZIN,
      at,
    });
    for (const party of VOTING) {
      await castVote(deps, id, { party, roles: [] }, party, { choice: party === 'VNG' ? 'against' : 'for' });
    }
    // The close's read (one Query: the proposal with its round) is taken before VNG changes its vote.
    const stale = await store.getProposalItem(id, { consistent: true });
    expect(stale?.latestRound?.ballots.VNG?.choice).toBe('against');
    await castVote(deps, id, { party: 'VNG', roles: [] }, 'VNG', { choice: 'for' });
    let served = false;
    const staleFirst = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'getProposalItem' && !served) {
          served = true;
          return async () => stale;
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });

    await closeVote({ ...deps, store: staleFirst }, id, ZIN, {});
    expect(served).toBe(true);
    const whole = await store.getProposal(id, { consistent: true });
    expect(whole?.rounds[0]?.tally).toMatchObject({ for: 18, against: 0, outcome: 'adopted' });
  });

  it('lets an objection lapse at its six-week deadline and not a day earlier (art. 7.3)', async () => {
    const { deps, store, id, clock } = await decidedByVote();
    const objected = await dispatch(deps, id, {
      type: 'OBJECT',
      reason: 'too early',
      by: { party: 'CAK', roles: [] },
      at: clock.now().toISOString(),
    });
    expect(objected.signal).toMatchObject({
      target: 'objection.inGroup.awaitingArguments',
      timeoutSeconds: expect.any(Number),
    });
    expect(await store.listDeadlines()).toMatchObject([
      { proposalId: id, kind: 'arguments', party: 'CAK', due: '2027-03-31T21:59:59.999Z' },
    ]);
    // art. 7.2: the chair closes the meeting; the decision comes into force once no objection stands.
    const closed = await dispatch(deps, id, {
      type: 'MEETING_CLOSED',
      meetingId: 'm-1',
      by: ZIN,
      at: clock.now().toISOString(),
    });
    const input = {
      proposalId: id,
      state: 'objection.inGroup.awaitingArguments',
      version: closed.proposal.version,
      event: 'xstate.after.argumentsDeadline.proposal.objection.inGroup.awaitingArguments' as const,
    };

    // The execution parked in awaitingArguments; its task times out, so its token is dead.
    await store.storeTaskToken({
      proposalId: id,
      version: input.version,
      taskToken: 'token-arguments',
      state: input.state,
      executionArn: 'arn:exec',
      parkedAt: clock.now().toISOString(),
    });
    clock.advanceDays(41);
    await expect(
      dispatch(deps, id, { type: input.event }, { atVersion: input.version }),
    ).rejects.toBeInstanceOf(DeadlineNotReachedError);
    const early = await onDeadline(deps, input);
    expect(early).toMatchObject({ type: 'xstate.repark', target: input.state, version: input.version });
    expect(early.timeoutSeconds).toBeGreaterThan(0);

    clock.advanceDays(2);
    const lapsed = await onDeadline(deps, input);
    expect(lapsed).toMatchObject({
      target: 'objectionLapsed',
      version: input.version + 1,
      timeoutSeconds: 0,
    });
    const whole = await store.getProposal(id, { consistent: true });
    expect(whole?.proposal.phase).toBe('closed');
    expect(whole?.decision).toMatchObject({ outcome: 'adopted', inForce: true, objection: 'lapsed' });
    expect(whole?.deadline).toBeUndefined();
    expect(whole?.signals.find((s) => s.fromVersion === input.version)).toBeUndefined();
    expect(whole?.tokens).toEqual([]);
    // Into a final state the task writes no signal row at all (issue 16: the deadline's calls): a
    // retry of the task, had it died before answering, catches up with that same final state.
    await expect(onDeadline(deps, input)).resolves.toMatchObject({
      target: 'objectionLapsed',
      version: input.version + 1,
    });
  });

  it('lets a human event that beats the deadline win, and tells the deadline task what won', async () => {
    const { deps, id, clock } = await decidedByVote();
    const objector = { party: 'CAK', roles: [] };
    const objected = await dispatch(deps, id, {
      type: 'OBJECT',
      reason: 'x',
      by: objector,
      at: clock.now().toISOString(),
    });
    clock.advanceDays(41);
    await dispatch(deps, id, {
      type: 'SUBMIT_ARGUMENTS',
      arguments: 'a',
      alternativeProposal: 'b',
      by: objector,
      at: clock.now().toISOString(),
    });
    clock.advanceDays(3); // the timer fires after the due moment; the arguments came before it
    const answer = await onDeadline(deps, {
      proposalId: id,
      state: 'objection.inGroup.awaitingArguments',
      version: objected.proposal.version,
      event: 'xstate.after.argumentsDeadline.proposal.objection.inGroup.awaitingArguments',
    });
    expect(answer).toMatchObject({ type: 'SUBMIT_ARGUMENTS', target: 'objection.inGroup.reconsideration' });
  });

  it('lets exactly one of 50 concurrent conflicting events win; the audit trail has it once', async () => {
    const { deps, store, id, clock } = await scheduledProposal();
    const at = clock.now().toISOString();
    const events = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0
        ? ({ type: 'CONSENSUS', outcome: i % 4 === 0 ? 'adopted' : 'rejected', by: ZIN, at } as const)
        : ({ type: 'REQUEST_PAUSE', reason: `pause ${i}`, by: { party: 'ACTIZ', roles: [] }, at } as const),
    );
    const results = await Promise.allSettled(events.map((e) => dispatch(deps, id, e)));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected')
        expect(r.reason instanceof EventNotPossibleError || r.reason instanceof ConcurrentUpdateError).toBe(
          true,
        );
    }
    const trail = await store.listEvents(id);
    expect(trail).toHaveLength(4);
    expect(trail.map((e) => e.version)).toEqual([1, 2, 3, 4]);
  });

  it('refuses an objection to an implementation in the month before the agreed date in the release calendar (art. 7.4, DESIGN 2.4)', async () => {
    const { deps, id, clock } = await decidedByVote(undefined, 'implementation');
    const objection = dispatch(deps, id, {
      type: 'OBJECT',
      reason: 'x',
      calendar: [{ standard: 'iWmo', version: '3.3', implementationDate: '2027-03-01' }],
      by: { party: 'CAK', roles: [] },
      at: clock.now().toISOString(),
    });
    await expect(objection).rejects.toBeInstanceOf(CovenantRuleError);
    await expect(objection).rejects.toMatchObject({
      rule: 'objection-blackout',
      details: { implementationDate: '2027-03-01', version: '3.3' },
    });
  });

  it('lets a date typed into the proposal itself shut out no objection: only the calendar is agreed (DESIGN 2.4)', async () => {
    const { deps, id, clock } = await decidedByVote('2027-03-01', 'implementation');
    const objected = await dispatch(deps, id, {
      type: 'OBJECT',
      reason: 'x',
      calendar: [],
      by: { party: 'CAK', roles: [] },
      at: clock.now().toISOString(),
    });
    expect(objected.context.objections.map((o) => o.by)).toEqual(['CAK']);
  });

  it('keeps the reconsideration deadline listed, overdue, until the reconsideration ends (art. 7.4)', async () => {
    const { deps, store, id, clock } = await decidedByVote();
    const objector = { party: 'CAK', roles: [] };
    await dispatch(deps, id, { type: 'OBJECT', reason: 'x', by: objector, at: clock.now().toISOString() });
    const argued = await dispatch(deps, id, {
      type: 'SUBMIT_ARGUMENTS',
      arguments: 'a',
      alternativeProposal: 'b',
      by: objector,
      at: clock.now().toISOString(),
    });
    expect(await store.listDeadlines()).toMatchObject([{ proposalId: id, kind: 'reconsideration' }]);
    clock.advanceDays(8);
    const overdue = await onDeadline(deps, {
      proposalId: id,
      state: 'objection.inGroup.reconsideration',
      version: argued.proposal.version,
      event: 'xstate.after.reconsiderationDeadline.proposal.objection.inGroup.reconsideration',
    });
    expect(overdue.target).toBe('objection.inGroup.reconsiderationOverdue');
    expect(await store.listDeadlines()).toMatchObject([
      { proposalId: id, kind: 'reconsideration', state: 'objection.inGroup.reconsiderationOverdue' },
    ]);
    await dispatch(deps, id, { type: 'NO_DECISION', by: ZIN, at: clock.now().toISOString() });
    expect(await store.listDeadlines()).toEqual([]);
  });

  it("keeps a rescheduled proposal on the agenda of its earlier meeting, for that meeting's minutes", async () => {
    const { deps, store, id, clock } = await scheduledProposal();
    await store.putMeeting({
      id: 'm-2',
      date: '2027-03-17',
      status: 'open',
      present: [],
      createdAt: clock.now().toISOString(),
    });
    await dispatch(deps, id, {
      type: 'REQUEST_PAUSE',
      reason: 'providers first',
      by: { party: 'GGZ', roles: [] },
      at: clock.now().toISOString(),
    });
    // footnote 11: the chair grants the pause; the item goes back to be rescheduled.
    await dispatch(deps, id, { type: 'DECIDE_PAUSE', granted: true, by: ZIN, at: clock.now().toISOString() });
    await dispatch(deps, id, {
      type: 'SCHEDULE',
      meetingId: 'm-2',
      meetingDate: '2027-03-17',
      by: ZIN,
      at: clock.now().toISOString(),
    });
    expect((await store.getMeeting('m-1'))?.agenda.map((a) => a.proposalId)).toEqual([id]);
    expect((await store.getMeeting('m-2'))?.agenda.map((a) => a.proposalId)).toEqual([id]);
  });

  it('refuses arguments after their deadline even before its timer fired; only the deadline event lapses the objection (art. 7.3)', async () => {
    const { deps, store, id, clock } = await decidedByVote();
    const objector = { party: 'CAK', roles: [] };
    await dispatch(deps, id, { type: 'OBJECT', reason: 'x', by: objector, at: clock.now().toISOString() });
    await dispatch(deps, id, {
      type: 'MEETING_CLOSED',
      meetingId: 'm-1',
      by: ZIN,
      at: clock.now().toISOString(),
    });
    clock.advanceDays(43);
    const late = dispatch(deps, id, {
      type: 'SUBMIT_ARGUMENTS',
      arguments: 'a',
      alternativeProposal: 'b',
      by: objector,
      at: clock.now().toISOString(),
    });
    await expect(late).rejects.toMatchObject({
      name: 'CovenantRuleError',
      rule: 'deadline-passed',
      article: '7.3',
      details: { deadline: 'arguments' },
    });
    // dispatch decides no deadline on the side (DESIGN 3.2 step 3): the proposal waits for the timer
    const waiting = await store.getProposal(id, { consistent: true });
    expect(waiting?.proposal.stateKey).toBe('objection.inGroup.awaitingArguments');
    expect(waiting?.events.map((e) => e.type).slice(-2)).toEqual(['OBJECT', 'MEETING_CLOSED']);
    const deadline = 'xstate.after.argumentsDeadline.proposal.objection.inGroup.awaitingArguments' as const;
    const lapsed = await dispatch(deps, id, { type: deadline });
    expect(lapsed.proposal.stateKey).toBe('objectionLapsed');
  });

  it('refuses the withdrawal of an objection whose arguments deadline passed before its timer fired (art. 7.3)', async () => {
    const { deps, id, clock } = await decidedByVote();
    const objector = { party: 'CAK', roles: [] };
    await dispatch(deps, id, { type: 'OBJECT', reason: 'x', by: objector, at: clock.now().toISOString() });
    clock.advanceDays(43);
    const late = dispatch(deps, id, {
      type: 'WITHDRAW_OBJECTION',
      by: objector,
      at: clock.now().toISOString(),
    });
    await expect(late).rejects.toMatchObject({ name: 'CovenantRuleError', rule: 'deadline-passed' });
  });

  it('lets an event act after a reminder deadline whose timer has not fired: the reminder only reminds (art. 7.4)', async () => {
    const { deps, store, id, clock } = await decidedByVote();
    const objector = { party: 'CAK', roles: [] };
    await dispatch(deps, id, { type: 'OBJECT', reason: 'x', by: objector, at: clock.now().toISOString() });
    await dispatch(deps, id, {
      type: 'SUBMIT_ARGUMENTS',
      arguments: 'a',
      alternativeProposal: 'b',
      by: objector,
      at: clock.now().toISOString(),
    });
    clock.advanceDays(9);
    const decided = await dispatch(deps, id, {
      type: 'CONSENSUS',
      outcome: 'rejected',
      by: ZIN,
      at: clock.now().toISOString(),
    });
    expect(decided.proposal.stateKey).toBe('rejectedOnReconsideration');
    const trail = (await store.listEvents(id)).map((e) => e.toState);
    // art. 7.4: the week's end only reminds; dispatch does not fire it on the side (DESIGN 3.2 step 3),
    // so the decision follows the reconsideration itself, and the late timer finds nothing to do.
    expect(trail.slice(-2)).toEqual(['objection.inGroup.reconsideration', 'rejectedOnReconsideration']);
  });
});

describe('the cap on a party’s open proposals (issue 17, row 4), counted in the creation’s transaction', () => {
  const item = (i: number) => ({
    proposalId: `p-cap-${i}`,
    title: `Item ${i}`,
    description: 'cap',
    standards: ['iJw'] as const,
    kind: 'other' as const,
  });

  it('lets exactly `limit` of 10 simultaneous submissions of one party through, and no other party is affected', async () => {
    const { store } = await db.freshStore();
    const deps = depsFor(store, new TestClock());
    const vgn = { party: 'VGN', roles: [] };
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => createProposal(deps, item(i), vgn, { openLimit: 3 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason);
    expect(refused).toHaveLength(7);
    for (const reason of refused) expect(reason).toEqual(new OpenProposalCountError('VGN', 3));
    await expect(
      createProposal(deps, item(20), { party: 'GGZ', roles: [] }, { openLimit: 3 }),
    ).resolves.toMatchObject({
      submittedBy: 'GGZ',
    });
  });

  it('makes room when a counted proposal ends (withdrawn), not when it merely moves on', async () => {
    const { store } = await db.freshStore();
    const clock = new TestClock();
    const deps = depsFor(store, clock);
    const vgn = { party: 'VGN', roles: [] };
    const first = await createProposal(deps, item(1), vgn, { openLimit: 1 });
    const at = clock.now().toISOString();
    await dispatch(deps, first.id, { type: 'DRAFT', text: 'worked out', by: ZIN, at });
    await expect(createProposal(deps, item(2), vgn, { openLimit: 1 })).rejects.toBeInstanceOf(
      OpenProposalCountError,
    );

    await dispatch(deps, first.id, { type: 'WITHDRAW', by: vgn, at });
    await expect(createProposal(deps, item(2), vgn, { openLimit: 1 })).resolves.toMatchObject({
      countsAsOpen: true,
    });
  });
});
