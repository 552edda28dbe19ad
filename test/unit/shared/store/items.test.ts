// Records ↔ items (shared/store/items.ts): what a transition writes must stay small (issue 16),
// and what an older version wrote must still read.
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '#shared/ports/store.ts';
import { recordOf } from '#shared/store/items.ts';
import { closeRoundWrite } from '#shared/store/transition-writes.ts';

/** A tally as the covenant's rules make it after a 12–6 vote: with its explanation (about 1.6 KB of JSON). */
const TALLY: JsonObject = {
  for: 12,
  against: 6,
  abstain: 0,
  cast: 18,
  threshold: 10,
  outcome: 'adopted',
  votes: ['ACTIZ', 'GGZ', 'JZN', 'VALENTE', 'VGN', 'ZTNL', 'VNG', 'CAK'].map((party) => ({
    party,
    choice: party === 'CAK' ? 'against' : 'for',
    weight: party === 'VNG' || party === 'CAK' ? 6 : 1,
    chainVote: party === 'JZN',
  })),
  decisiveAbstentions: [],
  explanation: {
    summary:
      'Adopted: 12 of 18 cast votes are for; a valid decision needs at least 10 (half of 18, plus one).',
    rule: 'A vote is held only when all voting parties are present (art. 6.9). Each voting party casts all its votes as one bloc (art. 6.8). A valid decision needs at least half of the cast votes, rounded down, plus one: with that many votes for, the proposal is adopted; with that many against, it is rejected; otherwise there is no valid decision (art. 6.9).',
    alternativeReading: { abstentionsCountAsCast: true, cast: 18, threshold: 10, outcome: 'adopted' },
    notVoted: [],
    chainVotes: ['JZN'],
  },
};

const item = (attributes: Record<string, unknown>) => ({
  pk: 'PROPOSAL#p1',
  sk: 'ROUND#0001',
  ...attributes,
});

describe('store items: a closed round', () => {
  it('stores the tally compressed, a few hundred bytes for 1.6 KB of JSON, and reads it back whole', () => {
    const write = closeRoundWrite({
      proposalId: 'p1',
      round: 1,
      readRevision: 8,
      closedAt: 't',
      tally: TALLY,
    });
    if (!('Update' in write)) throw new Error('closing a round is an Update');
    const update = write.Update as {
      ExpressionAttributeNames: Record<string, string>;
      ExpressionAttributeValues: Record<string, unknown>;
    };
    const stored = update.ExpressionAttributeValues[':tally'] as Uint8Array;
    expect(update.ExpressionAttributeNames['#tally']).toBe('tallyZ1');
    expect(JSON.stringify(TALLY).length).toBeGreaterThan(1_000);
    expect(stored.byteLength).toBeLessThan(400);
    // As DynamoDB gives the item back: the attribute holds the bytes.
    expect(recordOf<{ tally: JsonObject }>(item({ tallyZ1: stored, status: 'closed' }))).toEqual({
      tally: TALLY,
      status: 'closed',
    });
  });

  it('reads the plain tally of a round closed by an older version as it is', () => {
    expect(recordOf(item({ tally: { for: 6 }, status: 'closed' }))).toEqual({
      tally: { for: 6 },
      status: 'closed',
    });
  });
});
