import { Logger } from '@aws-lambda-powertools/logger';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadDefaultRegister, parseRegister } from '#shared/covenant/index.ts';
import { EventNotPossibleError } from '#shared/dispatch/errors.ts';
import type { WorkflowStore } from '#shared/ports/store.ts';
import { MeetingClosedError } from '#shared/ports/store-errors.ts';
import type { CreateProposalInput } from '#shared/schemas/proposal-requests.ts';
import { createAppDeps } from '#shared/usecases/deps.ts';
import { IdempotencyKeyReuseError, NotAMemberError, UnknownPartiesError } from '#shared/usecases/errors.ts';
import { closeMeeting, createMeeting, recordAttendance } from '#shared/usecases/meetings.ts';
import { giveWithdrawalNotice } from '#shared/usecases/parties.ts';
import { openVote, submitProposal } from '#shared/usecases/proposals.ts';
import { relayAfterDispatch } from '#shared/usecases/relay.ts';
import { type TestApp, testApp } from '../../functions/http/support/app.ts';
import { decided, proposalBody, scheduled } from '../../functions/http/support/scenarios.ts';

const VNG = { party: 'VNG', roles: [] };
const ZIN = { party: 'ZIN', roles: [] };
const input: CreateProposalInput = { ...proposalBody, kind: 'release', standards: ['iWmo'] };

let app: TestApp;
beforeEach(() => {
  app = testApp();
});

describe('shared/usecases/proposals', () => {
  it('derives the id from the caller and the Idempotency-Key, so a retry finds what it created', async () => {
    const first = await submitProposal(app.deps, input, VNG, 'key-1');
    const again = await submitProposal(app.deps, input, VNG, 'key-1');
    expect(again.id).toBe(first.id);
    expect((await submitProposal(app.deps, input, { party: 'CAK', roles: [] }, 'key-1')).id).not.toBe(
      first.id,
    );
    expect((await submitProposal(app.deps, input, VNG)).id).not.toBe(
      (await submitProposal(app.deps, input, VNG)).id,
    );
  });

  it('refuses a retry that is not the same submission', async () => {
    await submitProposal(app.deps, input, VNG, 'key-2');
    await expect(submitProposal(app.deps, { ...input, title: 'Another' }, VNG, 'key-2')).rejects.toThrow(
      IdempotencyKeyReuseError,
    );
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

describe('shared/usecases/meetings', () => {
  it('finds the meeting a first attempt with the same key created, and refuses the key for another meeting', async () => {
    const first = await createMeeting(app.deps, { date: '2027-03-17' }, ZIN, 'm-key');
    expect(await createMeeting(app.deps, { date: '2027-03-17' }, ZIN, 'm-key')).toEqual(first);
    await expect(createMeeting(app.deps, { date: '2027-04-21' }, ZIN, 'm-key')).resolves.toMatchObject({
      date: '2027-04-21',
    });
    await expect(
      createMeeting(app.deps, { date: '2027-03-17', title: 'Other' }, ZIN, 'm-key'),
    ).rejects.toThrow(IdempotencyKeyReuseError);
  });

  it('names every unknown party once', async () => {
    const meeting = await createMeeting(app.deps, { date: '2027-03-17' }, ZIN);
    const error = await recordAttendance(app.deps, meeting.id, ['VNG', 'X', 'X', 'Y'], ZIN).catch(
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
      getSignals: failing,
      getTaskToken: failing,
      deleteTaskToken: failing,
      deleteSignal: failing,
    } as unknown as WorkflowStore;
    await expect(
      relayAfterDispatch({ store, workflow: app.deps.workflow, logger }, 'p-1'),
    ).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(
      'relay failed; the relay loop will deliver the signal',
      expect.objectContaining({ proposalId: 'p-1' }),
    );
  });
});
