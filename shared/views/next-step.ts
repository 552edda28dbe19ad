/**
 * `next`: one or two sentences telling a party what happens next in the procedure, by whom and by
 * when, with the covenant article. Pure: a function of the phase, the context and the deadline.
 */
import { describeDay } from '#shared/covenant/index.ts';
import { type ProposalContext, standingObjections } from '#statemachines/proposal-lifecycle/context.ts';
import type { Phase } from '#statemachines/proposal-lifecycle/phase.ts';

/** The open deadline as the view shows it. */
export interface DeadlineFacts {
  readonly lastDay: string;
  readonly overdue: boolean;
  readonly advice?: string | undefined;
}

interface Facts {
  readonly context: ProposalContext;
  readonly deadline: DeadlineFacts | undefined;
}

const by = (deadline: DeadlineFacts | undefined) => {
  if (!deadline) return '';
  const advice = deadline.advice ? ` ${deadline.advice}` : '';
  return ` by the end of ${describeDay(deadline.lastDay)} (Amsterdam time).${advice}`;
};

const overdueSince = (deadline: DeadlineFacts | undefined) =>
  deadline ? `The deadline ended on ${describeDay(deadline.lastDay)}; the members were reminded. ` : '';

const meetingOn = (c: ProposalContext) =>
  c.meetingDate ? `the meeting of ${describeDay(c.meetingDate)}` : 'its meeting';

function decidedSentence({ context: c }: Facts): string {
  const outcome = c.decision?.outcome === 'rejected' ? 'Rejected' : 'Adopted';
  const via = c.decision?.via === 'vote' ? 'by vote' : 'by consensus';
  return (
    `${outcome} ${via}. Any Ketenpartij may object until the chair closes ${meetingOn(c)} (art. 7.1, 7.2); ` +
    'when the meeting closes without an objection, the decision is in force.'
  );
}

function closedSentence({ context: c }: Facts): string {
  const outcome = c.decision?.outcome ?? 'adopted';
  if (c.objectionResult === 'lapsed') {
    return `The objection lapsed without written arguments (art. 7.3): the decision (${outcome}) is in force.`;
  }
  if (c.objectionResult === 'withdrawn')
    return `The objection was withdrawn: the decision (${outcome}) is in force.`;
  const via = c.decision?.via ?? 'consensus';
  return `The decision (${outcome}, by ${via}) is in force; nothing further happens.`;
}

const sentences: Record<Phase, (facts: Facts) => string> = {
  submitted: () =>
    'ZIN works the agenda item out into a proposal (art. 6.2); then it goes on a meeting’s agenda.',
  ready: ({ context: c }) =>
    c.pauses.length > 0
      ? 'The provider associations paused decision-making to agree among themselves first (footnote 11); ZIN puts the proposal on a meeting’s agenda again.'
      : 'ZIN puts the proposal on the agenda of a meeting (art. 6.3).',
  scheduled: ({ context: c }) =>
    `The steering group discusses it at ${meetingOn(c)}: consensus first (art. 6.7); without consensus the chair ` +
    'opens a vote, which needs every voting party present (art. 6.9). The provider associations may first ask to pause (footnote 11).',
  voting: () =>
    'The vote is open: each voting party casts its bloc vote and may change it until the chair closes the vote (art. 6.8, 6.9).',
  decided: decidedSentence,
  'no-valid-decision': () =>
    'The vote gave no valid decision (art. 6.9): ZIN schedules the proposal again, or escalates it to VWS (art. 7.5); the group may drop it by consensus.',
  'awaiting-arguments': ({ context: c, deadline }) =>
    `${awaiting(c)} must send written arguments and a solution or new proposal to the other members, each within its own six weeks${by(deadline)} ` +
    'Otherwise that objection lapses; when no objection stands the decision is in force (art. 7.3).',
  reconsideration: ({ deadline }) =>
    deadline?.overdue
      ? `${overdueSince(deadline)}The steering group still discusses the arguments and decides by consensus or vote, or ZIN records that no decision was reached (art. 7.4).`
      : `The steering group discusses the arguments and tries again to decide${by(deadline)} Without a decision the objection escalates to VWS (art. 7.4, 7.5).`,
  'reconsideration-voting': () =>
    'The reconsideration vote is open until the chair closes it; without a valid decision the objection escalates to VWS (art. 7.4, 7.5).',
  'note-drafting': ({ context: c }) =>
    (c.note?.returnedComments.length ?? 0) > 0
      ? 'The objector sent the accompanying note back; ZIN revises it (art. 7.5).'
      : 'ZIN drafts the accompanying note to VWS: the motive of the escalation and the decision requested (art. 7.5).',
  'note-approval': ({ context: c }) =>
    `${toApprove(c)} must approve the accompanying note before it goes to VWS, or send it back with comments (art. 7.5).`,
  ministry: ({ deadline }) =>
    deadline?.overdue
      ? `${overdueSince(deadline)}VWS still meets the parties involved, chaired by ZIN, and ZIN records the outcome (art. 7.6).`
      : `VWS meets the parties involved, chaired by ZIN,${by(deadline)} ZIN records the outcome (art. 7.6).`,
  dglz: () => 'The DGLZ of VWS takes the final decision, to which the parties commit (art. 7.6).',
  closed: closedSentence,
  withdrawn: () => 'The proposal was withdrawn; nothing further happens.',
  dropped: () => 'The proposal was dropped without a valid decision; nothing further happens.',
};

/** The objectors still to send arguments, in words. */
const awaiting = (c: ProposalContext) =>
  c.objections
    .filter((o) => o.status === 'awaiting-arguments')
    .map((o) => o.by)
    .join(', ') || 'The objector';

/** The standing objectors that have not yet approved the note, in words. */
const toApprove = (c: ProposalContext) =>
  standingObjections(c)
    .filter((o) => !c.note?.approvals?.some((a) => a.party === o.by))
    .map((o) => o.by)
    .join(', ') || 'The objectors';

/** What happens next, in words. */
export function nextStep(
  phase: Phase,
  context: ProposalContext,
  deadline: DeadlineFacts | undefined,
): string {
  return sentences[phase]({ context, deadline });
}
