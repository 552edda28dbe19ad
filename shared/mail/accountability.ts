/**
 * Footnote 13 ("onthouden is niet vrijblijvend"): the chair asks an abstaining party to account for
 * its abstention, and the request is e-mailed to that party. It is not a step of the lifecycle (the
 * proposal may already be final), so the API sends it itself. Pure; no MIME library is imported
 * here, so the proposals handler stays small.
 */
import { amsterdamDateOf, isMemberOn, type Register } from '#shared/covenant/index.ts';
import type { OutgoingMessage } from '#shared/ports/mailer.ts';
import { messageIdOf } from './message-id.ts';
import { endpointLine, oneLine, proposalPath, quoted, say } from './wording.ts';

/** The step id of the request (`X-Decision-Step`, DESIGN 5.1). */
export const ACCOUNTABILITY_REQUESTED = 'accountability-requested';

export interface AccountabilityRequest {
  readonly proposalId: string;
  readonly title: string;
  /** The abstaining party asked to account for it. */
  readonly party: string;
  /** The party that asked: the chair. */
  readonly askedBy: string;
  readonly question: string;
  /** The voting round it abstained in. */
  readonly round: number;
  readonly askedAt: string;
  readonly register: Register;
  readonly from: string;
  readonly apiBaseUrl: string;
  readonly messageIdDomain: string;
}

/** The message to the abstaining party's representatives, and to the chair for its record. */
export function composeAccountabilityRequest(request: AccountabilityRequest): OutgoingMessage {
  const day = amsterdamDateOf(request.askedAt);
  const addressesOf = (id: string) =>
    request.register.parties
      .filter((p) => p.id === id && isMemberOn(p, day))
      .flatMap((p) => p.representatives.map((r) => r.email));
  const to = [...new Set([...addressesOf(request.party), ...addressesOf(request.askedBy)])];
  const title = oneLine(request.title);
  const answer = endpointLine(
    { method: 'POST', path: proposalPath(request.proposalId, 'votes', request.party, 'accountability') },
    request.apiBaseUrl,
  );
  const question = quoted(say('Vraag', 'Question'), request.askedBy, request.question);
  const nl = [
    `De voorzitter vraagt ${request.party} verantwoording af te leggen over zijn onthouding bij de stemming over "${title}" (ronde ${request.round}). Onthouden is niet vrijblijvend (voetnoot 13).`,
    '',
    question.nl,
    '',
    `${request.party} antwoordt met ${answer} en {"answer": "..."}; het antwoord komt bij de stem en in de notulen.`,
  ];
  const en = [
    `The chair asks ${request.party} to account for its abstention in the vote on "${title}" (round ${request.round}). Abstaining is not without consequence (footnote 13).`,
    '',
    question.en,
    '',
    `${request.party} answers with ${answer} and {"answer": "..."}; the answer is kept with the ballot and in the minutes.`,
  ];
  const messageId = messageIdOf(
    request.proposalId,
    [ACCOUNTABILITY_REQUESTED, `r${request.round}`, request.party],
    request.messageIdDomain,
  );
  return {
    messageId,
    from: request.from,
    to,
    subject: `Verantwoording gevraagd / Accountability requested: ${title}`,
    text: [...nl, '', '---', '', ...en, ''].join('\n'),
    headers: {
      'X-Decision-Step': ACCOUNTABILITY_REQUESTED,
      'X-Proposal-Id': request.proposalId,
      'X-Decision-Message-Id': messageId,
    },
    proposalId: request.proposalId,
    step: ACCOUNTABILITY_REQUESTED,
  };
}
