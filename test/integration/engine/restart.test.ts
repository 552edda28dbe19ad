/**
 * Durability: executions, parked tokens and timers live in DynamoDB, so a new engine instance on
 * the same table carries on where the last one stopped, and two instances on one table never
 * apply a step twice (each step is a write conditional on the execution's revision).
 */
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { AdjustableClock, days } from '#infra/local/clock.ts';
import type { DeadlinePayload, NotifyPayload, ParkPayload, Signal } from '#statemachines/compiler/index.ts';
import { PLAUSIBLE_SUBSTITUTIONS } from '#test/statemachines/harness/asl-validator.ts';
import { lifecycleDefinition } from '#test/statemachines/support/conformance.ts';
import { relayed, timedAnswer, withParkTimer } from '#test/statemachines/support/park-timer.ts';
import { useDynamoDbLocal } from '#test/support/dynamodb.ts';
import { type EngineFixture, enteredStates, fullHistory, startEngine } from './engine-fixture.ts';

const ddb = useDynamoDbLocal();
const SIX_WEEKS = 42 * 24 * 60 * 60;

/** What one engine instance's task handlers saw. */
interface InstanceLog {
  readonly parked: ParkPayload[];
  readonly deadlines: DeadlinePayload[];
  readonly emails: string[];
  /** Notify calls begun (an e-mail is logged when the call ends). */
  notifyCalls: number;
  /** Makes the notify handler wait for this before it returns (a call in flight at a crash). */
  notifyGate?: Promise<void>;
}

const newLog = (): InstanceLog => ({ parked: [], deadlines: [], emails: [], notifyCalls: 0 });

function handlersFor(log: InstanceLog, clock: AdjustableClock) {
  return {
    [String(PLAUSIBLE_SUBSTITUTIONS.ParkFunctionArn)]: withParkTimer(clock, async (payload) => {
      log.parked.push(payload);
      return null;
    }),
    [String(PLAUSIBLE_SUBSTITUTIONS.DeadlineFunctionArn)]: async (payload: unknown) => {
      const deadline = payload as DeadlinePayload;
      log.deadlines.push(deadline);
      const answer = {
        type: deadline.event,
        target: 'objectionLapsed',
        version: deadline.version + 1,
        timeoutSeconds: 0,
        entered: null,
      };
      return timedAnswer(answer, deadline, clock);
    },
    [String(PLAUSIBLE_SUBSTITUTIONS.NotifyFunctionArn)]: async (payload: unknown) => {
      log.notifyCalls++;
      await log.notifyGate;
      const notify = payload as NotifyPayload;
      log.emails.push(`${notify.proposalId} ${notify.state}`);
      return null;
    },
  };
}

function lifecycleEngine(
  tableName: string,
  clock: AdjustableClock,
  log: InstanceLog,
): Promise<EngineFixture> {
  return startEngine(ddb, {
    tableName,
    clock,
    handlers: handlersFor(log, clock),
    definitions: { proposal: lifecycleDefinition },
    substitutions: PLAUSIBLE_SUBSTITUTIONS,
  });
}

/** Starts a proposal's execution parked at `target` (a successor execution's rollover input). */
async function startAt(fixture: EngineFixture, proposalId: string, target: string): Promise<string> {
  const signal: Signal = { type: 'xstate.rollover', target, version: 4 };
  const started = await fixture.engine.startExecution({
    stateMachineArn: fixture.engine.stateMachineArn('proposal'),
    name: proposalId,
    input: JSON.stringify({ proposalId, signal }),
  });
  await fixture.engine.idle();
  return String(started.executionArn);
}

/** The objection that moves a decided proposal to await arguments, with its 6-week deadline. */
const objection: Signal = {
  type: 'OBJECT',
  target: 'objection.inGroup.awaitingArguments',
  version: 5,
  timeoutSeconds: SIX_WEEKS,
};

function lastPark(log: InstanceLog, proposalId: string): ParkPayload {
  const park = log.parked.filter((p) => p.proposalId === proposalId).at(-1);
  if (park === undefined) throw new Error(`${proposalId} has not parked`);
  return park;
}

/** Answers the park as the relay does: with the signal and the timer of its target's park. */
async function answer(fixture: EngineFixture, park: ParkPayload, signal: Signal): Promise<void> {
  const output = JSON.stringify(relayed(signal, park, fixture.clock));
  await fixture.sfn.send(new SendTaskSuccessCommand({ taskToken: park.taskToken, output }));
  await fixture.engine.idle();
}

describe('local engine durability', () => {
  it('fires a deadline set before a restart exactly once, and answers tokens parked before it', async () => {
    const tableName = await ddb.freshTable();
    const clock = new AdjustableClock();
    const before = newLog();
    const first = await lifecycleEngine(tableName, clock, before);
    const objected = await startAt(first, 'objected', 'decided');
    await answer(first, lastPark(before, 'objected'), objection);
    const waiting = await startAt(first, 'waiting', 'submitted');
    await first.stop();

    const after = newLog();
    const second = await lifecycleEngine(tableName, clock, after);
    await second.engine.idle();
    expect(after.parked).toEqual([]);
    await answer(second, lastPark(before, 'waiting'), { type: 'DRAFT', target: 'ready', version: 5 });
    expect(after.parked.map((p) => [p.proposalId, p.state])).toEqual([['waiting', 'ready']]);

    clock.advance(days(43));
    await second.engine.idle();
    clock.advance(days(43));
    await second.engine.idle();
    expect(after.deadlines.map((d) => [d.proposalId, d.state])).toEqual([
      ['objected', 'objection.inGroup.awaitingArguments'],
    ]);
    expect(before.deadlines).toEqual([]);
    expect(after.emails).toEqual(['objected objectionLapsed']);
    const execution = await second.engine.describeExecution({ executionArn: objected });
    expect(execution.status).toBe('SUCCEEDED');
    expect((await second.engine.describeExecution({ executionArn: waiting })).status).toBe('RUNNING');
    await second.stop();
  });

  it('fires a deadline once when two engine instances share the table', async () => {
    const tableName = await ddb.freshTable();
    const clock = new AdjustableClock();
    const [logA, logB] = [newLog(), newLog()];
    const a = await lifecycleEngine(tableName, clock, logA);
    const b = await lifecycleEngine(tableName, clock, logB);
    const objected = await startAt(a, 'shared', 'decided');
    await answer(a, lastPark(logA, 'shared'), objection);

    clock.advance(days(43));
    await Promise.all([a.engine.idle(), b.engine.idle()]);
    await Promise.all([a.engine.idle(), b.engine.idle()]);
    expect([...logA.deadlines, ...logB.deadlines]).toHaveLength(1);
    expect([...logA.emails, ...logB.emails].filter((e) => e.endsWith('objectionLapsed'))).toHaveLength(1);
    expect((await b.engine.describeExecution({ executionArn: objected })).status).toBe('SUCCEEDED');
    await Promise.all([a.stop(), b.stop()]);
  });

  it('repeats a call whose result a crashed instance never recorded, and records one result', async () => {
    const tableName = await ddb.freshTable();
    const clock = new AdjustableClock();
    let release = () => {};
    const crashed: InstanceLog = {
      ...newLog(),
      notifyGate: new Promise<void>((resolve) => (release = resolve)),
    };
    const first = await lifecycleEngine(tableName, clock, crashed);
    const executionArn = await startAt(first, 'crash', 'decided');
    void first.sfn.send(
      new SendTaskSuccessCommand({
        taskToken: lastPark(crashed, 'crash').taskToken,
        output: JSON.stringify(relayed(objection, lastPark(crashed, 'crash'), clock)),
      }),
    );
    await expect.poll(() => crashed.notifyCalls).toBe(1);

    const recovered = newLog();
    const second = await lifecycleEngine(tableName, clock, recovered);
    await second.engine.idle();
    expect(recovered.emails).toEqual(['crash objection.inGroup.awaitingArguments']);
    expect(recovered.parked.map((p) => p.state)).toEqual(['objection.inGroup.awaitingArguments']);

    release();
    await first.stop();
    await second.engine.idle();
    expect(crashed.emails).toEqual(['crash objection.inGroup.awaitingArguments']);
    const history = await fullHistory(second.sfn, executionArn);
    // The successor's timer, the park's answer and one notify result (not two); the objection
    // brought the timer of the next park along (issue 16), so no timer task runs before it.
    expect(history.filter((e) => e.type === 'TaskSucceeded')).toHaveLength(3);
    expect(enteredStates(history)).toEqual([
      'Start',
      'Time decided',
      'Park decided',
      'Route decided',
      // The objection's e-mail is sent on its transition (each objector has its own, art. 7.1).
      'Notify decided on 1.1',
      'Park objection.inGroup.awaitingArguments',
    ]);
    expect(crashed.parked.map((p) => p.state)).toEqual(['decided']);
    await second.stop();
  });

  it('refuses to start on an execution stored before timers moved into positions, naming the fix', async () => {
    const tableName = await ddb.freshTable();
    const clock = new AdjustableClock();
    const before = newLog();
    const first = await lifecycleEngine(tableName, clock, before);
    const executionArn = await startAt(first, 'legacy', 'decided');
    await answer(first, lastPark(before, 'legacy'), objection);
    await first.stop();
    // The shape a `.data` dir of 2026-12-07 15:00 UTC or older holds: the position names its
    // timer by id, its due in a `TIMER#<id>` item of its own. The engine no longer reads those
    // items (it used to migrate them); it refuses at start, so the deadline is not lost silently.
    const { documentClient } = ddb;
    const key = { pk: `ENGINE#EXECUTION#${executionArn}`, sk: 'EXECUTION' };
    const { Item: item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: key }));
    const position = JSON.parse(String(item?.position)) as { timer: { id: string; due: number } };
    const legacy = { ...item, position: JSON.stringify({ ...position, timer: position.timer.id }) };
    await documentClient.send(new PutCommand({ TableName: tableName, Item: legacy }));

    await expect(lifecycleEngine(tableName, clock, newLog())).rejects.toThrow(
      `execution ${executionArn} was stored by an older local engine, which kept its timer apart: ` +
        'delete the local data (.data, or the DATA_DIR you gave npm start) and start again',
    );
  });
});
