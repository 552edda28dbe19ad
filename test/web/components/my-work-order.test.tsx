import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../../web/src/api/index.ts';
import { orderWork } from '../../../web/src/features/work/order.ts';

const proposal = (
  title: string,
  actions: string[],
  deadlines: { due: string; overdue: boolean }[] = [],
): Schemas['Proposal'] =>
  ({
    id: title,
    title,
    actions,
    deadlines: deadlines.map((d) => ({
      kind: 'arguments',
      lastDay: d.due.slice(0, 10),
      extended: false,
      ...d,
    })),
  }) as unknown as Schemas['Proposal'];

describe('orderWork', () => {
  it('leaves out what the reader cannot act on, puts overdue first, then the nearest deadline, then the rest', () => {
    const ordered = orderWork([
      proposal('no deadline', ['vote']),
      proposal('later', ['submit-arguments'], [{ due: '2027-03-01T22:59:59Z', overdue: false }]),
      proposal('nothing to do', [], [{ due: '2026-01-01T22:59:59Z', overdue: true }]),
      proposal('overdue', ['record-no-decision'], [{ due: '2027-02-01T22:59:59Z', overdue: true }]),
      proposal('sooner', ['object'], [{ due: '2027-02-15T22:59:59Z', overdue: false }]),
    ]);
    expect(ordered.map((w) => w.proposal.title)).toEqual(['overdue', 'sooner', 'later', 'no deadline']);
    expect(ordered[0]?.overdue).toBe(true);
  });
});
