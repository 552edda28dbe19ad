import { describe, expect, it } from 'vitest';
import { putAgendaEntry, removeAgendaEntry, requireOpenMeeting } from '#shared/ports/effects.ts';
import { MAX_CLOSE_CHECKS, type ProposalRecord } from '#shared/ports/store.ts';
import {
  AgendaTooLargeError,
  MeetingClosedError,
  MeetingExistsError,
  MeetingNotFoundError,
  TransactionConditionError,
  VoteStillOpenError,
} from '#shared/ports/store-errors.ts';
import { votingPhases } from '#statemachines/proposal-lifecycle/index.ts';
import { useDynamoDbLocal } from '#test/support/dynamodb.ts';
import {
  at,
  creation,
  newMeeting,
  newProposal,
  transition,
  VOTING_PARTIES,
} from '#test/support/store-fixtures.ts';

const ddb = useDynamoDbLocal();

describe('DynamoDbStore meetings', () => {
  it('creates a meeting once and lists meetings by date', async () => {
    const { store } = await ddb.freshStore();
    const march = newMeeting({ date: '2025-03-03' });
    const february = newMeeting({ date: '2025-02-03', title: undefined });
    await store.putMeeting(march);
    await store.putMeeting(february);

    await expect(store.putMeeting(march)).rejects.toBeInstanceOf(MeetingExistsError);
    const { title: _t, ...februaryWithoutTitle } = february;
    expect(await store.listMeetings()).toEqual([februaryWithoutTitle, march]);
  });

  it('reads a meeting with the agenda that transitions put on it', async () => {
    const { store } = await ddb.freshStore();
    const meeting = newMeeting();
    const other = newMeeting();
    await store.putMeeting(meeting);
    await store.putMeeting(other);
    const proposal = newProposal();
    await store.createProposal(creation(proposal));
    const entry = { meetingId: meeting.id, proposalId: proposal.id, title: proposal.title, addedAt: at(2) };
    const scheduled = transition(proposal, {
      stateKey: 'scheduled',
      meetingId: meeting.id,
      effects: [requireOpenMeeting(meeting.id), putAgendaEntry(entry)],
    });
    await store.commitTransition(scheduled);

    expect(await store.getMeeting(meeting.id, { consistent: true })).toEqual({ meeting, agenda: [entry] });

    // Rescheduling moves the entry to the other meeting's agenda.
    const moved = { ...entry, meetingId: other.id, addedAt: at(3) };
    await store.commitTransition(
      transition(scheduled.proposal, {
        stateKey: 'scheduled',
        meetingId: other.id,
        effects: [
          requireOpenMeeting(other.id),
          removeAgendaEntry(meeting.id, proposal.id),
          putAgendaEntry(moved),
        ],
      }),
    );
    expect((await store.getMeeting(meeting.id, { consistent: true }))?.agenda).toEqual([]);
    expect((await store.getMeeting(other.id, { consistent: true }))?.agenda).toEqual([moved]);
    expect(await store.getMeeting('m-missing')).toBeUndefined();
  });

  it('records attendance while open, closes once, then refuses both', async () => {
    const { store } = await ddb.freshStore();
    const meeting = newMeeting();
    await store.putMeeting(meeting);

    const attended = await store.recordAttendance(meeting.id, VOTING_PARTIES, at(10));
    expect(attended).toEqual({ ...meeting, present: [...VOTING_PARTIES], attendanceRecordedAt: at(10) });
    const closed = await store.closeMeeting(meeting.id, at(20));
    expect(closed).toMatchObject({ status: 'closed', closedAt: at(20), present: [...VOTING_PARTIES] });

    await expect(store.recordAttendance(meeting.id, [], at(30))).rejects.toBeInstanceOf(MeetingClosedError);
    await expect(store.closeMeeting(meeting.id, at(30))).rejects.toBeInstanceOf(MeetingClosedError);
    await expect(store.recordAttendance('m-missing', [], at(30))).rejects.toBeInstanceOf(
      MeetingNotFoundError,
    );
    await expect(store.closeMeeting('m-missing', at(30))).rejects.toBeInstanceOf(MeetingNotFoundError);
  });

  it('refuses to schedule a proposal on a closed meeting, naming the check', async () => {
    const { store } = await ddb.freshStore();
    const meeting = newMeeting();
    await store.putMeeting(meeting);
    await store.closeMeeting(meeting.id, at(1));
    const proposal = newProposal();
    await store.createProposal(creation(proposal));

    const error = await store
      .commitTransition(
        transition(proposal, { stateKey: 'scheduled', effects: [requireOpenMeeting(meeting.id)] }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionConditionError);
    expect((error as TransactionConditionError).operation).toBe(
      `effects[0] ConditionCheck MEETING#${meeting.id} / MEETING`,
    );
  });
});

describe('DynamoDbStore closing a meeting while a vote may be open (art. 7.2)', () => {
  const phases = [...votingPhases];

  /** A new proposal moved to `phase` in `meetingId` (a transition, as dispatch writes it). */
  async function proposalIn(
    store: Awaited<ReturnType<typeof ddb.freshStore>>['store'],
    meetingId: string,
    phase: string,
  ): Promise<ProposalRecord> {
    const proposal = newProposal();
    await store.createProposal(creation(proposal));
    const moved = transition(proposal, { stateKey: phase, phase, meetingId });
    await store.commitTransition(moved);
    return moved.proposal;
  }

  it('refuses the close naming exactly the proposals voting in this meeting, and leaves the meeting open', async () => {
    const { store } = await ddb.freshStore();
    const meeting = newMeeting();
    const other = newMeeting();
    await store.putMeeting(meeting);
    await store.putMeeting(other);
    const voting = await proposalIn(store, meeting.id, 'voting');
    const scheduled = await proposalIn(store, meeting.id, 'scheduled');
    const reconsidering = await proposalIn(store, meeting.id, 'reconsideration-voting');
    const elsewhere = await proposalIn(store, other.id, 'voting');
    const agenda = [voting.id, scheduled.id, 'p-never-created', reconsidering.id, elsewhere.id];

    const error = await store
      .closeMeeting(meeting.id, at(20), { proposalIds: agenda, phases })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VoteStillOpenError);
    expect((error as VoteStillOpenError).proposalIds).toEqual([voting.id, reconsidering.id]);
    expect((await store.getMeeting(meeting.id, { consistent: true }))?.meeting.status).toBe('open');

    // Without the two voting proposals the same close goes through.
    const closed = await store.closeMeeting(meeting.id, at(21), {
      proposalIds: [scheduled.id, 'p-never-created', elsewhere.id],
      phases,
    });
    expect(closed).toMatchObject({ status: 'closed', closedAt: at(21) });
    await expect(
      store.closeMeeting(meeting.id, at(22), { proposalIds: [voting.id], phases }),
    ).rejects.toBeInstanceOf(MeetingClosedError);
  });

  it('never lets a vote open and the meeting close both, when they race', async () => {
    const { store } = await ddb.freshStore();
    const outcomes = { closeRefused: 0, voteRefused: 0 };
    for (let run = 0; run < 20; run++) {
      const meeting = newMeeting();
      await store.putMeeting(meeting);
      const scheduled = await proposalIn(store, meeting.id, 'scheduled');
      // The close reads the meeting before its transaction: the vote starts 0–16 ms later, so that
      // either may reach DynamoDB first.
      const lag = (run % 5) * 4;
      const [opened, closed] = await Promise.allSettled([
        new Promise((resolve) => setTimeout(resolve, lag)).then(() =>
          store.commitTransition(
            transition(scheduled, {
              stateKey: 'voting',
              meetingId: meeting.id,
              effects: [requireOpenMeeting(meeting.id)],
            }),
          ),
        ),
        store.closeMeeting(meeting.id, at(30), { proposalIds: [scheduled.id], phases }),
      ]);
      // Exactly one of the two wins; the other is refused for the reason a user would be told.
      expect([opened.status, closed.status].sort()).toEqual(['fulfilled', 'rejected']);
      if (closed.status === 'rejected') {
        expect(closed.reason).toBeInstanceOf(VoteStillOpenError);
        expect((closed.reason as VoteStillOpenError).proposalIds).toEqual([scheduled.id]);
        outcomes.closeRefused++;
      } else {
        const reason = (opened as PromiseRejectedResult).reason as TransactionConditionError;
        expect(reason).toBeInstanceOf(TransactionConditionError);
        expect(reason.operation).toBe(`effects[0] ConditionCheck MEETING#${meeting.id} / MEETING`);
        outcomes.voteRefused++;
      }
    }
    expect(outcomes.closeRefused + outcomes.voteRefused).toBe(20);
  });

  it(`refuses an agenda of more than ${MAX_CLOSE_CHECKS} proposals before writing anything`, async () => {
    const { store } = await ddb.freshStore();
    const meeting = newMeeting();
    await store.putMeeting(meeting);
    const agenda = Array.from({ length: MAX_CLOSE_CHECKS + 1 }, (_, i) => `p-${i}`);

    const error = await store
      .closeMeeting(meeting.id, at(20), { proposalIds: agenda, phases })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgendaTooLargeError);
    expect(error).toMatchObject({ agendaSize: MAX_CLOSE_CHECKS + 1, limit: MAX_CLOSE_CHECKS });
    expect((await store.getMeeting(meeting.id, { consistent: true }))?.meeting.status).toBe('open');
    // The largest agenda that fits is checked in the one transaction (DynamoDB's 100 items).
    const closed = await store.closeMeeting(meeting.id, at(21), {
      proposalIds: agenda.slice(0, MAX_CLOSE_CHECKS),
      phases,
    });
    expect(closed.status).toBe('closed');
  });
});

describe('DynamoDbStore withdrawal notices', () => {
  it('keeps one notice per party, the first, and lists them by notice date', async () => {
    const { store } = await ddb.freshStore();
    const valente = { party: 'VALENTE', noticeOn: '2025-05-01', effectiveOn: '2025-08-01', request: 'r-1' };
    expect(await store.addWithdrawalNotice(valente)).toBeUndefined();
    await store.addWithdrawalNotice({ party: 'GGZ', noticeOn: '2025-04-15', effectiveOn: '2025-07-15' });
    const second = { party: 'VALENTE', noticeOn: '2025-05-02', effectiveOn: '2025-08-02' };

    expect(await store.addWithdrawalNotice(second)).toEqual(valente);
    expect(await store.listWithdrawalNotices()).toEqual([
      { party: 'GGZ', noticeOn: '2025-04-15', effectiveOn: '2025-07-15' },
      valente,
    ]);
  });

  it('keeps exactly one of two notices given at the same moment', async () => {
    const { store } = await ddb.freshStore();
    const notices = ['a', 'b'].map((request) => ({
      party: 'CAK',
      noticeOn: '2025-05-01',
      effectiveOn: '2025-08-01',
      request,
    }));
    const earlier = await Promise.all(notices.map((n) => store.addWithdrawalNotice(n)));

    expect(earlier.filter((e) => e === undefined)).toHaveLength(1);
    expect(await store.listWithdrawalNotices()).toEqual([notices[earlier.indexOf(undefined)]]);
  });
});
