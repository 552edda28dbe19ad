/**
 * Voting (art. 6.8, 6.9). A ballot is one conditional write on the open round: a party may change
 * its choice while the vote is open, never after. Closing the vote counts the round's ballots and
 * closes the round in the same transaction as the transition, conditioned on no ballot having
 * arrived since they were read.
 */
import { type Choice, getParty, isMemberOn, isVotingParty } from '#shared/covenant/index.ts';
import type { VotingRound, VotingStore } from '#shared/ports/store.ts';
import { ProposalNotFoundError } from '#shared/ports/store-errors.ts';
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
}

/** Records (or replaces) the caller's ballot in the open round. */
export async function castVote(
  deps: VoteDeps,
  proposalId: string,
  by: Caller,
  ballot: CastBallot,
): Promise<VotingRound> {
  const proposal = await deps.store.getProposalItem(proposalId, { consistent: true });
  if (!proposal) throw new ProposalNotFoundError(proposalId);
  const context = restoreSnapshot(deps.machine, proposal.snapshot).context as ProposalContext;
  if (!VOTING_PHASES.has(proposal.phase)) {
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
  return deps.store.castVote(proposalId, context.round, by.party, {
    choice: ballot.choice,
    at,
    ...(ballot.justification ? { justification: ballot.justification } : {}),
  });
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
