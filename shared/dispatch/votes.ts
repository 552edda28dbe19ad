/**
 * Voting (art. 6.8, 6.9). A ballot is one conditional write on the open round: a party may change
 * its choice while the vote is open, never after. Closing the vote counts the round's ballots and
 * closes the round in the same transaction as the transition, conditioned on no ballot having
 * arrived since they were read.
 */
import { type Choice, getParty, isMemberOn, isVotingParty } from '#shared/covenant/index.ts';
import type { VotingRound, VotingStore } from '#shared/ports/store.ts';
import { ProposalNotFoundError, VotingClosedError } from '#shared/ports/store-errors.ts';
import { closeRoundWrite } from '#shared/store/transition-writes.ts';
import { type Caller, type ProposalContext, phaseOf } from '#statemachines/proposal-lifecycle/index.ts';
import { type DispatchDeps, type DispatchOptions, type DispatchResult, dispatch } from './dispatch.ts';
import { CovenantRuleError, EventNotPossibleError, ForbiddenEventError } from './errors.ts';
import { restoreSnapshot } from './snapshot.ts';

const VOTING_PHASES = new Set(['voting', 'reconsideration-voting']);

export interface VoteDeps extends DispatchDeps {
  readonly store: DispatchDeps['store'] & VotingStore;
}

export interface CastBallot {
  readonly choice: Choice;
  readonly justification?: string;
  /** The request casting it (`requestRef` of its Idempotency-Key), stored with the ballot. */
  readonly request?: string;
}

/**
 * Records (or replaces) the caller's ballot in the open round. A retry of the request that cast
 * the ballot (same `request`) answers with the round even when the vote has closed since.
 */
export async function castVote(
  deps: VoteDeps,
  proposalId: string,
  by: Caller,
  ballot: CastBallot,
): Promise<VotingRound> {
  const proposal = await deps.store.getProposalItem(proposalId, { consistent: true });
  if (!proposal) throw new ProposalNotFoundError(proposalId);
  const context = restoreSnapshot(deps.machine, proposal.snapshot).context as ProposalContext;
  const castBefore = () => roundCastBy(deps, proposalId, context.round, by.party, ballot.request);
  if (!VOTING_PHASES.has(proposal.phase)) {
    const round = await castBefore();
    if (round) return round;
    throw new EventNotPossibleError(
      proposal.stateKey,
      phaseOf(proposal.stateKey),
      [],
      'no vote is open on this proposal',
    );
  }
  const party = deps.register.parties.find((p) => p.id === by.party);
  if (!party || !isVotingParty(party))
    throw new ForbiddenEventError('only a voting party (Ketenpartij) votes (art. 6.8)');
  const date = context.meetingDate ?? proposal.updatedAt.slice(0, 10);
  if (!isMemberOn(getParty(deps.register, by.party), date)) {
    throw new CovenantRuleError('vote-by-member', '10', `${by.party} is no longer a member on ${date}`);
  }
  const at = deps.clock.now().toISOString();
  try {
    return await deps.store.castVote(proposalId, context.round, by.party, {
      choice: ballot.choice,
      at,
      ...(ballot.justification ? { justification: ballot.justification } : {}),
      ...(ballot.request ? { request: ballot.request } : {}),
    });
  } catch (error) {
    // The chair closed the vote since it was read: answer a retry whose first attempt counted.
    const round = error instanceof VotingClosedError ? await castBefore() : undefined;
    if (round) return round;
    throw error;
  }
}

/** The round, if `party`'s ballot in it was cast by `request`. */
async function roundCastBy(
  deps: VoteDeps,
  proposalId: string,
  round: number,
  party: string,
  request: string | undefined,
): Promise<VotingRound | undefined> {
  if (request === undefined) return undefined;
  const found = await deps.store.getRound(proposalId, round, { consistent: true });
  return found?.ballots[party]?.request === request ? found : undefined;
}

/** Closes the open vote: counts the round's ballots and decides (CLOSE_VOTE), all in one transaction. */
export function closeVote(
  deps: VoteDeps,
  proposalId: string,
  by: Caller,
  options: DispatchOptions = {},
): Promise<DispatchResult> {
  return dispatch(
    deps,
    proposalId,
    async ({ context }) => {
      const round = await deps.store.getRound(proposalId, context.round, { consistent: true });
      const ballots = Object.entries(round?.ballots ?? {}).map(([party, b]) => ({
        party,
        choice: b.choice,
        ...(b.justification ? { justification: b.justification } : {}),
      }));
      const at = deps.clock.now().toISOString();
      return {
        event: { type: 'CLOSE_VOTE', ballots, by, at },
        extra: (after) =>
          round
            ? [
                closeRoundWrite({
                  proposalId,
                  round: round.round,
                  readRevision: round.revision,
                  closedAt: at,
                  tally: (after.lastTally ?? {}) as unknown as Record<string, unknown>,
                }),
              ]
            : [],
      };
    },
    options,
  );
}
