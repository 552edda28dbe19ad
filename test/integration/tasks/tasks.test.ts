import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, describe, expect, it } from 'vitest';
import { createDeadlineHandler } from '#functions/tasks/deadline.ts';
import { createNotifyHandler } from '#functions/tasks/notify.ts';
import { createParkHandler } from '#functions/tasks/park.ts';
import { createRelayHandler } from '#functions/tasks/relay.ts';
import { createProposal, dispatch } from '#shared/dispatch/index.ts';
import { listOutbox, OutboxMailer } from '#shared/mail/outbox-mailer.ts';
import { systemClock } from '#shared/ports/clock.ts';
import type { OutgoingMessage } from '#shared/ports/mailer.ts';
import { eventKey } from '#shared/store/keys.ts';
import { notify as notifyAction } from '#statemachines/proposal-lifecycle/notifications.ts';
import { useDynamoDbLocal } from '../../support/dynamodb.ts';
import {
  depsFor,
  MEETING_DATE,
  openMeeting,
  RecordingWorkflow,
  register,
  TestClock,
  ZIN,
} from '../dispatch/support.ts';

const db = useDynamoDbLocal();
const outbox = mkdtempSync(join(tmpdir(), 'outbox-'));
afterAll(() => rmSync(outbox, { recursive: true, force: true }));

async function decidedByConsensus() {
  const { store } = await db.freshStore();
  const clock = new TestClock();
  const deps = depsFor(store, clock);
  await openMeeting(store, 'm-1', clock);
  const p = await createProposal(
    deps,
    {
      proposalId: `p-${Math.random().toString(36).slice(2)}`,
      title: 'Plan iEb',
      description: 'plan',
      standards: ['iEb'],
      kind: 'plan-of-approach',
    },
    { party: 'CAK', roles: [] },
  );
  const at = clock.now().toISOString();
  await dispatch(deps, p.id, { type: 'DRAFT', text: 'x', by: ZIN, at });
  await dispatch(deps, p.id, { type: 'SCHEDULE', meetingId: 'm-1', meetingDate: MEETING_DATE, by: ZIN, at });
  const decided = await dispatch(deps, p.id, { type: 'CONSENSUS', outcome: 'adopted', by: ZIN, at });
  return { store, clock, deps, id: p.id, decided };
}

describe('workflow tasks', () => {
  it('notify sends the step e-mail to the Ketenpartijen and the chair, the other members in Cc, once per step and version', async () => {
    const { store, clock, deps, id, decided } = await decidedByConsensus();
    const notify = createNotifyHandler({
      store,
      deliveries: store,
      mailer: new OutboxMailer({ dir: outbox, clock }),
      register,
      machine: deps.machine,
      clock,
      mailFrom: 'besluitvorming@zorginstituut.example',
      webBaseUrl: 'http://localhost:3000',
    });
    const payload = {
      proposalId: id,
      state: 'decided',
      version: decided.proposal.version,
      action: 'notify',
      params: notifyAction('decision-taken').params,
    };
    const first = await notify(payload);
    const again = await notify(payload);
    expect(again.messageId).toBe(first.messageId);
    const sent = (await listOutbox(outbox)).filter((m) => m.proposalId === id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ step: 'decision-taken' });
    // DESIGN 2.3: who may act (object, close the meeting) in To, the other members informed; VWS not at all.
    const of = (ids: (id: string, votes: number) => boolean) =>
      register.parties
        .filter((p) => ids(p.id, p.votes))
        .flatMap((p) => p.representatives.map((r) => r.email));
    const chair = 'voorzitter.stuurgroep@zorginstituutnederland.example';
    expect(sent[0]?.to).toEqual([...of((_, votes) => votes > 0), chair]);
    expect(sent[0]?.cc).toEqual([
      'secretariaat.stuurgroep@zorginstituutnederland.example',
      ...of((id) => id === 'KBSD'),
    ]);
    expect(readdirSync(outbox).filter((f) => f.endsWith('.eml')).length).toBeGreaterThanOrEqual(1);
  });

  it('notify refuses an action the model does not have', async () => {
    const { store, clock, deps, id } = await decidedByConsensus();
    const notify = createNotifyHandler({
      store,
      deliveries: store,
      mailer: new OutboxMailer({ dir: outbox, clock }),
      register,
      machine: deps.machine,
      clock,
      mailFrom: 'x@y.example',
      webBaseUrl: 'http://localhost',
    });
    await expect(
      notify({
        proposalId: id,
        state: 'decided',
        version: 4,
        action: 'notify',
        params: { step: 'lunch', to: [] },
      }),
    ).rejects.toThrow(TypeError);
  });

  it('park stores the token while the proposal stays; answers itself when it moved on', async () => {
    const { store, clock, id, decided } = await decidedByConsensus();
    const workflow = new RecordingWorkflow();
    const park = createParkHandler({ store, workflow, clock });
    const v = decided.proposal.version;
    await expect(
      park({
        taskToken: 't-late',
        proposalId: id,
        state: 'scheduled',
        version: v - 1,
        executionArn: 'arn:e',
      }),
    ).resolves.toMatchObject({
      parked: false,
      answer: { type: 'CONSENSUS', target: 'decided', version: v },
    });
    await expect(
      park({ taskToken: 't-stay', proposalId: id, state: 'decided', version: v, executionArn: 'arn:e' }),
    ).resolves.toEqual({ parked: true });
    expect(await store.getTaskToken(id, v)).toMatchObject({ taskToken: 't-stay' });
    expect(workflow.answers).toEqual([{ taskToken: 't-late', signal: decided.signal }]);
  });

  it('deadline asks to park again when the timer fired early, and refuses a payload that is no deadline', async () => {
    const { clock, deps, id } = await decidedByConsensus();
    const objected = await dispatch(deps, id, {
      type: 'OBJECT',
      reason: 'x',
      by: { party: 'VNG', roles: [] },
      at: clock.now().toISOString(),
    });
    const deadline = createDeadlineHandler(deps);
    const input = {
      proposalId: id,
      state: 'objection.inGroup.awaitingArguments',
      version: objected.proposal.version,
      event: 'xstate.after.argumentsDeadline.proposal.objection.inGroup.awaitingArguments',
    };
    await expect(deadline(input)).resolves.toMatchObject({ type: 'xstate.repark', target: input.state });
    await expect(deadline({ ...input, event: 'OBJECT' })).rejects.toThrow(TypeError);
  });

  it('deadline hands the state its lapse entered on to the e-mail: the same message as from a fresh read, and no read', async () => {
    // GIVEN an objection whose 6-week arguments deadline (art. 7.3) has passed
    const { store, clock, deps, id } = await decidedByConsensus();
    const objected = await dispatch(deps, id, {
      type: 'OBJECT',
      reason: 'x',
      by: { party: 'VNG', roles: [] },
      at: clock.now().toISOString(),
    });
    clock.advanceDays(43);
    // WHEN the deadline task runs, and the notify task after it gets the signal as the ASL passes it
    const answer = await createDeadlineHandler(deps)({
      proposalId: id,
      state: 'objection.inGroup.awaitingArguments',
      version: objected.proposal.version,
      event: 'xstate.after.argumentsDeadline.proposal.objection.inGroup.awaitingArguments',
      startTime: clock.now().toISOString(),
      executionName: id,
    });
    const sent: OutgoingMessage[] = [];
    let reads = 0;
    const notifyWith = () =>
      createNotifyHandler({
        store: {
          getProposal: (...args) => {
            reads++;
            return store.getProposal(...args);
          },
        },
        deliveries: store,
        mailer: { send: async (message) => void sent.push(message) },
        register,
        machine: deps.machine,
        clock,
        mailFrom: 'besluitvorming@zorginstituut.example',
        webBaseUrl: 'http://localhost:3000',
      });
    const payload = {
      proposalId: id,
      state: answer.target,
      version: answer.version,
      action: 'notify',
      params: notifyAction('objection-lapsed').params,
    };
    await notifyWith()({ ...payload, signal: answer });
    const readsWithSignal = reads;
    await notifyWith()(payload);
    // THEN the lapse won, its e-mail needed no read of the proposal, and it is the very e-mail a read gives
    expect(answer).toMatchObject({
      version: objected.proposal.version + 1,
      entered: { version: answer.version },
    });
    expect(readsWithSignal).toBe(0);
    expect(reads).toBe(1);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toEqual(sent[1]);
    expect(sent[0]).toMatchObject({ step: 'objection-lapsed' });
  });

  it('relay (stream) starts the execution of a new proposal and answers parked tokens; other items pass', async () => {
    const { store, clock, deps, id, decided } = await decidedByConsensus();
    const workflow = new RecordingWorkflow();
    await createParkHandler({ store, workflow, clock })({
      taskToken: 't-decided',
      proposalId: id,
      state: 'decided',
      version: decided.proposal.version,
      executionArn: 'arn:e',
    });
    const moved = await dispatch(deps, id, {
      type: 'MEETING_CLOSED',
      meetingId: 'm-1',
      by: ZIN,
      at: clock.now().toISOString(),
    });
    // Every audit event the proposal's transitions inserted: each carries its signal (issue 16).
    const whole = await store.getProposal(id, { consistent: true });
    const records = [
      // First: a deadline task's own signal for the token parked at `decided` (the cloud's stream
      // filter keeps it out too): never relayed, or it would have answered that token.
      {
        ...eventKey(id, decided.proposal.version + 1),
        proposalId: id,
        version: decided.proposal.version + 1,
        at: clock.now().toISOString(),
        signal: { type: 'xstate.after.x', target: 'closed', version: decided.proposal.version + 1 },
        signalTakenByTask: true,
      },
      ...(whole?.events ?? []).map((event) => ({ ...eventKey(id, event.version), ...event })),
      { pk: `PROPOSAL#${id}`, sk: 'PROPOSAL', id },
    ];
    const event = {
      Records: records.map((item, i) => ({
        eventName: 'INSERT',
        dynamodb: { SequenceNumber: String(i), NewImage: marshall(item, { removeUndefinedValues: true }) },
      })),
    } as unknown as DynamoDBStreamEvent;
    await expect(createRelayHandler({ store, workflow, clock: systemClock })(event)).resolves.toEqual({
      batchItemFailures: [],
    });
    expect(workflow.started.map((s) => s.name)).toEqual([id]);
    expect(workflow.answers).toEqual([{ taskToken: 't-decided', signal: moved.signal }]);
  });

  it('relay (stream) logs a record it could not relay with the proposal id, and reports only that record', async () => {
    // GIVEN a parked token and a Step Functions that fails to answer it
    const { store, clock, deps, id, decided } = await decidedByConsensus();
    const park = createParkHandler({ store, workflow: new RecordingWorkflow(), clock });
    await park({
      taskToken: 't-1',
      proposalId: id,
      state: 'decided',
      version: decided.proposal.version,
      executionArn: 'arn:e',
    });
    await dispatch(deps, id, {
      type: 'MEETING_CLOSED',
      meetingId: 'm-1',
      by: ZIN,
      at: clock.now().toISOString(),
    });
    const signal = await store.getTransitionSignal(id, decided.proposal.version);
    if (!signal) throw new Error('no signal in the event');
    const failing = {
      startExecution: async () => 'arn:e',
      isRunning: async () => true,
      sendTaskSuccess: async () => {
        throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      },
    };
    const logged: unknown[] = [];
    const record = {
      ...eventKey(id, signal.fromVersion + 1),
      proposalId: id,
      version: signal.fromVersion + 1,
      at: signal.createdAt,
      signal: signal.signal,
    };
    const event = {
      Records: [
        {
          eventName: 'INSERT',
          dynamodb: { SequenceNumber: '7', NewImage: marshall(record, { removeUndefinedValues: true }) },
        },
      ],
    } as unknown as DynamoDBStreamEvent;
    // WHEN
    const result = await createRelayHandler(
      { store, workflow: failing, clock: systemClock },
      { error: (...args: unknown[]) => void logged.push(args) },
    )(event);
    // THEN
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '7' }] });
    expect(logged).toEqual([
      [
        'signal not relayed; the stream retries it',
        expect.objectContaining({
          proposalId: id,
          fromVersion: signal.fromVersion,
          error: { name: 'ThrottlingException', message: 'Rate exceeded' },
        }),
      ],
    ]);
  });
});
