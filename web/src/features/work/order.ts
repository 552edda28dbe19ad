/** "My work" in the order a reader should do it: overdue first, then by the nearest deadline. */
import type { Schemas } from '../../api';
import { actionsOf, type DeadlineView, deadlinesOf } from '../../components/proposal';

export interface WorkItem {
  readonly proposal: Schemas['Proposal'];
  readonly overdue: boolean;
  readonly nearest: DeadlineView | undefined;
}

/** The proposals on which the API offers the reader an action, in the order to do them. */
export function orderWork(proposals: readonly Schemas['Proposal'][]): WorkItem[] {
  return proposals
    .filter((proposal) => actionsOf(proposal).length > 0)
    .map((proposal) => {
      const deadlines = deadlinesOf(proposal);
      const nearest = [...deadlines].sort((a, b) => a.due.localeCompare(b.due))[0];
      return { proposal, overdue: deadlines.some((d) => d.overdue), nearest };
    })
    .sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        (a.nearest?.due ?? '\uffff').localeCompare(b.nearest?.due ?? '\uffff') ||
        a.proposal.title.localeCompare(b.proposal.title),
    );
}
