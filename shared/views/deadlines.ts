/** Open deadlines (art. 7.3, 7.4, 7.6) as JSON; deadlines-calendar.ts has the iCalendar feed. */
import type { z } from 'zod';
import { amsterdamDateOf } from '#shared/covenant/index.ts';
import type { DeadlineRecord } from '#shared/ports/store.ts';
import type { DeadlineList } from '#shared/schemas/register.ts';
import { deadlinePhase } from '#statemachines/proposal-lifecycle/phase.ts';

type Entry = z.infer<typeof DeadlineList>['deadlines'][number];

/** The open deadlines, soonest first, with whether each has passed. */
export function deadlinesView(records: readonly DeadlineRecord[], now: string): z.infer<typeof DeadlineList> {
  const deadlines = records.map(
    (d): Entry => ({
      proposalId: d.proposalId,
      title: d.title,
      kind: d.kind,
      due: d.due,
      lastDay: amsterdamDateOf(d.due),
      overdue: Date.parse(now) > Date.parse(d.due),
      phase: deadlinePhase[d.kind],
    }),
  );
  return { deadlines };
}
