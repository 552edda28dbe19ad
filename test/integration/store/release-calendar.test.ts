import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { entriesFromDecision, findBlackout } from '#shared/covenant/release-calendar.ts';
import { enterReleaseCalendar } from '#shared/ports/effects.ts';
import type { ReleaseEntryRecord } from '#shared/ports/store.ts';
import { useDynamoDbLocal } from '#test/support/dynamodb.ts';
import { at, creation, newProposal, transition } from '#test/support/store-fixtures.ts';

const ddb = useDynamoDbLocal();

const recorded = (
  standard: ReleaseEntryRecord['standard'],
  version: string,
  implementationDate: string,
  strategyDue: string,
): ReleaseEntryRecord => ({
  standard,
  version,
  implementationDate,
  strategyDue,
  source: 'recorded',
  recordedAt: at(0),
  recordedBy: 'ZIN',
});

describe('DynamoDbStore release calendar', () => {
  it('keeps one item per standard and version, and lists a standard, or all, by implementation date', async () => {
    const { store, tableName } = await ddb.freshStore();
    const iwmo39 = recorded('iWmo', '3.9', '2026-01-01', '2025-12-01');
    const iwmo310 = recorded('iWmo', '3.10', '2027-07-01', '2027-06-01');
    const ijw = recorded('iJw', '3.3', '2027-04-01', '2027-03-01');
    for (const entry of [iwmo310, ijw, iwmo39]) expect(await store.addReleaseEntry(entry)).toBeUndefined();

    // 3.10 sorts before 3.9 as text; the calendar is by date.
    expect(await store.listReleaseCalendar({ standard: 'iWmo' }, { consistent: true })).toEqual([
      iwmo39,
      iwmo310,
    ]);
    expect(await store.listReleaseCalendar({ standard: 'iEb' })).toEqual([]);
    expect(await store.listReleaseCalendar()).toEqual([iwmo39, ijw, iwmo310]);

    const { Item: item } = await ddb.documentClient.send(
      new GetCommand({ TableName: tableName, Key: { pk: 'RELEASE#iWmo', sk: 'VERSION#3.10' } }),
    );
    expect(item).toMatchObject({ gsi1pk: 'RELEASES', gsi1sk: '2027-07-01#iWmo#3.10', ...iwmo310 });
  });

  it('records a version once: a second entry, even at the same moment, gets the first one back', async () => {
    const { store } = await ddb.freshStore();
    const first = recorded('iEb', '2.1', '2027-07-01', '2027-06-01');
    const other = recorded('iEb', '2.1', '2027-09-01', '2027-08-01');
    await store.addReleaseEntry(first);
    expect(await store.addReleaseEntry(other)).toEqual(first);
    expect(await store.listReleaseCalendar({ standard: 'iEb' }, { consistent: true })).toEqual([first]);

    const racers = [
      recorded('iJw', '3.4', '2028-01-01', '2027-12-01'),
      recorded('iJw', '3.4', '2028-02-01', '2028-01-01'),
    ];
    const answers = await Promise.all(racers.map((entry) => store.addReleaseEntry(entry)));
    expect(answers.filter((a) => a === undefined)).toHaveLength(1);
    const kept = await store.listReleaseCalendar({ standard: 'iJw' }, { consistent: true });
    expect(kept).toHaveLength(1);
    expect(answers.find((a) => a !== undefined)).toEqual(kept[0]);
  });

  it("writes a decision's entries in the transition that puts it in force, replacing an earlier record of the version", async () => {
    const { store } = await ddb.freshStore();
    await store.addReleaseEntry(recorded('iWmo', '3.3', '2027-07-01', '2027-06-01'));
    const proposal = newProposal({ standards: ['iWmo', 'iJw'], implementationDate: '2027-10-01' });
    await store.createProposal(creation(proposal));
    const entries = entriesFromDecision(
      {
        proposalId: proposal.id,
        standards: proposal.standards,
        version: '3.3',
        implementationDate: '2027-10-01',
      },
      at(5),
    );
    await store.commitTransition(
      transition(proposal, { stateKey: 'closed', effects: entries.map(enterReleaseCalendar) }),
    );

    const decided = {
      version: '3.3',
      implementationDate: '2027-10-01',
      strategyDue: '2027-09-01',
      source: 'decision',
    };
    expect(await store.listReleaseCalendar({ standard: 'iWmo' }, { consistent: true })).toEqual([
      { standard: 'iWmo', ...decided, proposalId: proposal.id, recordedAt: at(5) },
    ]);
    expect(await store.listReleaseCalendar()).toEqual([
      { standard: 'iJw', ...decided, proposalId: proposal.id, recordedAt: at(5) },
      { standard: 'iWmo', ...decided, proposalId: proposal.id, recordedAt: at(5) },
    ]);
  });

  it("gives the objection guard the agreed dates of a proposal's standards, read consistently", async () => {
    const { store } = await ddb.freshStore();
    await store.addReleaseEntry(recorded('iWmo', '3.3', '2027-07-01', '2027-06-01'));
    await store.addReleaseEntry(recorded('iJw', '3.3', '2027-08-01', '2027-07-01'));
    await store.addReleaseEntry(recorded('iEb', '2.1', '2027-06-15', '2027-05-15'));

    const agreed = await store.agreedImplementations(['iJw', 'iWmo', 'not-a-standard']);
    expect(agreed).toEqual([
      { standard: 'iWmo', version: '3.3', implementationDate: '2027-07-01' },
      { standard: 'iJw', version: '3.3', implementationDate: '2027-08-01' },
    ]);
    expect(await store.agreedImplementations([])).toEqual([]);

    const entries = await store.listReleaseCalendar();
    expect(findBlackout(entries, ['iJw'], '2027-07-02T08:00:00.000Z')).toMatchObject({
      standard: 'iJw',
      version: '3.3',
      blackoutFrom: '2027-07-01',
    });
    // iEb's date shuts objections out then, but the proposal concerns iWmo only: nothing before 1 June.
    expect(findBlackout(entries, ['iWmo'], '2027-05-20T08:00:00.000Z')).toBeUndefined();
  });
});
