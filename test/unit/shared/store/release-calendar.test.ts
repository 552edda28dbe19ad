import { describe, expect, it } from 'vitest';
import type { ReleaseEntryRecord } from '#shared/ports/store.ts';
import { releaseEntryItem } from '#shared/store/items.ts';
import { releaseEntryGsi1, releaseEntryKey } from '#shared/store/keys.ts';
import { putReleaseEntryWrite } from '#shared/store/transition-writes.ts';

const entry: ReleaseEntryRecord = {
  standard: 'iJw',
  version: '3.3.1',
  implementationDate: '2027-07-01',
  strategyDue: '2027-06-01',
  source: 'decision',
  proposalId: 'p-1',
  recordedAt: '2027-02-17T09:00:00.000Z',
};

describe('store/release-calendar', () => {
  it('keys an entry by standard and version, and lists it by date across standards', () => {
    expect(releaseEntryItem(entry)).toEqual({
      pk: 'RELEASE#iJw',
      sk: 'VERSION#3.3.1',
      gsi1pk: 'RELEASES',
      gsi1sk: '2027-07-01#iJw#3.3.1',
      ...entry,
    });
    expect(() => releaseEntryKey('iJw', '3#3')).toThrow(RangeError);
    expect(() => releaseEntryGsi1('2027-07-01', '', '3.3')).toThrow(RangeError);
  });

  it("puts a decision's entry in a transition without a condition: the decision in force replaces an earlier record", () => {
    const write = putReleaseEntryWrite({ ...entry, recordedBy: undefined } as ReleaseEntryRecord);
    expect(write).toEqual({ Put: { Item: releaseEntryItem(entry) } });
    expect(JSON.stringify(write)).not.toContain('ConditionExpression');
  });
});
