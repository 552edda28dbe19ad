import { describe, expect, it } from 'vitest';
import { agreementOf, type ProposalSide } from '#shared/usecases/executions/agreement.ts';

const NOW = new Date('2027-03-01T12:00:00.000Z');
const secondsAgo = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();

const parked: ProposalSide = {
  id: 'p-1',
  stateKey: 'objection.inGroup.awaitingArguments',
  version: 6,
  tokens: [{ version: 6, state: 'objection.inGroup.awaitingArguments' }],
  signals: [],
};
const waiting = { status: 'RUNNING', lastState: 'Park objection.inGroup.awaitingArguments' };

describe('agreementOf', () => {
  it('agrees when the execution is parked in the proposal’s state with a token at its version', () => {
    const { verdict, lines } = agreementOf(parked, waiting, NOW);
    expect(verdict).toBe('in agreement');
    expect(lines).toEqual([
      'proposal   p-1 is in objection.inGroup.awaitingArguments at version 6',
      "execution  RUNNING, last in 'Park objection.inGroup.awaitingArguments'",
      'tokens     v6 (objection.inGroup.awaitingArguments)',
    ]);
  });

  it('agrees when a final proposal’s execution succeeded in that final state', () => {
    const closed = { ...parked, stateKey: 'objectionLapsed', version: 7, tokens: [] };
    const done = { status: 'SUCCEEDED', lastState: 'Final objectionLapsed' };
    expect(agreementOf(closed, done, NOW).verdict).toBe('in agreement');
  });

  it('agrees when a final proposal’s last e-mail failed after its retries, and says so', () => {
    const closed = { ...parked, stateKey: 'objectionLapsed', version: 7, tokens: [] };
    const ended = { status: 'SUCCEEDED', lastState: 'Ended after a failed e-mail' };
    const { verdict, lines } = agreementOf(closed, ended, NOW);
    expect(verdict).toBe('in agreement');
    expect(lines).toContainEqual(expect.stringMatching(/^mail {7}the final state's e-mail failed/));
    // A proposal that is not final cannot have ended that way: that is a disagreement.
    expect(agreementOf(parked, ended, NOW).verdict).toBe('in disagreement');
  });

  it('calls a fresh signal row catching up, and one older than a minute stuck', () => {
    const signal = { type: 'SUBMIT_ARGUMENTS', target: 'objection.inGroup.reconsideration' };
    const moved = { ...parked, version: 7, signals: [{ fromVersion: 6, createdAt: secondsAgo(2), signal }] };
    const fresh = agreementOf(moved, waiting, NOW);
    expect(fresh.verdict).toBe('catching up');
    expect(fresh.lines).toContain(
      'signals    v6 → objection.inGroup.reconsideration (SUBMIT_ARGUMENTS, 2 s old)',
    );
    const old = { ...moved, signals: [{ fromVersion: 6, createdAt: secondsAgo(600), signal }] };
    const stuck = agreementOf(old, waiting, NOW);
    expect(stuck.verdict).toBe('stuck');
    expect(stuck.lines.at(-1)).toMatch(/check the relay/);
  });

  it('calls a new proposal whose execution has not started yet catching up', () => {
    const created = {
      id: 'p-2',
      stateKey: 'submitted',
      version: 1,
      tokens: [],
      signals: [
        { fromVersion: 0, createdAt: secondsAgo(1), signal: { type: 'xstate.init', target: 'submitted' } },
      ],
    };
    expect(agreementOf(created, undefined, NOW).verdict).toBe('catching up');
  });

  it('names what it expected when the two disagree', () => {
    const failed = {
      status: 'FAILED',
      lastState: 'Deadline objection.inGroup.awaitingArguments',
      failure: 'Lambda.Unknown boom',
    };
    const result = agreementOf(parked, failed, NOW);
    expect(result.verdict).toBe('in disagreement');
    expect(result.lines).toContain(
      "execution  FAILED, last in 'Deadline objection.inGroup.awaitingArguments': Lambda.Unknown boom",
    );
    expect(result.lines.at(-1)).toBe(
      "meaning    expected a RUNNING execution in 'Park objection.inGroup.awaitingArguments' with a token at v6",
    );
    const tokenless = agreementOf({ ...parked, tokens: [] }, waiting, NOW);
    expect(tokenless.verdict).toBe('in disagreement');
  });
});
