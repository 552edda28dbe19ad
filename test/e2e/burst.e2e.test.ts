/**
 * 200 connections at once, each changing a vote (issue 16): every party's client gets an answer
 * (no connection dropped, no 5xx), and once the vote closes each party's last choice is counted
 * exactly once. Counts only: the timings belong to `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import { loadLocalKey, signLocalToken } from '#infra/local/auth.ts';
import { runBurst } from '#test/support/burst.ts';
import { type ProposalBody, procedure, useLocalStack, VOTING_PARTIES } from './support/index.ts';

const stack = useLocalStack();
const api = procedure(stack);

describe('a burst of vote changes on the local stack', () => {
  it('answers 8 parties × 25 simultaneous vote changes without a dropped connection, and counts each last choice once', async () => {
    const { id } = await api.scheduled({ title: 'Burst', standards: ['iWmo'] });
    await api.openVote(id);
    const key = await loadLocalKey(stack.dataDir);
    const tokens = new Map<string, string>();
    for (const party of VOTING_PARTIES) tokens.set(party, await signLocalToken(key, { party }));

    const burst = await runBurst({ baseUrl: stack.baseUrl, proposalId: id, tokens, changesPerParty: 25 });

    expect(burst.connections).toBe(200);
    expect(burst.droppedBy).toEqual({});
    expect(burst.statuses).toEqual({ 200: 208 });
    const closed: ProposalBody = await api.closeVote(id);
    const votes = closed.tally?.votes ?? [];
    expect(votes.map((v) => v.party).sort()).toEqual([...VOTING_PARTIES].sort());
    for (const vote of votes) expect(vote.choice).toBe(burst.lastChoices[vote.party]);
  });
});
