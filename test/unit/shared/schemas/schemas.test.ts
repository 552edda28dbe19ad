import { describe, expect, it } from 'vitest';
import {
  AttendanceBody,
  actionByEvent,
  actionNames,
  CastVoteBody,
  CreateProposalBody,
  EmptyBody,
  MeetingId,
  NoteApprovalBody,
  PartyId,
  Problem,
  ProposalId,
} from '#shared/schemas/index.ts';
import { eventAuthority } from '#statemachines/proposal-lifecycle/index.ts';

const proposal = {
  title: 'Release iWmo 3.3',
  description: 'Contents.',
  standards: ['iWmo'],
  kind: 'release',
};

describe('shared/schemas', () => {
  it('accepts an agenda item and refuses blank text, repeated standards and unknown fields', () => {
    expect(CreateProposalBody.parse({ ...proposal, implementationDate: '2028-01-01' })).toMatchObject(
      proposal,
    );
    expect(CreateProposalBody.safeParse({ ...proposal, title: ' \n ' }).success).toBe(false);
    expect(CreateProposalBody.safeParse({ ...proposal, standards: ['iWmo', 'iWmo'] }).success).toBe(false);
    expect(CreateProposalBody.safeParse({ ...proposal, standards: [] }).success).toBe(false);
    expect(CreateProposalBody.safeParse({ ...proposal, implementationDate: '2028-02-30' }).success).toBe(
      false,
    );
    expect(CreateProposalBody.safeParse({ ...proposal, submittedBy: 'ZIN' }).success).toBe(false);
  });

  it('keeps ids URL-safe, so that no id can break the table’s `#`-joined keys', () => {
    for (const id of ['p-abc_DEF-123', 'm-2027-02-17-x1'])
      expect(ProposalId.safeParse(id).success).toBe(true);
    for (const id of ['', 'p#1', 'a/b', 'x'.repeat(65), 'p 1'])
      expect(MeetingId.safeParse(id).success).toBe(false);
    expect(PartyId.safeParse('vng').success).toBe(false);
  });

  it('requires comments when the objector sends the note back', () => {
    expect(NoteApprovalBody.safeParse({ approved: true }).success).toBe(true);
    expect(NoteApprovalBody.safeParse({ approved: false }).error?.issues[0]?.path).toEqual(['comments']);
    expect(NoteApprovalBody.safeParse({ approved: false, comments: 'Sharpen the motive.' }).success).toBe(
      true,
    );
  });

  it('takes the three choices of a bloc vote and nothing else', () => {
    for (const choice of ['for', 'against', 'abstain'])
      expect(CastVoteBody.safeParse({ choice }).success).toBe(true);
    expect(CastVoteBody.safeParse({ choice: 'maybe' }).success).toBe(false);
    expect(EmptyBody.safeParse({ anything: 1 }).success).toBe(false);
    expect(AttendanceBody.safeParse({ present: 'VNG' }).success).toBe(false);
  });

  it('has a public action name for every model event', () => {
    expect(Object.keys(actionByEvent).sort()).toEqual(Object.keys(eventAuthority).sort());
    expect(new Set(actionNames).size).toBe(actionNames.length);
    expect(actionNames).toContain('vote');
  });

  it('validates problem details: type is a URI, status an error status, extensions allowed', () => {
    const problem = {
      type: 'https://x.example/problems/p',
      title: 'T',
      status: 409,
      detail: 'd',
      instance: '/p',
      phase: 'ready',
    };
    expect(Problem.parse(problem)).toMatchObject({ phase: 'ready' });
    expect(Problem.safeParse({ ...problem, status: 200 }).success).toBe(false);
    expect(Problem.safeParse({ ...problem, type: 'not a uri' }).success).toBe(false);
    // RFC 9457 3.1.1: a relative type, resolved against the request, as the API writes it.
    expect(Problem.safeParse({ ...problem, type: '/v1/problems/p' }).success).toBe(true);
  });
});
