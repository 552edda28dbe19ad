/**
 * `next`: one or two sentences telling a party what happens next in the procedure, by whom and by
 * when, with the covenant article. Pure: a function of the phase, the context, the deadline and the
 * language; the words are the message catalogue's (shared/messages).
 */
import { type Language, type NextFacts, nextTextsFor } from '#shared/messages/index.ts';
import { type ProposalContext, standingObjections } from '#statemachines/proposal-lifecycle/context.ts';
import type { Phase } from '#statemachines/proposal-lifecycle/phase.ts';

/** The open deadline as the view shows it. */
export interface DeadlineFacts {
  readonly lastDay: string;
  readonly overdue: boolean;
  readonly extended?: boolean | undefined;
  readonly advice?: string | undefined;
}

/** The facts the sentences are written from. */
function factsOf(c: ProposalContext, deadline: DeadlineFacts | undefined): NextFacts {
  return {
    outcome: c.decision?.outcome === 'rejected' ? 'rejected' : 'adopted',
    via: c.decision?.via ?? 'consensus',
    meetingDate: c.meetingDate,
    paused: c.pauses.length > 0,
    objectionResult: c.objectionResult,
    awaiting: c.objections.filter((o) => o.status === 'awaiting-arguments').map((o) => o.by),
    toApprove: standingObjections(c)
      .filter((o) => !c.note?.approvals?.some((a) => a.party === o.by))
      .map((o) => o.by),
    noteReturned: (c.note?.returnedComments.length ?? 0) > 0,
    ...(deadline ? { deadline } : {}),
  };
}

/** What happens next, in words, in `language` (Dutch by default). */
export function nextStep(
  phase: Phase,
  context: ProposalContext,
  deadline: DeadlineFacts | undefined,
  language: Language = 'nl',
): string {
  return nextTextsFor(language)[phase](factsOf(context, deadline));
}
