// Section 2 of `npm run bench`: each route's p99 against the floors of the same run, as the reader sees it.
import { describe, expect, it } from 'vitest';
import {
  ballotWrites,
  type LoadFigures,
  latencyFloorLines,
  RAW_QUERY,
  RAW_VOTE,
  SDK_QUERY,
  SDK_VOTE,
} from '../../../bench/throughput.ts';

const run = (
  route: string,
  connections: number,
  p99Ms: number,
  more: Partial<LoadFigures> = {},
): LoadFigures => ({
  route,
  connections,
  requestsPerSecond: 100,
  p50Ms: p99Ms / 4,
  p99Ms,
  requests: 500,
  non2xx: 0,
  errors: 0,
  timeouts: 0,
  ...more,
});

describe('bench/throughput ballotWrites', () => {
  it('counts from the items a PUT run left: changes written, updates refused, and the calls a vote made', () => {
    // 100 votes: 70 changes written (70 copies), 20 refused (20 given-and-replaced items), 10 first ballots.
    const writes = ballotWrites(100, { replaced: 5, concurrent: 1 }, { replaced: 95, concurrent: 21 });
    expect(writes).toEqual({ votes: 100, changes: 70, refusedUpdates: 20, callsPerVote: 3.1 });
    // (70 × 3 + 20 × 4 + 10 × 2) / 100
  });

  it('divides by the votes the items show when requests in flight at the end wrote after the count', () => {
    // 60 answered, but 64 votes left items: 50 changes and 14 refused updates.
    expect(ballotWrites(60, { replaced: 0, concurrent: 0 }, { replaced: 64, concurrent: 14 })).toEqual({
      votes: 64,
      changes: 50,
      refusedUpdates: 14,
      callsPerVote: 3.22,
    });
    // (50 × 3 + 14 × 4) / 64
  });
});

describe('bench/throughput latencyFloorLines', () => {
  it('divides each route by the raw Query and by the floor of its own calls, and names refused updates', () => {
    const lines = latencyFloorLines([
      run(RAW_QUERY, 8, 10),
      run(SDK_QUERY, 8, 20),
      run('GET /proposals/{id}', 8, 40),
      run('PUT /proposals/{id}/votes/{party}', 8, 90, {
        ballots: { votes: 500, changes: 490, refusedUpdates: 10, callsPerVote: 3.02 },
      }),
      run(RAW_VOTE, 8, 30),
      run(SDK_VOTE, 8, 60, { ballots: { votes: 600, changes: 600, refusedUpdates: 0, callsPerVote: 3 } }),
    ]);
    expect(lines).toEqual([
      '   GET /proposals/{id} @8: p99 40 ms = 4× the raw Query (10 ms), 2× the same Query through the AWS SDK (20 ms)',
      "   PUT /proposals/{id}/votes/{party} @8: p99 90 ms = 9× the raw Query (10 ms), 3× the vote's calls, raw (30 ms), 1.5× the vote's own calls through the AWS SDK (60 ms); the route 3.02 DynamoDB calls a vote, 10 of 500 updates refused (a change of the same party written meanwhile), its floor through the store 3 DynamoDB calls a vote, 0 of 600 updates refused",
    ]);
  });
});
