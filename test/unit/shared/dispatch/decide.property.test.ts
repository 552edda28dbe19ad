/**
 * decide (DESIGN 3.2) is pure, and the transition it returns is complete: for any sequence of
 * events along the model's graph, replaying the audit events decide appended — from the initial
 * snapshot, through XState's pure `transition()` — gives exactly the snapshot decide returned.
 * So the audit trail alone can rebuild every proposal, and no state change hides outside it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AnyMachineSnapshot, initialTransition, transition } from 'xstate';
import { type Decision, decide, toStoredSnapshot } from '#shared/dispatch/index.ts';
import { closeRound } from '#shared/ports/effects.ts';
import type { ProposalRecord } from '#shared/ports/store.ts';
import {
  type ProposalEvent,
  phaseOf,
  stateKeyOf,
  votingPhases,
} from '#statemachines/proposal-lifecycle/index.ts';
import { deps, input, machine } from '../../../statemachines/support/lifecycle.ts';
import { pathsCoveringEveryTransition } from '../../../statemachines/support/paths.ts';

const model = { machine, ...deps };
const paths = pathsCoveringEveryTransition();

/** The proposal as createProposal writes it, without a store. */
function tabled(): ProposalRecord {
  const [snapshot] = initialTransition(machine, input);
  const stateKey = stateKeyOf(snapshot.value as string);
  return {
    id: input.proposalId,
    title: input.title,
    description: 'd',
    standards: input.standards,
    kind: input.kind,
    submittedBy: input.submittedBy,
    phase: phaseOf(stateKey),
    stateKey,
    snapshot: toStoredSnapshot(snapshot) as unknown as ProposalRecord['snapshot'],
    version: 1,
    createdAt: input.submittedAt,
    updatedAt: input.submittedAt,
  };
}

/** Decides each event in turn on the proposal the previous one left. */
function decideAll(events: readonly ProposalEvent[]): Decision[] {
  const decisions: Decision[] = [];
  let read = tabled();
  for (const event of events) {
    const decision = decide(model, read, event, event.at);
    decisions.push(decision);
    read = decision.proposal;
  }
  return decisions;
}

/** The snapshot the appended audit events give, replayed from the initial one. */
function replay(decisions: readonly Decision[]): AnyMachineSnapshot {
  let snapshot = initialTransition(machine, input)[0];
  for (const { commit } of decisions) {
    const { type, by, at, payload } = commit.event;
    [snapshot] = transition(machine, snapshot, { type, by, at, ...payload } as ProposalEvent);
  }
  return snapshot;
}

const json = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('decide', () => {
  it('has paths to check: one per transition of the model', () => {
    expect(paths.length).toBeGreaterThan(50);
  });

  it('returns a snapshot that replaying its appended events gives, along any path of the model', () => {
    const anyPrefix = fc
      .constantFrom(...paths)
      .chain((path) => fc.integer({ min: 1, max: path.events.length }).map((n) => path.events.slice(0, n)));
    fc.assert(
      fc.property(anyPrefix, (events) => {
        const decisions = decideAll(events);
        const last = decisions.at(-1) as Decision;
        expect(json(toStoredSnapshot(replay(decisions)))).toEqual(json(last.proposal.snapshot));
        // One version per transition, and the signal names the state the snapshot is in.
        expect(last.proposal.version).toBe(1 + events.length);
        expect(last.signal.target).toBe(last.proposal.stateKey);
        expect(last.commit.expectedVersion).toBe(events.length);
      }),
      { numRuns: 200 },
    );
  });

  it('is pure: the same read, event and time give the same transition', () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), (path) => {
        const once = decideAll(path.events);
        const twice = decideAll(path.events);
        expect(json(twice.map((d) => d.commit))).toEqual(json(once.map((d) => d.commit)));
      }),
      { numRuns: 25 },
    );
  });

  it('leaves the latest voting round as its transaction does: while a vote is open, it is the open round (the answer shows it)', () => {
    const anyPrefix = fc
      .constantFrom(...paths)
      .chain((path) => fc.integer({ min: 1, max: path.events.length }).map((n) => path.events.slice(0, n)));
    fc.assert(
      fc.property(anyPrefix, (events) => {
        let read = tabled();
        for (const event of events) {
          const counted = read.latestRound;
          // What closeVote adds to CLOSE_VOTE (shared/dispatch/votes.ts): the round it counted closes.
          const closing =
            event.type === 'CLOSE_VOTE' && counted
              ? () => [
                  closeRound({
                    proposalId: read.id,
                    round: counted.round,
                    readRevision: counted.revision,
                    closedAt: event.at,
                    tally: {},
                  }),
                ]
              : undefined;
          const decision = decide(model, read, event, event.at, closing);
          read = decision.latestRound
            ? { ...decision.proposal, latestRound: decision.latestRound }
            : decision.proposal;
          if (decision.context.round > 0) expect(read.latestRound?.round).toBe(decision.context.round);
          if (votingPhases.has(phaseOf(read.stateKey))) expect(read.latestRound?.status).toBe('open');
          if (event.type === 'CLOSE_VOTE') expect(read.latestRound?.status).toBe('closed');
        }
      }),
      { numRuns: 200 },
    );
  });
});
