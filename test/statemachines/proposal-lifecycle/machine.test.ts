import { describe, expect, it } from 'vitest';
import type { ProposalEvent } from '#statemachines/proposal-lifecycle/index.ts';
import { ALL_VOTING, AT, ballots, deadlineEvents, input, MEETING, run, ZIN } from '../support/lifecycle.ts';

const at = AT;
const e = {
  draft: { type: 'DRAFT', text: 'worked out', by: ZIN, at },
  schedule: { type: 'SCHEDULE', ...MEETING, by: ZIN, at },
  openVote: { type: 'OPEN_VOTE', ...MEETING, present: ALL_VOTING, by: ZIN, at },
  closeAdopted: { type: 'CLOSE_VOTE', ballots: ballots.adopted, by: ZIN, at },
  closeTied: { type: 'CLOSE_VOTE', ballots: ballots.tied, by: ZIN, at },
  consensusAdopted: { type: 'CONSENSUS', outcome: 'adopted', by: ZIN, at },
  object: { type: 'OBJECT', reason: 'too early for providers', by: { party: 'ACTIZ', roles: [] }, at },
  closeMeeting: { type: 'MEETING_CLOSED', meetingId: MEETING.meetingId, by: ZIN, at },
  arguments: {
    type: 'SUBMIT_ARGUMENTS',
    arguments: 'implementation too early',
    alternativeProposal: 'move to 2028',
    by: { party: 'ACTIZ', roles: [] },
    at,
  },
  noDecision: { type: 'NO_DECISION', by: ZIN, at },
  note: { type: 'SUBMIT_NOTE', motive: 'no decision', requestedDecision: 'decide on the date', by: ZIN, at },
  approve: { type: 'REVIEW_NOTE', approved: true, by: { party: 'ACTIZ', roles: [] }, at },
  sendBack: {
    type: 'REVIEW_NOTE',
    approved: false,
    comments: 'name the costs',
    by: { party: 'ACTIZ', roles: [] },
    at,
  },
  ministryNone: { type: 'MINISTRY_OUTCOME', outcome: 'no-decision', by: ZIN, at },
  ministryAdopted: { type: 'MINISTRY_OUTCOME', outcome: 'adopted', by: ZIN, at },
  dglzRejects: {
    type: 'FINAL_DECISION',
    outcome: 'rejected',
    rationale: 'costs',
    by: { party: 'VWS', roles: ['dglz'] },
    at,
  },
} satisfies Record<string, ProposalEvent>;

const toVote = [e.draft, e.schedule, e.openVote];
const toObjection = [...toVote, e.closeAdopted, e.object];
const toNoteApproval = [...toObjection, e.arguments, e.noDecision, e.note];

describe('proposal lifecycle', () => {
  it.each([
    [
      'art. 6.7: adopted by consensus, in force when the meeting closes',
      [e.draft, e.schedule, e.consensusAdopted, e.closeMeeting],
      'adoptedByConsensus',
    ],
    [
      'art. 6.9: adopted 12–6 by vote, in force when the meeting closes',
      [...toVote, e.closeAdopted, e.closeMeeting],
      'adoptedByVote',
    ],
    ['art. 6.9: 9–9 is no valid decision', [...toVote, e.closeTied], 'noValidDecision'],
    ['art. 6.9: no valid decision, rescheduled', [...toVote, e.closeTied, e.schedule], 'scheduled'],
    [
      'footnote 11: a provider association pauses, back to be rescheduled',
      [
        e.draft,
        e.schedule,
        { type: 'PAUSE', reason: 'first among providers', by: { party: 'VGN', roles: [] }, at },
      ],
      'ready',
    ],
    [
      'art. 7.2: an objection pauses the decision and awaits arguments',
      toObjection,
      'objection.inGroup.awaitingArguments',
    ],
    [
      'art. 7.3: arguments start the reconsideration',
      [...toObjection, e.arguments],
      'objection.inGroup.reconsideration',
    ],
    [
      'art. 7.5: the objector sends the note back',
      [...toNoteApproval, e.sendBack],
      'objection.inGroup.noteReturned',
    ],
    [
      'art. 7.5: the approved note escalates to the ministry',
      [...toNoteApproval, e.approve],
      'objection.atMinistry.ministryMeeting',
    ],
    [
      'art. 7.6: the ministry decides',
      [...toNoteApproval, e.approve, e.ministryAdopted],
      'adoptedByMinistry',
    ],
    [
      'art. 7.6: without a ministry decision the DGLZ decides',
      [...toNoteApproval, e.approve, e.ministryNone, e.dglzRejects],
      'rejectedByDglz',
    ],
  ] as const)('%s', (_name, events, expected) => {
    expect(run(events as readonly ProposalEvent[]).stateKey).toBe(expected);
  });

  it('sends the e-mail of each escalation step on entering it', () => {
    const { steps } = run([...toNoteApproval, e.sendBack, e.note, e.approve, e.ministryNone, e.dglzRejects]);
    expect(steps.flatMap((s) => s.emails.map((m) => m.step))).toEqual([
      'decision-taken',
      'objection-lodged',
      'arguments-received',
      'escalation-note-for-approval',
      'escalation-note-returned',
      'escalation-note-for-approval',
      'escalated-to-ministry',
      'escalated-to-dglz',
      'final-decision',
    ]);
  });

  it('lets the objection lapse on its six-week deadline; the decision stands (art. 7.3)', () => {
    const lodged = run(toObjection);
    expect(lodged.context.deadline).toMatchObject({ kind: 'arguments', lastDay: '2027-03-31' });
    const lapsed = run(deadlineEvents(lodged.stateKey), lodged.snapshot);
    expect(lapsed.stateKey).toBe('objectionLapsed');
    expect(lapsed.context.decision).toMatchObject({ outcome: 'adopted', via: 'vote' });
    expect(lapsed.context.objectionResult).toBe('lapsed');
    expect(lapsed.steps[0]?.emails.map((m) => m.step)).toEqual(['objection-lapsed']);
  });

  it('reminds the chair and all members when the reconsideration week passes, and still accepts a decision (art. 7.4)', () => {
    const reconsidering = run([...toObjection, e.arguments]);
    expect(reconsidering.context.deadline).toMatchObject({ kind: 'reconsideration', lastDay: '2027-02-24' });
    const overdue = run(deadlineEvents(reconsidering.stateKey), reconsidering.snapshot);
    expect(overdue.stateKey).toBe('objection.inGroup.reconsiderationOverdue');
    expect(overdue.steps[0]?.emails).toEqual([{ step: 'reconsideration-overdue', to: ['chair', 'members'] }]);
    expect(run([e.consensusAdopted], overdue.snapshot).stateKey).toBe('adoptedOnReconsideration');
  });

  it('reminds ZIN and VWS when the ministry month passes (art. 7.6)', () => {
    const atMinistry = run([...toNoteApproval, e.approve]);
    expect(atMinistry.context.deadline).toMatchObject({ kind: 'ministry', lastDay: '2027-03-17' });
    const overdue = run(deadlineEvents(atMinistry.stateKey), atMinistry.snapshot);
    expect(overdue.stateKey).toBe('objection.atMinistry.ministryOverdue');
    expect(overdue.steps[0]?.emails[0]?.to).toEqual(['secretary', 'ministry', 'members']);
  });

  it('records the decision with its tally and the meeting it was taken in', () => {
    const { context } = run([...toVote, e.closeAdopted]);
    expect(context.decision).toMatchObject({ outcome: 'adopted', via: 'vote', meetingId: MEETING.meetingId });
    expect(context.decision?.tally).toMatchObject({ for: 12, against: 6, cast: 18, threshold: 10 });
  });

  it('lets the objector withdraw before the ministry, not after (art. 7.5)', () => {
    const withdraw = { type: 'WITHDRAW_OBJECTION', by: { party: 'ACTIZ', roles: [] }, at } as const;
    expect(run([...toNoteApproval, withdraw]).stateKey).toBe('objectionWithdrawn');
    expect(run([...toNoteApproval, e.approve, withdraw]).stateKey).toBe(
      'objection.atMinistry.ministryMeeting',
    );
  });

  it('starts from the tabled agenda item with its input', () => {
    const { context, stateKey } = run([]);
    expect(stateKey).toBe('submitted');
    expect(context).toMatchObject({ ...input, round: 0, pauses: [] });
  });
});
