/**
 * The ballots in the minutes (DESIGN 2.2.5): every ballot given in the round, changed and
 * chair-recorded ones included, once each and in the order given. Since issue 16 the round keeps
 * only each party's current ballot; the ones changes replaced come from their own items.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEvent, RoundBallot, SupersededBallot, VotingRound } from '#shared/ports/store.ts';
import { type MinutesSource, meetingRecord } from '#shared/views/minutes.ts';

const at = (minute: number, ms = 0) =>
  `2027-02-17T09:${String(minute).padStart(2, '0')}:00.${String(ms).padStart(3, '0')}Z`;

const event = (version: number, type: string, payload: Record<string, unknown>): AuditEvent => ({
  proposalId: 'p-1',
  version,
  type,
  by: { party: 'ZIN', roles: [] },
  at: at(version),
  fromState: '',
  toState: '',
  payload,
});

const round = (ballots: Record<string, RoundBallot>, extra: Partial<VotingRound> = {}): VotingRound => ({
  proposalId: 'p-1',
  round: 1,
  meetingId: 'm-1',
  status: 'closed',
  ballots,
  revision: 0,
  openedAt: at(1),
  ...extra,
});

const replaced = (party: string, ballot: RoundBallot & { concurrent?: true }): SupersededBallot => ({
  proposalId: 'p-1',
  round: 1,
  party,
  ...ballot,
});

function source(votingRound: VotingRound, superseded: readonly SupersededBallot[] = []): MinutesSource {
  return {
    proposal: { id: 'p-1' },
    events: [
      event(1, 'OPEN_VOTE', { meetingId: 'm-1', present: ['VNG', 'CAK'] }),
      event(30, 'CLOSE_VOTE', { ballots: [] }),
    ],
    rounds: [votingRound],
    tokens: [],
    signals: [],
    supersededBallots: superseded,
  } as unknown as MinutesSource;
}

const ballotsIn = (s: MinutesSource) =>
  meetingRecord({ id: 'm-1' }, s).find((e) => e.kind === 'vote')?.ballots;

describe('shared/views/minutes: the ballots of a vote', () => {
  it('lists every ballot given, replaced ones from their own items, oldest first, each once', () => {
    const minutes = ballotsIn(
      source(
        round({
          VNG: { choice: 'for', at: at(5), ballotNumber: 3 },
          CAK: { choice: 'against', at: at(3), recordedBy: 'ZIN', ballotNumber: 1 },
        }),
        [
          replaced('VNG', { choice: 'against', justification: 'te vroeg', at: at(2), ballotNumber: 1 }),
          replaced('VNG', { choice: 'abstain', at: at(4), ballotNumber: 2 }),
          // The copy of a replaced ballot is written before the change: also a copy of a current one.
          replaced('CAK', { choice: 'against', at: at(3), recordedBy: 'ZIN', ballotNumber: 1 }),
        ],
      ),
    );
    expect(minutes).toEqual([
      { party: 'VNG', choice: 'against', at: at(2), justification: 'te vroeg' },
      { party: 'CAK', choice: 'against', at: at(3), recordedBy: 'ZIN' },
      { party: 'VNG', choice: 'abstain', at: at(4) },
      { party: 'VNG', choice: 'for', at: at(5) },
    ]);
  });

  it('never lists a party’s ballot before one it gave earlier, even with an earlier clock reading', () => {
    // Two connections of VNG at once: #2 read the clock later than #3, which replaced it.
    const minutes = ballotsIn(
      source(
        round({
          VNG: { choice: 'for', at: at(4, 1), ballotNumber: 3 },
          CAK: { choice: 'for', at: at(4, 2) },
        }),
        [
          replaced('VNG', { choice: 'against', at: at(2), ballotNumber: 1 }),
          replaced('VNG', { choice: 'abstain', at: at(4, 5), ballotNumber: 2 }),
        ],
      ),
    );
    expect(minutes?.map((b) => `${b.party} ${b.choice}`)).toEqual([
      'VNG against',
      'CAK for',
      'VNG abstain',
      'VNG for',
    ]);
  });

  it('places a ballot given and replaced at once (two connections of one party) right after the one it followed', () => {
    const minutes = ballotsIn(
      source(round({ VNG: { choice: 'for', at: at(6), ballotNumber: 2 } }), [
        replaced('VNG', { choice: 'against', at: at(2), ballotNumber: 1 }),
        replaced('VNG', { choice: 'abstain', at: at(5), ballotNumber: 1, concurrent: true }),
      ]),
    );
    expect(minutes?.map((b) => b.choice)).toEqual(['against', 'abstain', 'for']);
  });

  it('lists the ballots of a round written by earlier code from its log, as they were written', () => {
    const legacy = round(
      { VNG: { choice: 'for', at: at(4) } },
      {
        log: [
          { party: 'VNG', choice: 'against', at: at(2) },
          { party: 'CAK', choice: 'for', at: at(3), recordedBy: 'ZIN' },
          { party: 'VNG', choice: 'for', at: at(4) },
        ],
      },
    );
    expect(ballotsIn(source(legacy))).toEqual([
      { party: 'VNG', choice: 'against', at: at(2) },
      { party: 'CAK', choice: 'for', at: at(3), recordedBy: 'ZIN' },
      { party: 'VNG', choice: 'for', at: at(4) },
    ]);
  });
});
