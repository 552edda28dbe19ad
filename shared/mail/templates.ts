/**
 * The e-mail of each step of the procedure (DESIGN 2.3, 5.1) as a subject and a plain-text body:
 * Dutch first, then the English translation below a separator. Pure: the same input renders the
 * same text, so a resent step carries the same words.
 */

import type { Standard } from '#shared/covenant/index.ts';
import type { ProposalContext } from '#statemachines/proposal-lifecycle/context.ts';
import type { DecisionStep } from '#statemachines/proposal-lifecycle/notifications.ts';
import type { StepInput, StepText } from './step-text.ts';
import {
  argumentsReceived,
  escalatedToDglz,
  escalatedToMinistry,
  escalationNoteForApproval,
  escalationNoteReturned,
  ministryOverdue,
  reconsiderationOverdue,
} from './steps-escalation.ts';
import {
  decisionTaken,
  finalDecision,
  objectionLapsed,
  objectionLodged,
  objectionWithdrawn,
} from './steps-objection.ts';
import { pauseDecided, pauseRequested } from './steps-pause.ts';
import { type Bilingual, endpointLine, formatDeadline, type Lang, proposalPath, say } from './wording.ts';

/** The proposal as its e-mails name it. */
export interface MailProposal {
  readonly id: string;
  readonly title: string;
  readonly standards: readonly Standard[];
}

/** What {@link renderTemplate} renders. */
export interface TemplateInput {
  readonly step: DecisionStep;
  readonly proposal: MailProposal;
  readonly context: ProposalContext;
  /** The API's base URL, e.g. `https://api.example`; the endpoints in the text are below it. */
  readonly apiBaseUrl: string;
}

/** A rendered e-mail. */
export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
}

/** The line between the Dutch text and its English translation. */
export const LANGUAGE_SEPARATOR = `${'-'.repeat(72)}\nEnglish translation\n${'-'.repeat(72)}`;

function assertNever(value: never): never {
  throw new Error(`Unexpected decision step: ${JSON.stringify(value)}`);
}

/** A step's content in both languages, before layout. Pure and exhaustive over the step ids. */
export function describeStep(step: DecisionStep, input: StepInput): StepText {
  switch (step) {
    case 'decision-taken':
      return decisionTaken(input);
    case 'objection-lodged':
      return objectionLodged(input);
    case 'objection-lapsed':
      return objectionLapsed(input);
    case 'objection-withdrawn':
      return objectionWithdrawn(input);
    case 'arguments-received':
      return argumentsReceived(input);
    case 'reconsideration-overdue':
      return reconsiderationOverdue(input);
    case 'escalation-note-for-approval':
      return escalationNoteForApproval(input);
    case 'escalation-note-returned':
      return escalationNoteReturned(input);
    case 'escalated-to-ministry':
      return escalatedToMinistry(input);
    case 'ministry-overdue':
      return ministryOverdue(input);
    case 'escalated-to-dglz':
      return escalatedToDglz(input);
    case 'final-decision':
      return finalDecision(input);
    case 'pause-requested':
      return pauseRequested(input);
    case 'pause-decided':
      return pauseDecided(input);
    default:
      return assertNever(step);
  }
}

const headings = {
  nl: {
    proposal: 'Voorstel',
    id: 'Kenmerk',
    standards: 'Standaarden',
    step: 'Stap',
    actions: 'Wat er nu moet gebeuren',
  },
  en: { proposal: 'Proposal', id: 'Id', standards: 'Standards', step: 'Step', actions: 'What happens next' },
} as const;

/** The deadline lines, only when the step's deadline (its own, or the context's running one) is of the step's kind. */
function deadlineLines(content: StepText, context: ProposalContext, lang: Lang): string[] {
  const running = content.deadline?.running ?? context.deadline;
  if (!content.deadline || running?.kind !== content.deadline.kind) return [];
  const due = formatDeadline(running.due, lang);
  const line = content.deadline.passed
    ? say(
        `De termijn is verstreken op ${due} (Nederlandse tijd).`,
        `The deadline passed on ${due} (Amsterdam time).`,
      )
    : say(
        `Termijn: uiterlijk ${due} (Nederlandse tijd).`,
        `Deadline: ${due} (Amsterdam time) at the latest.`,
      );
  const lines = ['', line[lang]];
  // The advice comes from the covenant core in English (Algemene termijnenwet).
  if (running.advice)
    lines.push(lang === 'nl' ? `Toelichting (in het Engels): ${running.advice}` : running.advice);
  return lines;
}

function actionLines(content: StepText, apiBaseUrl: string, lang: Lang): string[] {
  return content.actions.flatMap(({ who, what, endpoint }) => {
    const lines = [`- ${who[lang]}: ${what[lang]}`];
    if (endpoint) lines.push(`    ${endpointLine(endpoint, apiBaseUrl)}`);
    if (endpoint?.body) lines.push(`    ${endpoint.body}`);
    return lines;
  });
}

function section(input: TemplateInput, content: StepText, lang: Lang): string {
  const { proposal, step } = input;
  const h = headings[lang];
  const paragraph = (text: Bilingual) => ['', text[lang]];
  return [
    `${h.proposal}: ${proposal.title}`,
    `${h.id}: ${proposal.id}`,
    `${h.standards}: ${proposal.standards.join(', ') || '-'}`,
    `${h.step}: ${content.label[lang]} (${step}), art. ${content.article}`,
    ...paragraph(content.summary),
    ...content.details.flatMap(paragraph),
    ...deadlineLines(content, input.context, lang),
    '',
    `${h.actions}:`,
    ...actionLines(content, input.apiBaseUrl, lang),
    ...paragraph(footer(input)),
  ].join('\n');
}

function footer({ proposal, apiBaseUrl }: TemplateInput): Bilingual {
  const history = endpointLine({ method: 'GET', path: proposalPath(proposal.id, 'history') }, apiBaseUrl);
  return say(
    `Dit bericht is automatisch verstuurd door het besluitvormingssysteem van de Stuurgroep iStandaarden sociaal domein. Historie: ${history}`,
    `This message was sent automatically by the decision system of the Stuurgroep iStandaarden sociaal domein. History: ${history}`,
  );
}

/**
 * Renders a step's e-mail: the subject names the step in both languages and the proposal; the body
 * names the proposal (title, id, standards), the step and its covenant article, the deadline in
 * Amsterdam time when the step has one, what each recipient must do and through which endpoint,
 * and for decisions the outcome, how it came about and the tally's summary. Pure.
 */
export function renderTemplate(input: TemplateInput): RenderedMail {
  const content = describeStep(input.step, { proposalId: input.proposal.id, context: input.context });
  const title = input.proposal.title.replace(/\s+/g, ' ').trim();
  return {
    subject: `[Stuurgroep iStandaarden] ${content.label.nl} / ${content.label.en}: ${title} (${input.proposal.id})`,
    text: `${section(input, content, 'nl')}\n\n${LANGUAGE_SEPARATOR}\n\n${section(input, content, 'en')}\n`,
  };
}
