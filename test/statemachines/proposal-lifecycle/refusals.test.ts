import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { initialTransition } from 'xstate';
import {
  actionsFor,
  type Caller,
  eventAuthority,
  explainRefusal,
  finalPhases,
  guardChecks,
  guardName,
  type ProposalEvent,
  phaseByStateKey,
  phaseOf,
  UnknownStateError,
} from '#statemachines/proposal-lifecycle/index.ts';
import { ALL_VOTING, AT, ballots, deps, input, MEETING, machine, run, ZIN } from '../support/lifecycle.ts';

const at = AT;
const party = (id: string, roles: string[] = []): Caller => ({ party: id, roles });
const scheduled = () =>
  run([
    { type: 'DRAFT', text: 'x', by: ZIN, at },
    { type: 'SCHEDULE', ...MEETING, by: ZIN, at },
  ]);
const decided = (implementationDate?: string) =>
  run(
    [
      { type: 'DRAFT', text: 'x', by: ZIN, at },
      { type: 'SCHEDULE', ...MEETING, by: ZIN, at },
      { type: 'CONSENSUS', outcome: 'adopted', by: ZIN, at },
    ],
    undefined,
    implementationDate,
  );

const explain = (r: ReturnType<typeof run>, event: ProposalEvent) =>
  explainRefusal(machine, deps, r.stateKey, r.context, event);

describe('explainRefusal', () => {
  it('refuses a vote without the attendance quorum, naming the absent party (art. 6.9)', () => {
    const present = ALL_VOTING.filter((p) => p !== 'CAK');
    const event = { type: 'OPEN_VOTE', ...MEETING, present, by: ZIN, at } as const;
    expect(run([event], scheduled().snapshot).stateKey).toBe('scheduled');
    expect(explain(scheduled(), event)).toMatchObject({
      kind: 'covenant',
      rule: 'attendance-quorum',
      article: '6.9',
      details: { absent: ['CAK'] },
    });
  });

  it('refuses an objection by a coordinating party (art. 7.2)', () => {
    const event = { type: 'OBJECT', reason: 'x', by: party('KBSD'), at } as const;
    expect(explain(decided(), event)).toEqual({
      kind: 'forbidden',
      reason: 'only a Ketenpartij (a voting party) may lodge an objection (art. 7.2)',
    });
  });

  it('refuses an objection to an implementation in the month before an agreed date of the release calendar, naming date and version (art. 7.4)', () => {
    const implementation = () => {
      const [start] = initialTransition(machine, { ...input, kind: 'implementation' });
      return run(
        [
          { type: 'DRAFT', text: 'x', by: ZIN, at },
          { type: 'SCHEDULE', ...MEETING, by: ZIN, at },
          { type: 'CONSENSUS', outcome: 'adopted', by: ZIN, at },
        ],
        start,
      );
    };
    const agreed = (implementationDate: string) =>
      [{ standard: 'iWmo', version: '3.3', implementationDate }] as const;
    const event = (date: string) =>
      ({ type: 'OBJECT', reason: 'x', calendar: agreed(date), by: party('CAK'), at }) as const;
    expect(explain(implementation(), event('2027-03-01'))).toMatchObject({
      kind: 'covenant',
      rule: 'objection-blackout',
      details: { implementationDate: '2027-03-01', version: '3.3', standard: 'iWmo' },
    });
    expect(run([event('2027-06-01')], implementation().snapshot).stateKey).toBe(
      'objection.inGroup.awaitingArguments',
    );
    // DESIGN 2.4: a date typed into the proposal is not an agreed date; only the calendar is.
    const typed = { type: 'OBJECT', reason: 'x', by: party('CAK'), at } as const;
    expect(run([typed], decided('2027-03-01').snapshot).stateKey).toBe('objection.inGroup.awaitingArguments');
  });

  it('refuses a pause request by a party that is not a provider association (footnote 11)', () => {
    const event = { type: 'REQUEST_PAUSE', reason: 'x', by: party('VNG'), at } as const;
    expect(explain(scheduled(), event)).toMatchObject({ kind: 'forbidden' });
  });

  it('refuses any act of a party whose membership has ended, in covenant terms (art. 10)', () => {
    const ended = {
      ...deps.register,
      parties: deps.register.parties.map((p) => (p.id === 'CAK' ? { ...p, memberUntil: '2027-01-31' } : p)),
    };
    const event = { type: 'OBJECT', reason: 'x', by: party('CAK'), at } as const;
    expect(
      explainRefusal(machine, { ...deps, register: ended }, 'decided', decided().context, event),
    ).toMatchObject({
      kind: 'covenant',
      rule: 'not-a-member',
      article: '10',
    });
  });

  it('refuses the final decision to VWS without the dglz role, and to ZIN even with it (art. 7.6)', () => {
    const cak = party('CAK');
    const atDglz = run(
      [
        { type: 'OBJECT', reason: 'x', by: cak, at },
        { type: 'SUBMIT_ARGUMENTS', arguments: 'a', alternativeProposal: 'b', by: cak, at },
        { type: 'NO_DECISION', by: ZIN, at },
        { type: 'SUBMIT_NOTE', motive: 'm', requestedDecision: 'd', by: ZIN, at },
        { type: 'REVIEW_NOTE', approved: true, by: cak, at },
        { type: 'MINISTRY_OUTCOME', outcome: 'no-decision', by: ZIN, at },
      ],
      decided().snapshot,
    );
    expect(atDglz.stateKey).toBe('objection.atMinistry.dglz');
    const decide = (by: Caller) =>
      ({ type: 'FINAL_DECISION', outcome: 'adopted', rationale: 'x', by, at }) as const;
    expect(run([decide(party('VWS'))], atDglz.snapshot).stateKey).toBe('objection.atMinistry.dglz');
    expect(explain(atDglz, decide(party('VWS')))).toMatchObject({ kind: 'forbidden' });
    expect(explain(atDglz, decide(party('ZIN', ['dglz'])))).toMatchObject({ kind: 'forbidden' });
    expect(run([decide(party('VWS', ['dglz']))], atDglz.snapshot).stateKey).toBe('adoptedByDglz');
  });

  it('says what is possible now when the event does not fit the state', () => {
    const event = { type: 'CLOSE_VOTE', ballots: ballots.adopted, by: ZIN, at } as const;
    expect(explain(scheduled(), event)).toEqual({
      kind: 'not-possible',
      state: 'scheduled',
      reason: 'CLOSE_VOTE is not possible now',
      // art. 7.1: objections in writing beforehand; footnote 11: a pause is asked for.
      possible: ['CONSENSUS', 'OBJECT', 'OPEN_VOTE', 'REQUEST_PAUSE', 'SCHEDULE', 'WITHDRAW'],
    });
  });

  it('refuses a party that is not in the register', () => {
    expect(explain(scheduled(), { type: 'SCHEDULE', ...MEETING, by: party('NOPE'), at })).toEqual({
      kind: 'forbidden',
      reason: 'party NOPE is not in the register',
    });
  });
});

describe('actionsFor', () => {
  it('lists what each caller may do now', () => {
    const r = decided();
    const actions = (c: Caller) => actionsFor(machine, deps, r.stateKey, r.context, c, at);
    expect(actions(party('CAK'))).toEqual(['OBJECT']);
    expect(actions(ZIN)).toEqual(['MEETING_CLOSED']);
    expect(actions(party('KBSD'))).toEqual([]);
  });
});

describe('the role matrix', () => {
  const callers = [...deps.register.parties.map((p) => party(p.id)), party('VWS', ['dglz']), party('NOPE')];
  const eventNodes = (node: AnyStateNode): AnyStateNode[] => [
    node,
    ...Object.values(node.states).flatMap(eventNodes),
  ];

  it('is part of every guard: no guard lets through a caller its event refuses', () => {
    const r = run([], undefined);
    for (const node of eventNodes(machine.root)) {
      for (const [type, transitions] of node.transitions) {
        if (type.startsWith('xstate.')) continue;
        for (const t of transitions) {
          const guard = guardName(t.guard);
          expect(guard, `${node.id} ${type} has a guard`).toBeDefined();
          for (const by of callers) {
            const event = { type, by, at } as ProposalEvent;
            const authority = eventAuthority[type as ProposalEvent['type']](deps, r.context, event);
            if (authority && guard)
              expect(guardChecks[guard](deps, r.context, event), `${guard} for ${by.party}`).not.toBeNull();
          }
        }
      }
    }
  });
});

describe('phaseOf', () => {
  const atomicKeys = (node: AnyStateNode, prefix = ''): string[] =>
    Object.entries(node.states).flatMap(([key, child]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      return Object.keys(child.states).length ? atomicKeys(child, path) : [path];
    });

  it('maps every atomic and final state of the model, and nothing else', () => {
    expect(Object.keys(phaseByStateKey).sort()).toEqual(atomicKeys(machine.root).sort());
  });

  it('names as final exactly the phases of the model’s final states', () => {
    const finalKeys = (node: AnyStateNode, prefix = ''): string[] =>
      Object.entries(node.states).flatMap(([key, child]) => {
        const path = prefix ? `${prefix}.${key}` : key;
        return child.type === 'final' ? [path] : finalKeys(child, path);
      });
    const keys = Object.keys(phaseByStateKey);
    expect(keys.filter((key) => finalPhases.has(phaseOf(key))).sort()).toEqual(
      finalKeys(machine.root).sort(),
    );
  });

  it('shows the reconsideration as one phase, overdue or not', () => {
    expect(phaseOf('objection.inGroup.reconsiderationOverdue')).toBe('reconsideration');
  });

  it('refuses a state the model does not have', () => {
    expect(() => phaseOf('limbo')).toThrow(UnknownStateError);
  });
});
