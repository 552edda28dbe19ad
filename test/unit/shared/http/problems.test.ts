import { describe, expect, it } from 'vitest';
import { QuorumNotMetError, UnknownPartyError } from '#shared/covenant/index.ts';
import {
  ConcurrentUpdateError,
  CovenantRuleError,
  EventNotPossibleError,
  ForbiddenEventError,
} from '#shared/dispatch/errors.ts';
import { CallerNotAllowedError, InvalidRequestError, UnauthenticatedError } from '#shared/http/errors.ts';
import { INTERNAL_ERROR, PROBLEM_BASE, problemBody, problemFor } from '#shared/http/problems.ts';
import { MeetingClosedError, ProposalNotFoundError, VotingClosedError } from '#shared/ports/store-errors.ts';
import { Problem } from '#shared/schemas/problem.ts';
import { IdempotencyKeyReuseError, UnknownPartiesError } from '#shared/usecases/errors.ts';

describe('shared/http/problems', () => {
  it.each([
    [new InvalidRequestError([{ path: 'body.title', message: 'required' }]), 400, 'invalid-request'],
    [new UnknownPartiesError(['NOPE'], 'body.present'), 400, 'unknown-party'],
    [new UnknownPartyError('NOPE'), 400, 'unknown-party'],
    [new UnauthenticatedError('no token'), 401, 'unauthenticated'],
    [new ForbiddenEventError('only the chair'), 403, 'forbidden'],
    [new CallerNotAllowedError('only ZIN'), 403, 'forbidden'],
    [new ProposalNotFoundError('p-1'), 404, 'proposal-not-found'],
    [new EventNotPossibleError('ready', 'ready', ['SCHEDULE'], 'not now'), 409, 'not-possible'],
    [new MeetingClosedError('m-1'), 409, 'meeting-closed'],
    [new VotingClosedError('p-1', 1, true), 409, 'voting-closed'],
    [new IdempotencyKeyReuseError('k'), 422, 'idempotency-key-reuse'],
    [
      new CovenantRuleError('objection-blackout', '7.4', 'too late', { implementationDate: '2027-03-01' }),
      422,
      'objection-blackout',
    ],
    [new QuorumNotMetError(['CAK']), 422, 'attendance-quorum'],
    [new ConcurrentUpdateError('p-1', 8), 503, 'concurrent-update'],
  ])('maps %s to %i %s', (error, status, type) => {
    expect(problemFor(error)).toMatchObject({ status, type });
  });

  it('names the phase and what is possible now in a 409, never the internal state', () => {
    const error = new EventNotPossibleError(
      'objection.inGroup.reconsiderationOverdue',
      'reconsideration',
      ['CONSENSUS', 'NO_DECISION'],
      'x',
    );
    const spec = problemFor(error, 'en');
    // DESIGN 5.1 (issue 18, item 4): public names only, never the internal state id.
    expect(spec?.extensions).toEqual({
      phase: 'reconsideration',
      possibleActions: ['record-consensus', 'record-no-decision'],
    });
    expect(spec?.detail).toBe(
      'x (phase reconsideration; possible now: record-consensus, record-no-decision)',
    );
    expect(JSON.stringify(spec)).not.toContain('reconsiderationOverdue');
    // Dutch unless the request asks for English (DESIGN 5).
    expect(problemFor(error)).toMatchObject({
      title: 'Niet mogelijk in de huidige fase',
      detail: 'Dit kan niet in de fase reconsideration; nu mogelijk: record-consensus, record-no-decision.',
      language: 'nl',
    });
  });

  it('names the rule, its article and its details in a 422', () => {
    const error = new QuorumNotMetError(['CAK', 'VNG']);
    expect(problemFor(error)).toMatchObject({
      title: 'Niet alle Ketenpartijen zijn aanwezig',
      extensions: { rule: 'attendance-quorum', article: '6.9', absent: ['CAK', 'VNG'] },
    });
    expect(problemFor(error)?.detail).toContain('(Regel van het convenant, art. 6.9.)');
    expect(problemFor(error, 'en')).toMatchObject({
      title: 'Not every voting party is present',
      detail: error.message,
      extensions: { rule: 'attendance-quorum', article: '6.9', absent: ['CAK', 'VNG'] },
    });
  });

  it('leaves unexpected errors unmatched, and writes valid problem+json', () => {
    expect(problemFor(new Error('boom'))).toBeUndefined();
    expect(problemFor('not even an error')).toBeUndefined();
    const body = problemBody(INTERNAL_ERROR, '/proposals', 'c-1');
    expect(Problem.parse(body)).toMatchObject({
      type: `${PROBLEM_BASE}internal-error`,
      status: 500,
      instance: '/proposals',
      correlationId: 'c-1',
    });
  });

  it('never lets extension members overwrite the standard members', () => {
    const spec = problemFor(new CovenantRuleError('x-rule', '1', 'detail', { type: 'evil', status: 200 }));
    const body = problemBody(spec ?? INTERNAL_ERROR, '/p', 'c');
    expect(body).toMatchObject({ type: `${PROBLEM_BASE}x-rule`, status: 422 });
  });
});
