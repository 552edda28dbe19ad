/**
 * Voting (art. 6.8, 6.9). A ballot is one conditional write on the open round: a party may change
 * its choice while the vote is open, never after. Closing the vote counts the round's ballots and
 * closes the round in the same transaction as the transition, conditioned on no ballot having
 * arrived since they were read.
 */
import {
  amsterdamDateOf,
  type Choice,
  getParty,
  isVotingParty,
  membershipOn,
} from '#shared/covenant/index.ts';
import { closeRound } from '#shared/ports/effects.ts';
import type { VotingRound, VotingStore } from '#shared/ports/store.ts';
import { ProposalNotFoundError } from '#shared/ports/store-errors.ts';
import {
  type Caller,
  type ProposalContext,
  phaseOf,
  votingPhases,
} from '#statemachines/proposal-lifecycle/index.ts';
import { type DispatchDeps, type DispatchOptions, type DispatchResult, dispatch } from './dispatch.ts';
import { CovenantRuleError, EventNotPossibleError, ForbiddenEventError } from './errors.ts';
import { restoreSnapshot } from './snapshot.ts';

export interface VoteDeps extends DispatchDeps {
  readonly store: DispatchDeps['store'] & VotingStore;
}

export interface CastBallot {
  readonly choice: Choice;
  readonly justification?: string;
  /**
   * This is a retry of a request whose ballot committed (its Idempotency-Key record says so): it
   * answers with the round as it is, without casting again, even when the vote has closed since.
   */
  readonly resumed?: boolean;
}

/**
 * Records (or replaces) the caller's ballot in the open round; a resumed request answers with the
 * round its first attempt voted in.
 */
export async function castVote(
  deps: VoteDeps,
  proposalId: string,
  by: Caller,
  partyId: string,
  ballot: CastBallot,
): Promise<VotingRound> {
  const proposal = await deps.store.getProposalItem(proposalId, { consistent: true });
  if (!proposal) throw new ProposalNotFoundError(proposalId);
  const context = restoreSnapshot(deps.machine, proposal.snapshot).context as ProposalContext;
  if (ballot.resumed) {
    const round = await roundWithBallotOf(deps, proposalId, context.round, partyId);
    if (round) return round;
  }
  if (!votingPhases.has(phaseOf(proposal.stateKey))) {
    throw new EventNotPossibleError(
      proposal.stateKey,
      phaseOf(proposal.stateKey),
      [],
      'no vote is open on this proposal',
    );
  }
  const party = deps.register.parties.find((p) => p.id === partyId);
  if (!party || !isVotingParty(party))
    throw new ForbiddenEventError('only a voting party (Ketenpartij) votes (art. 6.8)');
  const at = deps.clock.now().toISOString();
  // art. 10: only a member votes, judged on the meeting's date and on the day the ballot is given.
  for (const date of [context.meetingDate ?? proposal.updatedAt.slice(0, 10), amsterdamDateOf(at)]) {
    if (membershipOn(deps.register, partyId, date) !== 'member') {
      throw new CovenantRuleError('not-a-member', '10', `${partyId} is not a member on ${date}`, {
        party: partyId,
        date,
      });
    }
  }
  const inTheRoom = by.party !== partyId;
  if (inTheRoom && !getParty(deps.register, by.party).roles.includes('chair')) {
    throw new ForbiddenEventError(
      `only ${partyId} itself, or the chair for it in the room, may cast its vote`,
    );
  }
  if (inTheRoom && !(context.voters ?? []).includes(partyId)) {
    // DESIGN 2.2.5: the chair records only the ballot of a party present in the room.
    throw new CovenantRuleError(
      'ballot-in-the-room',
      '6.9',
      `${partyId} was not present when the vote opened`,
      {
        party: partyId,
      },
    );
  }
  // The round came with the proposal's consistent read: it tells the store which ballot a change
  // replaces, so the change is written at once (store/voting.ts).
  return deps.store.castVote(
    proposalId,
    context.round,
    partyId,
    {
      choice: ballot.choice,
      at,
      ...(ballot.justification ? { justification: ballot.justification } : {}),
      ...(inTheRoom ? { recordedBy: by.party } : {}),
    },
    proposal.latestRound,
  );
}

/** The round, if `party` has a ballot in it (consistent read). */
async function roundWithBallotOf(
  deps: VoteDeps,
  proposalId: string,
  round: number,
  party: string,
): Promise<VotingRound | undefined> {
  const found = await deps.store.getRound(proposalId, round, { consistent: true });
  return found?.ballots[party] ? found : undefined;
}

/** Closes the open vote: counts the round's ballots and decides (CLOSE_VOTE), all in one transaction. */
export function closeVote(
  deps: VoteDeps,
  proposalId: string,
  by: Caller,
  closing: { readonly missingBallots?: 'abstain' | undefined; readonly text?: string | undefined },
  options: DispatchOptions = {},
): Promise<DispatchResult> {
  return dispatch(
    deps,
    proposalId,
    async ({ context, proposal }) => {
      // The round came with the proposal's consistent read; closing it is conditional on its
      // revision, so a ballot cast since then makes the close retry on a fresh read.
      const read = proposal.latestRound;
      const round =
        read?.round === context.round
          ? read
          : await deps.store.getRound(proposalId, context.round, { consistent: true });
      const ballots = Object.entries(round?.ballots ?? {}).map(([party, b]) => ({
        party,
        choice: b.choice,
        ...(b.justification ? { justification: b.justification } : {}),
        ...(b.recordedBy ? { recordedBy: b.recordedBy } : {}),
      }));
      const at = deps.clock.now().toISOString();
      return {
        event: {
          type: 'CLOSE_VOTE',
          ballots,
          ...(closing.missingBallots ? { missingBallots: closing.missingBallots } : {}),
          ...(closing.text ? { text: closing.text } : {}),
          by,
          at,
        },
        effects: (after) =>
          round
            ? [
                closeRound({
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

/**
 * Footnote 13 ("onthouden is niet vrijblijvend"): the chair asks a party that abstained in the
 * latest round to account for it, and the party answers; both are kept with its ballot.
 */
export async function accountForAbstention(
  deps: VoteDeps,
  proposalId: string,
  partyId: string,
  by: Caller,
  body: { readonly question: string } | { readonly answer: string },
): Promise<VotingRound> {
  const proposal = await deps.store.getProposalItem(proposalId, { consistent: true });
  if (!proposal) throw new ProposalNotFoundError(proposalId);
  const context = restoreSnapshot(deps.machine, proposal.snapshot).context as ProposalContext;
  const round =
    context.round > 0
      ? await deps.store.getRound(proposalId, context.round, { consistent: true })
      : undefined;
  const ballot = round?.ballots[partyId];
  if (!round || ballot?.choice !== 'abstain') {
    throw new CovenantRuleError(
      'accountability-for-abstention',
      '6.9',
      `${partyId} did not abstain in the latest vote`,
      {
        party: partyId,
      },
    );
  }
  const at = deps.clock.now().toISOString();
  const isChair = getParty(deps.register, by.party).roles.includes('chair');
  if ('question' in body) {
    if (!isChair) throw new ForbiddenEventError('only the chair asks a party to account for its abstention');
    return deps.store.setAccountability(proposalId, round.round, partyId, {
      question: body.question,
      askedAt: at,
      askedBy: by.party,
    });
  }
  if (by.party !== partyId)
    throw new ForbiddenEventError(`only ${partyId} itself answers for its abstention`);
  if (!ballot.accountability) {
    throw new CovenantRuleError(
      'accountability-not-asked',
      '6.9',
      `the chair has not asked ${partyId} to account for its abstention`,
    );
  }
  return deps.store.setAccountability(proposalId, round.round, partyId, {
    ...ballot.accountability,
    answer: body.answer,
    answeredAt: at,
  });
}
