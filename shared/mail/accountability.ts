/**
 * Footnote 13 ("onthouden is niet vrijblijvend"): the chair asks an abstaining party to account for
 * its abstention, and the request is e-mailed to that party. It is not a step of the lifecycle (the
 * proposal may already be final), so the API sends it itself. Pure; no MIME library is imported
 * here, so the proposals handler stays small.
 */
import { amsterdamDateOf, isMemberOn, type Register } from '#shared/covenant/index.ts';
import type { OutgoingMessage } from '#shared/ports/mailer.ts';
import { messageIdOf } from './message-id.ts';
import { plainHtml } from './plain-html.ts';
import { LIST_ID } from './sender.ts';
import { oneLine, proposalPage, quoted, say, webUrl } from './wording.ts';

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
  /** The web app's base URL: the party answers on the proposal's page there. */
  readonly webBaseUrl: string;
  readonly messageIdDomain: string;
}

/** The message to the abstaining party's representatives (To), and to the chair for its record (Cc). */
export function composeAccountabilityRequest(request: AccountabilityRequest): OutgoingMessage {
  const day = amsterdamDateOf(request.askedAt);
  const addressesOf = (id: string) =>
    request.register.parties
      .filter((p) => p.id === id && isMemberOn(p, day))
      .flatMap((p) => p.representatives.map((r) => r.email));
  const to = [...new Set(addressesOf(request.party))];
  const cc = [...new Set(addressesOf(request.askedBy))].filter((a) => !to.includes(a));
  const title = oneLine(request.title);
  const page = webUrl(request.webBaseUrl, proposalPage(request.proposalId));
  const question = quoted(say('Vraag', 'Question'), request.askedBy, request.question);
  const nl = [
    `De voorzitter vraagt ${request.party} verantwoording af te leggen over zijn onthouding bij de stemming over "${title}" (ronde ${request.round}). Onthouden is niet vrijblijvend (voetnoot 13).`,
    '',
    question.nl,
    '',
    `U antwoordt op de pagina van het voorstel: ${page}. Het antwoord komt bij de stem en in de notulen.`,
  ];
  const en = [
    `The chair asks ${request.party} to account for its abstention in the vote on "${title}" (round ${request.round}). Abstaining is not without consequence (footnote 13).`,
    '',
    question.en,
    '',
    `Please answer on the proposal's page: ${page}. The answer is kept with the ballot and in the minutes.`,
  ];
  const messageId = messageIdOf(
    request.proposalId,
    // Each question its own Message-ID: a second question to the party in the round goes out too.
    [ACCOUNTABILITY_REQUESTED, `r${request.round}`, request.party, request.askedAt.replace(/\D/g, '')],
    request.messageIdDomain,
  );
  const subject = `Verantwoording gevraagd / Accountability requested: ${title}`;
  return {
    messageId,
    from: request.from,
    to,
    cc,
    subject,
    text: [...nl, '', '---', '', ...en, ''].join('\n'),
    html: plainHtml(subject, nl, en),
    headers: {
      'X-Decision-Step': ACCOUNTABILITY_REQUESTED,
      'X-Proposal-Id': request.proposalId,
      'X-Decision-Message-Id': messageId,
      'List-Id': LIST_ID,
    },
    proposalId: request.proposalId,
    step: ACCOUNTABILITY_REQUESTED,
  };
}
