import { describe, expect, it } from 'vitest';
import { closeRound, openRound } from '#shared/ports/effects.ts';
import type { RoundBallot, VoteChoice } from '#shared/ports/store.ts';
import { TransactionConditionError, VotingClosedError } from '#shared/ports/store-errors.ts';
import type { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { useDynamoDbLocal } from '#test/support/dynamodb.ts';
import { at, creation, newProposal, transition, VOTING_PARTIES } from '#test/support/store-fixtures.ts';

const ddb = useDynamoDbLocal();
const CHOICES: readonly VoteChoice[] = ['for', 'against', 'abstain'];

/** A proposal at version 2 with round 1 open. */
async function openVote(store: DynamoDbStore) {
  const proposal = newProposal();
  await store.createProposal(creation(proposal));
  const open = transition(proposal, {
    stateKey: 'voting',
    effects: [
      openRound({
        proposalId: proposal.id,
        round: 1,
        meetingId: 'm1',
        status: 'open',
        ballots: {},
        revision: 0,
        openedAt: at(2),
      }),
    ],
  });
  await store.commitTransition(open);
  return open.proposal;
}

function ballot(choice: VoteChoice, seconds: number): RoundBallot {
  return { choice, at: at(seconds) };
}

describe('DynamoDbStore voting', () => {
  it('records a ballot and lets the party change it while the round is open', async () => {
    const { store } = await ddb.freshStore();
    const proposal = await openVote(store);

    await store.castVote(proposal.id, 1, 'VNG', { choice: 'against', justification: 'too early', at: at(3) });
    const round = await store.castVote(proposal.id, 1, 'VNG', ballot('for', 4));

    // The round holds the current ballot (VNG's second); the one it replaced is kept apart.
    expect(round.ballots).toEqual({ VNG: { choice: 'for', at: at(4), ballotNumber: 2 } });
    expect(round.revision).toBe(2);
    expect(await store.getRound(proposal.id, 1, { consistent: true })).toEqual(round);
    expect(await store.listSupersededBallots(proposal.id)).toEqual([
      {
        proposalId: proposal.id,
        round: 1,
        party: 'VNG',
        choice: 'against',
        justification: 'too early',
        at: at(3),
        ballotNumber: 1,
      },
    ]);
  });

  it('keeps every ballot given when each of 8 parties changes its ballot 25 times at once (issue 16 burst)', async () => {
    const { store } = await ddb.freshStore();
    const proposal = await openVote(store);
    const changes = 25;

    // Every change of every party at once: a party's own changes race each other; a ballot that
    // loses the race to one written while it ran is kept as given and replaced at once.
    await Promise.all(
      VOTING_PARTIES.flatMap((party) =>
        Array.from({ length: changes }, (_, n) =>
          store.castVote(proposal.id, 1, party, ballot(CHOICES[n % 3] ?? 'for', n)),
        ),
      ),
    );
    // Then one final change each: the choice the close must count.
    await Promise.all(
      VOTING_PARTIES.map((party) => store.castVote(proposal.id, 1, party, ballot('against', 99))),
    );

    const round = await store.getRound(proposal.id, 1, { consistent: true });
    const superseded = await store.listSupersededBallots(proposal.id);
    let written = 0;
    for (const party of VOTING_PARTIES) {
      const current = round?.ballots[party];
      expect(current).toMatchObject({ choice: 'against', at: at(99) });
      written += current?.ballotNumber ?? 0;
      // Nothing lost (DESIGN 2.2.5): each of the party's 25 earlier ballots is kept, once.
      const kept = superseded.filter((b) => b.party === party);
      expect(kept).toHaveLength(changes);
      expect(kept.map((b) => b.at).sort()).toEqual(Array.from({ length: changes }, (_, n) => at(n)).sort());
      // The ballots written into the round are numbered 1, 2, … without a gap.
      const numbered = kept.filter((b) => !b.concurrent).map((b) => b.ballotNumber);
      expect(numbered).toEqual(Array.from({ length: (current?.ballotNumber ?? 1) - 1 }, (_, n) => n + 1));
    }
    // The round counted each write into it once; the ballots given and replaced at once wrote it no more.
    expect(round?.revision).toBe(written);
  });

  it('refuses a ballot for a round that was never opened', async () => {
    const { store } = await ddb.freshStore();
    const proposal = await openVote(store);
    const error = await store.castVote(proposal.id, 2, 'VNG', ballot('for', 3)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VotingClosedError);
    expect(error).toMatchObject({ round: 2, roundExists: false });
  });

  it('marks a request’s Idempotency-Key committed with its change, and with a ballot given and replaced at once', async () => {
    const { store } = await ddb.freshStore();
    const proposal = await openVote(store);
    const claimFor = async (key: string) => {
      await store.beginIdempotent('VNG', key, 'h', new Date(at(0)), 12);
      return { party: 'VNG', key, hash: 'h', keptUntil: Date.parse(at(0)) / 1000 + 86_400 };
    };
    const seen = await store.castVote(proposal.id, 1, 'VNG', ballot('against', 3));

    // A change with a key: the round's update and the key's mark in one transaction.
    const change = store.forRequest({ idempotency: await claimFor('k-change') });
    const changed = await change.castVote(proposal.id, 1, 'VNG', ballot('for', 4), seen);
    expect(changed.ballots.VNG).toEqual({ choice: 'for', at: at(4), ballotNumber: 2 });
    // A second request that read the round before that change: its ballot is kept as given and
    // replaced at once, and that copy is the write that carries its key's mark.
    const late = store.forRequest({ idempotency: await claimFor('k-late') });
    const answered = await late.castVote(proposal.id, 1, 'VNG', ballot('abstain', 5), seen);
    expect(answered.ballots.VNG?.choice).toBe('for');

    const later = new Date(Date.parse(at(0)) + 13_000);
    for (const key of ['k-change', 'k-late']) {
      expect(await store.beginIdempotent('VNG', key, 'h', later, 12)).toEqual({ status: 'committed' });
    }
    expect((await store.listSupersededBallots(proposal.id)).map((b) => [b.choice, b.concurrent])).toEqual([
      ['against', undefined],
      ['abstain', true],
    ]);
  });

  it('keeps each party’s last choice exactly once when 8 parties cast 200 ballots at once', async () => {
    const { store } = await ddb.freshStore();
    const proposal = await openVote(store);
    const perParty = 200 / VOTING_PARTIES.length;
    const last = new Map<string, VoteChoice>();

    // Parties vote concurrently; each party's own ballots go one after another.
    await Promise.all(
      VOTING_PARTIES.map(async (party) => {
        for (let i = 0; i < perParty; i++) {
          const choice = CHOICES[Math.floor(Math.random() * CHOICES.length)] ?? 'abstain';
          await store.castVote(proposal.id, 1, party, ballot(choice, i));
          last.set(party, choice);
        }
      }),
    );

    const round = await store.getRound(proposal.id, 1, { consistent: true });
    expect(round?.revision).toBe(200);
    expect(Object.keys(round?.ballots ?? {}).sort()).toEqual([...VOTING_PARTIES].sort());
    for (const party of VOTING_PARTIES) expect(round?.ballots[party]?.choice).toBe(last.get(party));
  });

  it('closes a round only at the revision read, and refuses ballots after the close', async () => {
    const { store } = await ddb.freshStore();
    const proposal = await openVote(store);
    await store.castVote(proposal.id, 1, 'VNG', ballot('for', 3));
    const read = await store.getRound(proposal.id, 1, { consistent: true });
    await store.castVote(proposal.id, 1, 'CAK', ballot('against', 4)); // arrives after the tally was computed

    const close = (readRevision: number) =>
      transition(proposal, {
        stateKey: 'decided',
        effects: [
          closeRound({
            proposalId: proposal.id,
            round: 1,
            readRevision,
            closedAt: at(5),
            tally: { for: 6 },
          }),
        ],
      });
    await expect(store.commitTransition(close(read?.revision ?? 0))).rejects.toBeInstanceOf(
      TransactionConditionError,
    );
    await store.commitTransition(close(2));

    const error = await store.castVote(proposal.id, 1, 'VNG', ballot('against', 6)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VotingClosedError);
    expect(error).toMatchObject({ roundExists: true });
    const round = await store.getRound(proposal.id, 1, { consistent: true });
    expect(round).toMatchObject({ status: 'closed', revision: 2, closedAt: at(5), tally: { for: 6 } });
    expect(round?.ballots.VNG?.choice).toBe('for');
  });
});
