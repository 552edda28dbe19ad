import { Logger } from '@aws-lambda-powertools/logger';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadDefaultRegister, parseRegister } from '#shared/covenant/index.ts';
import { CovenantRuleError, EventNotPossibleError } from '#shared/dispatch/errors.ts';
import type { RelayDeps } from '#shared/dispatch/relay.ts';
import { systemClock } from '#shared/ports/clock.ts';
import { MAX_CLOSE_CHECKS } from '#shared/ports/store.ts';
import { MeetingClosedError } from '#shared/ports/store-errors.ts';
import type { CreateProposalInput } from '#shared/schemas/proposal-requests.ts';
import { createAppDeps } from '#shared/usecases/deps.ts';
import { NotAMemberError, UnknownPartiesError, VoteStillOpenError } from '#shared/usecases/errors.ts';
import { closeMeeting, createMeeting, recordAttendance } from '#shared/usecases/meetings.ts';
import { giveWithdrawalNotice } from '#shared/usecases/parties.ts';
import {
  applyEvent,
  castBallot,
  closeVoting,
  lodgeObjection,
  openVote,
  submitProposal,
} from '#shared/usecases/proposals.ts';
import { relayAfterDispatch } from '#shared/usecases/relay.ts';
import { type TestApp, testApp } from '../../functions/http/support/app.ts';
import {
  decided,
  expectCall,
  createMeeting as meetingOn,
  proposalBody,
  scheduled,
  voting,
} from '../../functions/http/support/scenarios.ts';

const VNG = { party: 'VNG', roles: [] };
const ZIN = { party: 'ZIN', roles: [] };
const input: CreateProposalInput = { ...proposalBody, kind: 'release', standards: ['iWmo'] };

let app: TestApp;
beforeEach(() => {
  app = testApp();
});

describe('shared/usecases/proposals', () => {
  // The id no longer derives from the Idempotency-Key: a retry learns what its first attempt created
  // from the key's record (createdId), and a retry with another body is refused there (422, see
  // test/unit/functions/http/idempotency.test.ts), before this use case runs.
  it('gives every tabled item its own id, and answers a resumed request with the item its first attempt created', async () => {
    const first = await submitProposal(app.deps, input, VNG);
    expect((await submitProposal(app.deps, input, VNG)).id).not.toBe(first.id);
    const resumed = await submitProposal({ ...app.deps, resumed: { createdId: first.id } }, input, VNG);
    expect(resumed).toEqual(first);
  });

  it('tables the item of a step that may run twice once, under that step’s own id', async () => {
    const first = await submitProposal(app.deps, input, VNG, 'p-withdrawal-VALENTE');
    const again = await submitProposal(app.deps, input, VNG, 'p-withdrawal-VALENTE');
    expect(again.id).toBe(first.id);
  });

  it('reports "not possible" rather than a meeting problem when the phase takes no vote', async () => {
    const { proposalId, meetingId } = await decided(app);
    await app.deps.store.closeMeeting(meetingId, '2027-02-17T12:00:00.000Z');
    await expect(openVote(app.deps, proposalId, ZIN)).rejects.toThrow(EventNotPossibleError);
  });

  it('refuses to open a vote in a closed meeting', async () => {
    const { proposalId, meetingId } = await scheduled(app);
    await app.deps.store.closeMeeting(meetingId, '2027-02-17T12:00:00.000Z');
    await expect(openVote(app.deps, proposalId, ZIN)).rejects.toThrow(MeetingClosedError);
  });
});

/** A copy of the default register in which `party`'s membership ended on `until` (art. 10). */
function registerWithout(party: string, until: string) {
  const data = structuredClone(loadDefaultRegister()) as unknown as {
    parties: { id: string; memberUntil?: string }[];
  };
  const found = data.parties.find((p) => p.id === party);
  if (found) found.memberUntil = until;
  return parseRegister(data);
}

const rule = (error: unknown) =>
  error instanceof CovenantRuleError ? { rule: error.rule, article: error.article, ...error.details } : error;

describe('shared/usecases/proposals: ballots and closing the vote (DESIGN 2.2.5, 2.2.6)', () => {
  const CAK = { party: 'CAK', roles: [] };

  it('lets the chair record the ballot a present party gives in the room, marked as recorded by the chair', async () => {
    const { proposalId } = await voting(app);
    const round = await castBallot(app.deps, proposalId, ZIN, 'VNG', { choice: 'against' });
    expect(round.ballots.VNG).toMatchObject({ choice: 'against', recordedBy: 'ZIN' });
    const own = await castBallot(app.deps, proposalId, CAK, 'CAK', { choice: 'for' });
    expect(own.ballots.CAK).not.toHaveProperty('recordedBy');
  });

  it('refuses to close while a present party has not voted, naming it (422 missing-ballots)', async () => {
    const { proposalId } = await voting(app);
    await castBallot(app.deps, proposalId, VNG, 'VNG', { choice: 'for' });
    await castBallot(app.deps, proposalId, CAK, 'CAK', { choice: 'for' });
    const error = await closeVoting(app.deps, proposalId, ZIN, {}).catch((e: unknown) => e);
    expect(rule(error)).toEqual({
      rule: 'missing-ballots',
      article: '6.9',
      missing: ['ACTIZ', 'GGZ', 'JZN', 'VALENTE', 'VGN', 'ZTNL'],
    });
  });

  it('closes with the missing ballots recorded, by name, as abstaining when the chair says so', async () => {
    const { proposalId } = await voting(app);
    await castBallot(app.deps, proposalId, VNG, 'VNG', { choice: 'for' });
    await castBallot(app.deps, proposalId, CAK, 'CAK', { choice: 'against' });
    const { proposal } = await closeVoting(app.deps, proposalId, ZIN, { missingBallots: 'abstain' });
    // art. 6.9, DESIGN 2.2.7: 6 for, 6 against of 12 cast; the six abstentions are not cast.
    expect(proposal.phase).toBe('no-valid-decision');
    const round = await app.deps.store.getRound(proposalId, 1, { consistent: true });
    const tally = round?.tally as { votes: { party: string; recordedAsMissing?: boolean }[] };
    expect(tally.votes.filter((v) => v.recordedAsMissing).map((v) => v.party)).toEqual([
      'ACTIZ',
      'GGZ',
      'JZN',
      'VALENTE',
      'VGN',
      'ZTNL',
    ]);
  });
});

describe('shared/usecases/proposals: membership and the meeting date (art. 10, DESIGN 2.1, 2.2.5)', () => {
  it('refuses an objection from a party whose membership ended before the day (422 not-a-member)', async () => {
    const { proposalId } = await decided(app);
    const deps = createAppDeps({ ...app.deps, register: registerWithout('CAK', '2027-02-16') });
    const error = await lodgeObjection(
      deps,
      proposalId,
      { party: 'CAK', roles: [] },
      { reason: 'Late.' },
    ).catch((e: unknown) => e);
    expect(rule(error)).toMatchObject({ rule: 'not-a-member', article: '10' });
  });

  it('refuses a ballot from a party whose membership ended before the day (422 not-a-member)', async () => {
    const { proposalId } = await voting(app);
    const deps = createAppDeps({ ...app.deps, register: registerWithout('VNG', '2027-02-16') });
    const error = await castBallot(deps, proposalId, VNG, 'VNG', { choice: 'for' }).catch((e: unknown) => e);
    expect(rule(error)).toMatchObject({ rule: 'not-a-member', article: '10', party: 'VNG' });
  });

  it('refuses a consensus recorded before the meeting is held (422 meeting-not-held)', async () => {
    const { proposalId } = await scheduled(app);
    const later = await meetingOn(app, '2027-03-17');
    await expectCall(app, 'POST /proposals/{id}/schedule', 200, {
      as: 'ZIN',
      params: { id: proposalId },
      body: { meetingId: later },
    });
    const consensus = {
      type: 'CONSENSUS',
      outcome: 'adopted',
      by: ZIN,
      at: app.clock.now().toISOString(),
    } as const;
    const error = await applyEvent(app.deps, proposalId, consensus).catch((e: unknown) => e);
    expect(rule(error)).toMatchObject({ rule: 'meeting-not-held', meetingDate: '2027-03-17' });
  });
});

describe('shared/usecases/meetings', () => {
  // A retry with the same key for another meeting is refused by the key's record (422), before this
  // use case runs; the use case only answers a resumed request with what its first attempt created.
  it('answers a resumed request with the meeting its first attempt created, and creates no twin', async () => {
    const first = await createMeeting(app.deps, { date: '2027-03-17' });
    const resumed = await createMeeting(
      { ...app.deps, resumed: { createdId: first.id } },
      { date: '2027-03-17' },
    );
    expect(resumed).toEqual(first);
    expect(await app.deps.store.listMeetings()).toHaveLength(1);
  });

  it('names every unknown party once', async () => {
    const meeting = await createMeeting(app.deps, { date: '2027-03-17' });
    const error = await recordAttendance(app.deps, meeting.id, ['VNG', 'X', 'X', 'Y']).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnknownPartiesError);
    expect(error).toMatchObject({ parties: ['X', 'Y'] });
  });

  it('finishes a close that was interrupted after the meeting closed, and refuses a close with nothing left', async () => {
    const { proposalId, meetingId } = await decided(app);
    await app.deps.store.closeMeeting(meetingId, '2027-02-17T12:00:00.000Z');
    const finished = await closeMeeting(app.deps, meetingId, ZIN);
    expect(finished.windowsClosed).toEqual([{ proposalId, phase: 'closed' }]);
    await expect(closeMeeting(app.deps, meetingId, ZIN)).rejects.toThrow(MeetingClosedError);
  });

  it('refuses the close while a vote is open, with no read of the agenda proposals, naming the proposal (art. 7.2)', async () => {
    const { proposalId, meetingId } = await voting(app);
    const reads = vi.spyOn(app.deps.store, 'getProposalItem');
    const error = await closeMeeting(app.deps, meetingId, ZIN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VoteStillOpenError);
    expect(error).toMatchObject({ meetingId, proposalIds: [proposalId] });
    expect(reads).not.toHaveBeenCalled();
  });

  it(`checks, of an agenda longer than ${MAX_CLOSE_CHECKS}, the proposals voting or one step from a vote`, async () => {
    const { proposalId, meetingId } = await scheduled(app);
    const found = await app.deps.store.getMeeting(meetingId, { consistent: true });
    const entry = found?.agenda[0];
    if (!found || !entry) throw new Error('the scheduled proposal is on the agenda');
    const others = Array.from({ length: MAX_CLOSE_CHECKS }, (_, i) => ({
      ...entry,
      proposalId: `p-gone-${i}`,
    }));
    vi.spyOn(app.deps.store, 'getMeeting').mockResolvedValue({ ...found, agenda: [...others, entry] });
    const close = vi.spyOn(app.deps.store, 'closeMeeting');

    await closeMeeting(app.deps, meetingId, ZIN);
    expect(close.mock.calls[0]?.[2]).toEqual({
      proposalIds: [proposalId],
      phases: ['voting', 'reconsideration-voting'],
    });
  });
});

describe('shared/usecases/parties', () => {
  it('refuses a notice from a party whose membership has ended', async () => {
    const data = structuredClone(loadDefaultRegister()) as unknown as {
      parties: { id: string; memberUntil?: string }[];
    };
    const kbsd = data.parties.find((p) => p.id === 'KBSD');
    if (kbsd) kbsd.memberUntil = '2026-12-31';
    const deps = createAppDeps({ ...app.deps, register: parseRegister(data) });
    await expect(giveWithdrawalNotice(deps, 'KBSD')).rejects.toThrow(NotAMemberError);
  });

  it('says whether the register already has the notice’s memberUntil', async () => {
    const data = structuredClone(loadDefaultRegister()) as unknown as {
      parties: { id: string; memberUntil?: string }[];
    };
    const ggz = data.parties.find((p) => p.id === 'GGZ');
    if (ggz) ggz.memberUntil = '2027-05-16';
    const deps = createAppDeps({ ...app.deps, register: parseRegister(data) });
    await expect(giveWithdrawalNotice(deps, 'GGZ')).resolves.toMatchObject({
      memberUntil: '2027-05-16',
      registerUpToDate: true,
    });
  });
});

describe('shared/usecases/relay', () => {
  it('never fails the request: a relay error is logged as a warning', async () => {
    const logger = new Logger({ logLevel: 'SILENT' });
    const warn = vi.spyOn(logger, 'warn');
    const failing = () => Promise.reject(new Error('DynamoDB unavailable'));
    const store = {
      getWorkflowRows: failing,
      getProposalItem: failing,
      getTransitionSignal: failing,
      getTaskToken: failing,
      settleSignal: failing,
    } as unknown as RelayDeps['store'];
    await expect(
      relayAfterDispatch({ store, workflow: app.deps.workflow, clock: systemClock, logger }, 'p-1'),
    ).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(
      'relay failed; the relay loop will deliver the signal',
      expect.objectContaining({ proposalId: 'p-1' }),
    );
  });
});
