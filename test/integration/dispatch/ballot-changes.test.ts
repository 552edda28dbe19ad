/**
 * Vote changes at scale (issue 16; DESIGN 2.2.5: a party may change its choice until the close, with
 * no cap on changes): the voting round item keeps only each party's current ballot, so it stays
 * the same size however many changes it sees; the close counts each party's last choice; and the
 * minutes still list every ballot given, in order.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { castVote, closeVote, createProposal, dispatch } from '#shared/dispatch/index.ts';
import type { VoteChoice } from '#shared/ports/store.ts';
import { roundKey } from '#shared/store/keys.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';
import { getMinutes } from '#shared/usecases/queries.ts';
import { useDynamoDbLocal } from '../../support/dynamodb.ts';
import { depsFor, MEETING_DATE, openMeeting, TestClock, VOTING, ZIN } from './support.ts';

const db = useDynamoDbLocal();
const CHOICES: readonly VoteChoice[] = ['for', 'against', 'abstain'];

async function votingProposal() {
  const { store, tableName } = await db.freshStore();
  const clock = new TestClock();
  const deps = depsFor(store, clock);
  await openMeeting(store, 'm-1', clock);
  const proposal = await createProposal(
    deps,
    {
      proposalId: 'p-1',
      title: 'Release iWmo 3.3',
      description: 'Contents',
      standards: ['iWmo'],
      kind: 'release',
    },
    { party: 'VNG', roles: [] },
  );
  const at = () => clock.now().toISOString();
  await dispatch(deps, proposal.id, { type: 'DRAFT', text: 'worked out', by: ZIN, at: at() });
  await dispatch(deps, proposal.id, {
    type: 'SCHEDULE',
    meetingId: 'm-1',
    meetingDate: MEETING_DATE,
    by: ZIN,
    at: at(),
  });
  await dispatch(deps, proposal.id, {
    type: 'OPEN_VOTE',
    meetingId: 'm-1',
    meetingDate: MEETING_DATE,
    present: VOTING,
    by: ZIN,
    at: at(),
  });
  /** The round item's size as stored: the bytes of its attributes as JSON. */
  const roundBytes = async () => {
    const { Item: item } = await db.documentClient.send(
      new GetCommand({ TableName: tableName, Key: roundKey(proposal.id, 1), ConsistentRead: true }),
    );
    return Buffer.byteLength(JSON.stringify(item));
  };
  return { store, clock, deps, id: proposal.id, roundBytes, tableName };
}

describe('vote changes (issue 16, DESIGN 2.2.5)', () => {
  // 2,000 changes are ~6,000 calls to DynamoDB Local: seconds alone, longer on a shared machine.
  it('keeps the round the same size over 2,000 changes, counts each party’s last choice, and lists every ballot in the minutes', {
    timeout: 180_000,
  }, async () => {
    const { store, clock, deps, id, roundBytes } = await votingProposal();
    const changesPerParty = 250;
    const sent = new Map<string, VoteChoice[]>(VOTING.map((p) => [p, []]));
    const vote = async (party: string, choice: VoteChoice) => {
      // A millisecond per ballot: the minutes list ballots by when they were given.
      clock.advanceMs(1);
      sent.get(party)?.push(choice);
      await castVote(deps, id, { party, roles: [] }, party, { choice });
    };

    for (const party of VOTING) await vote(party, 'for');
    const afterFirstBallots = await roundBytes();
    // The parties change their minds at the same time; each party's own changes one after another.
    await Promise.all(
      VOTING.map(async (party, p) => {
        for (let n = 0; n < changesPerParty; n++) await vote(party, CHOICES[(n + p) % 3] ?? 'for');
      }),
    );

    const round = await store.getRound(id, 1, { consistent: true });
    expect(round?.revision).toBe(VOTING.length * (changesPerParty + 1));
    // Bounded: the round holds one ballot per party (its ballot number has a few more digits now).
    // Before issue 16 it kept every ballot given: ~140 KB here, and DynamoDB's 400 KB limit at ~5,000.
    const afterChanges = await roundBytes();
    expect(afterChanges).toBeLessThanOrEqual(afterFirstBallots + 128);
    expect(afterChanges).toBeLessThan(2048);

    const closed = await closeVote(deps, id, ZIN, {});
    const counted = closed.context.lastTally?.votes ?? [];
    expect(counted.map((v) => v.party).sort()).toEqual([...VOTING].sort());
    for (const v of counted) expect(v.choice).toBe(sent.get(v.party)?.at(-1));

    // getMinutes reads the store and the register only.
    const minutes = await getMinutes(deps as unknown as AppDeps, 'm-1');
    const record = minutes.items.find((i) => i.proposalId === id)?.record ?? [];
    const ballots = record.find((e) => e.kind === 'vote')?.ballots ?? [];
    expect(ballots).toHaveLength(VOTING.length * (changesPerParty + 1));
    for (const party of VOTING) {
      expect(ballots.filter((b) => b.party === party).map((b) => b.choice)).toEqual(sent.get(party));
    }
    const times = ballots.map((b) => b.at);
    expect(times).toEqual([...times].sort());
  });

  it('counts each party’s last choice once and keeps all 208 ballots after 8 parties × 25 changes at once', async () => {
    const { deps, id } = await votingProposal();
    const cast = (party: string, choice: VoteChoice) =>
      castVote(deps, id, { party, roles: [] }, party, { choice });

    // The burst of issue 16: every change of every party at once, then a final change each.
    await Promise.all(
      VOTING.flatMap((party) => Array.from({ length: 25 }, (_, n) => cast(party, n % 2 ? 'for' : 'against'))),
    );
    await Promise.all(VOTING.map((party) => cast(party, 'abstain')));

    const closed = await closeVote(deps, id, ZIN, {});
    const counted = closed.context.lastTally?.votes ?? [];
    expect(counted).toHaveLength(VOTING.length);
    for (const v of counted) expect(v.choice).toBe('abstain');
    const minutes = await getMinutes(deps as unknown as AppDeps, 'm-1');
    const ballots =
      minutes.items.find((i) => i.proposalId === id)?.record.find((e) => e.kind === 'vote')?.ballots ?? [];
    expect(ballots).toHaveLength(VOTING.length * 26);
    // Each party's last ballot in the minutes is the one counted.
    for (const party of VOTING)
      expect(ballots.filter((b) => b.party === party).at(-1)?.choice).toBe('abstain');
  });

  it('still shows the ballots of a round written by earlier code (its log) in the minutes, and keeps that form until it closes', async () => {
    const { store, deps, id, tableName } = await votingProposal();
    // The round as earlier code left it: ballots without numbers and every ballot given in `log`.
    const earlier = { VNG: { choice: 'against', at: '2027-02-17T09:00:01.000Z' } };
    await db.documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: roundKey(id, 1),
        UpdateExpression: 'SET ballots = :ballots, #log = :log, revision = :two',
        ExpressionAttributeNames: { '#log': 'log' },
        ExpressionAttributeValues: {
          ':ballots': earlier,
          ':log': [
            { party: 'VNG', choice: 'for', at: '2027-02-17T09:00:00.000Z' },
            { party: 'VNG', ...earlier.VNG },
          ],
          ':two': 2,
        },
      }),
    );

    await castVote(deps, id, { party: 'CAK', roles: [] }, 'CAK', { choice: 'for' });
    await castVote(deps, id, { party: 'VNG', roles: [] }, 'VNG', { choice: 'abstain' });
    await closeVote(deps, id, ZIN, { missingBallots: 'abstain' });

    expect(await store.listSupersededBallots(id)).toEqual([]);
    const minutes = await getMinutes(deps as unknown as AppDeps, 'm-1');
    const ballots =
      minutes.items.find((i) => i.proposalId === id)?.record.find((e) => e.kind === 'vote')?.ballots ?? [];
    expect(ballots.map((b) => `${b.party} ${b.choice}`)).toEqual([
      'VNG for',
      'VNG against',
      'CAK for',
      'VNG abstain',
    ]);
  });
});
