import { describe, expect, it } from 'vitest';
import type { ProposalEvent } from '#statemachines/proposal-lifecycle/index.ts';
import {
  A_DAY_LATER,
  ALL_VOTING,
  AT,
  ballots,
  deadlineEvents,
  input,
  MEETING,
  run,
  ZIN,
} from '../support/lifecycle.ts';

const at = AT;
const e = {
  draft: { type: 'DRAFT', text: 'worked out', by: ZIN, at },
  schedule: { type: 'SCHEDULE', ...MEETING, by: ZIN, at },
  openVote: { type: 'OPEN_VOTE', ...MEETING, present: ALL_VOTING, by: ZIN, at },
  closeAdopted: { type: 'CLOSE_VOTE', ballots: ballots.adopted, by: ZIN, at },
  closeTied: { type: 'CLOSE_VOTE', ballots: ballots.tied, by: ZIN, at },
  consensusAdopted: { type: 'CONSENSUS', outcome: 'adopted', by: ZIN, at },
  askPause: { type: 'REQUEST_PAUSE', reason: 'first among providers', by: { party: 'VGN', roles: [] }, at },
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
      'footnote 11 ("vragen voor een pauzering"): a provider association asks; nothing moves until the chair decides',
      [e.draft, e.schedule, e.askPause],
      'pauseRequested',
    ],
    [
      'footnote 11: the chair grants the pause, back to be rescheduled',
      [e.draft, e.schedule, e.askPause, { type: 'DECIDE_PAUSE', granted: true, by: ZIN, at }],
      'ready',
    ],
    [
      'footnote 11: the chair refuses the pause, the item stays on the agenda',
      [
        e.draft,
        e.schedule,
        e.askPause,
        { type: 'DECIDE_PAUSE', granted: false, reason: 'urgent', by: ZIN, at },
      ],
      'scheduled',
    ],
    [
      'art. 7.5: "Als de Stuurgroep niet tot een besluit kan komen wordt er geëscaleerd": a 9–9 vote escalates',
      [...toVote, e.closeTied, { type: 'ESCALATE', reason: '9–9', by: ZIN, at }, e.note],
      'objection.atMinistry.ministryMeeting',
    ],
    [
      'DESIGN 2.2.9: the group drops an item by consensus, the chair never alone',
      [...toVote, e.closeTied, { type: 'CONSENSUS', outcome: 'dropped', by: ZIN, at }],
      'dropped',
    ],
    [
      'art. 7.1: a written objection before the meeting takes effect when its decision is taken',
      [e.draft, e.schedule, e.object, e.openVote, e.closeAdopted],
      'objection.inGroup.awaitingArguments',
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

  it('lets the objection lapse on its six-week deadline; the decision stands once the meeting is closed (art. 7.2, 7.3)', () => {
    const lodged = run([...toObjection, e.closeMeeting]);
    expect(lodged.context.deadline).toMatchObject({
      kind: 'arguments',
      lastDay: '2027-03-31',
      party: 'ACTIZ',
    });
    const lapsed = run(deadlineEvents(lodged.stateKey, lodged.context.deadline?.due), lodged.snapshot);
    expect(lapsed.stateKey).toBe('objectionLapsed');
    expect(lapsed.context.decision).toMatchObject({ outcome: 'adopted', via: 'vote' });
    expect(lapsed.context.objectionResult).toBe('lapsed');
    expect(lapsed.steps[0]?.emails.map((m) => m.step)).toEqual(['objection-lapsed']);
  });

  it('gives each objector its own six weeks: the earlier lapses, the later still runs (art. 7.1, 7.3)', () => {
    const later = {
      type: 'OBJECT',
      reason: 'also',
      by: { party: 'CAK', roles: [] },
      at: A_DAY_LATER,
    } as const;
    const two = run([...toObjection, later, e.closeMeeting]);
    expect(two.context.objections.map((o) => o.argumentsDue?.lastDay)).toEqual(['2027-03-31', '2027-04-01']);
    expect(two.context.deadline).toMatchObject({ party: 'ACTIZ', lastDay: '2027-03-31' });
    const first = run(deadlineEvents(two.stateKey, two.context.deadline?.due), two.snapshot);
    expect(first.stateKey).toBe('objection.inGroup.awaitingArguments');
    expect(first.context.objections.map((o) => [o.by, o.status])).toEqual([
      ['ACTIZ', 'lapsed'],
      ['CAK', 'awaiting-arguments'],
    ]);
    expect(first.context.deadline).toMatchObject({ party: 'CAK', lastDay: '2027-04-01' });
    const second = run(deadlineEvents(first.stateKey, first.context.deadline?.due), first.snapshot);
    expect(second.stateKey).toBe('objectionLapsed');
  });

  it('starts the reconsideration week when the last standing objection is argued (art. 7.4)', () => {
    const later = { type: 'OBJECT', reason: 'also', by: { party: 'CAK', roles: [] }, at } as const;
    const cakArgues = { ...e.arguments, by: { party: 'CAK', roles: [] } } as const;
    const one = run([...toObjection, later, e.arguments]);
    expect(one.stateKey).toBe('objection.inGroup.awaitingArguments');
    expect(one.steps.at(-1)?.emails.map((m) => m.step)).toEqual(['arguments-received']);
    const both = run([cakArgues], one.snapshot);
    expect(both.stateKey).toBe('objection.inGroup.reconsideration');
    expect(both.context.deadline).toMatchObject({ kind: 'reconsideration' });
  });

  it('needs every standing objector to approve the note before it goes to the ministry (art. 7.5)', () => {
    const later = { type: 'OBJECT', reason: 'also', by: { party: 'CAK', roles: [] }, at } as const;
    const cak = { party: 'CAK', roles: [] };
    const approval = run([
      ...toObjection,
      later,
      e.arguments,
      { ...e.arguments, by: cak },
      e.noDecision,
      e.note,
      e.approve,
    ]);
    expect(approval.stateKey).toBe('objection.inGroup.noteApproval');
    const both = run([{ ...e.approve, by: cak }], approval.snapshot);
    expect(both.stateKey).toBe('objection.atMinistry.ministryMeeting');
  });

  it('refuses to close a vote with ballots missing, unless they are recorded as abstaining (DESIGN 2.2.6)', () => {
    const voting = run(toVote);
    const onlyVng = { type: 'CLOSE_VOTE', ballots: [{ party: 'VNG', choice: 'for' }], by: ZIN, at } as const;
    expect(voting.snapshot.can(onlyVng)).toBe(false);
    const recorded = run([{ ...onlyVng, missingBallots: 'abstain' }], voting.snapshot);
    expect(recorded.stateKey).toBe('decided');
    expect(recorded.context.decision?.tally).toMatchObject({
      for: 6,
      abstain: 12,
      cast: 6,
      outcome: 'adopted',
    });
  });

  it('reminds the chair and all members when the reconsideration week passes, and still accepts a decision (art. 7.4)', () => {
    const reconsidering = run([...toObjection, e.arguments]);
    expect(reconsidering.context.deadline).toMatchObject({ kind: 'reconsideration', lastDay: '2027-02-24' });
    const overdue = run(deadlineEvents(reconsidering.stateKey), reconsidering.snapshot);
    expect(overdue.stateKey).toBe('objection.inGroup.reconsiderationOverdue');
    // DESIGN 2.3: the chair must act (To); every member is informed (Cc).
    expect(overdue.steps[0]?.emails).toEqual([
      { step: 'reconsideration-overdue', to: ['chair'], informed: ['members'] },
    ]);
    expect(run([e.consensusAdopted], overdue.snapshot).stateKey).toBe('adoptedOnReconsideration');
  });

  it('reminds ZIN and VWS when the ministry month passes (art. 7.6)', () => {
    const atMinistry = run([...toNoteApproval, e.approve]);
    expect(atMinistry.context.deadline).toMatchObject({ kind: 'ministry', lastDay: '2027-03-17' });
    const overdue = run(deadlineEvents(atMinistry.stateKey), atMinistry.snapshot);
    expect(overdue.stateKey).toBe('objection.atMinistry.ministryOverdue');
    // DESIGN 2.3: ZIN and VWS must act (To); the objector and the members are informed (Cc).
    expect(overdue.steps[0]?.emails[0]).toMatchObject({
      to: ['secretary', 'ministry'],
      informed: ['objector', 'members'],
    });
  });

  it('records the decision with its tally and the meeting it was taken in', () => {
    const { context } = run([...toVote, e.closeAdopted]);
    expect(context.decision).toMatchObject({ outcome: 'adopted', via: 'vote', meetingId: MEETING.meetingId });
    expect(context.decision?.tally).toMatchObject({ for: 12, against: 6, cast: 18, threshold: 10 });
  });

  it('lets the objector withdraw before the ministry, not after (art. 7.5)', () => {
    const withdraw = { type: 'WITHDRAW_OBJECTION', by: { party: 'ACTIZ', roles: [] }, at } as const;
    // art. 7.2: while the decision's meeting is open the decision waits for it to close.
    expect(run([...toNoteApproval, withdraw]).stateKey).toBe('decided');
    expect(run([...toObjection, e.closeMeeting, e.arguments, e.noDecision, e.note, withdraw]).stateKey).toBe(
      'objectionWithdrawn',
    );
    expect(run([...toNoteApproval, e.approve, withdraw]).stateKey).toBe(
      'objection.atMinistry.ministryMeeting',
    );
  });

  it('starts from the tabled agenda item with its input', () => {
    const { context, stateKey } = run([]);
    expect(stateKey).toBe('submitted');
    expect(context).toMatchObject({ ...input, round: 0, pauses: [], objections: [] });
  });
});
