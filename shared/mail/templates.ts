/**
 * The e-mail of each step of the procedure (DESIGN 2.3, 5.1) as a subject and a plain-text body:
 * Dutch first, then the English translation below a separator. Pure: the same input renders the
 * same text, so a resent step carries the same words.
 */

import escapeHtml from 'escape-html';
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
import { formatDeadline, type Lang, oneLine, proposalPage, say, webUrl } from './wording.ts';

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
  /** The web app's base URL (locally the local server's, in the cloud CloudFront's); links go below it. */
  readonly webBaseUrl: string;
}

/** A rendered e-mail: the same content as plain text and as HTML (multipart/alternative). */
export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
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
    open: 'Open het voorstel in de webapplicatie',
    page: 'pagina',
    recipients:
      'Dit bericht gaat aan wie nu moet handelen (Aan); de andere leden ontvangen het ter kennisneming (Cc).',
  },
  en: {
    proposal: 'Proposal',
    id: 'Id',
    standards: 'Standards',
    step: 'Step',
    actions: 'What happens next',
    open: 'Open the proposal in the web app',
    page: 'page',
    recipients:
      'This message goes to those who must act now (To); the other members receive it for information (Cc).',
  },
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

/** The paragraphs of one language's section, laid out by {@link asText} or {@link asHtml}. */
interface Section {
  readonly lang: Lang;
  readonly facts: readonly (readonly [string, string])[];
  readonly paragraphs: readonly string[];
  readonly actions: readonly { readonly line: string; readonly url?: string }[];
  readonly proposalUrl: string;
  readonly footer: string;
}

function sectionOf(input: TemplateInput, content: StepText, lang: Lang): Section {
  const { proposal, step } = input;
  const h = headings[lang];
  return {
    lang,
    facts: [
      // A title is one line (shared/schemas/common.ts); one stored before that rule is shown as one.
      [h.proposal, oneLine(proposal.title)],
      [h.id, proposal.id],
      [h.standards, proposal.standards.join(', ') || '-'],
      [h.step, `${content.label[lang]} (${step}), art. ${content.article}`],
    ],
    paragraphs: [
      content.summary[lang],
      ...content.details.map((d) => d[lang]),
      ...deadlineLines(content, input.context, lang).filter((line) => line !== ''),
    ],
    actions: content.actions.map(({ who, what, page }) => ({
      line: `${who[lang]}: ${what[lang]}`,
      ...(page ? { url: webUrl(input.webBaseUrl, page) } : {}),
    })),
    proposalUrl: webUrl(input.webBaseUrl, proposalPage(proposal.id)),
    footer: `${h.recipients} ${footer[lang]}`,
  };
}

const footer = say(
  'Dit bericht is automatisch verstuurd door het besluitvormingssysteem van de Stuurgroep iStandaarden sociaal domein; u kunt er niet op antwoorden.',
  'This message was sent automatically by the decision system of the Stuurgroep iStandaarden sociaal domein; replies are not read.',
);

function asText(section: Section): string {
  const h = headings[section.lang];
  return [
    ...section.facts.map(([name, value]) => `${name}: ${value}`),
    ...section.paragraphs.flatMap((p) => ['', p]),
    '',
    `${h.actions}:`,
    ...section.actions.flatMap(({ line, url }) => [`- ${line}`, ...(url ? [`    ${url}`] : [])]),
    '',
    `${h.open}: ${section.proposalUrl}`,
    '',
    section.footer,
  ].join('\n');
}

function asHtml(section: Section): string {
  const h = headings[section.lang];
  const link = (url: string, text: string) => `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`;
  return [
    `<section lang="${section.lang}">`,
    `<table role="presentation">${section.facts
      .map(
        ([name, value]) =>
          `<tr><th scope="row" align="left">${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`,
      )
      .join('')}</table>`,
    // Party text keeps its own line breaks; it is escaped, so it can never become markup.
    ...section.paragraphs.map((p) => `<p style="white-space: pre-wrap">${escapeHtml(p)}</p>`),
    `<h2>${escapeHtml(h.actions)}</h2>`,
    `<ul>${section.actions
      .map(({ line, url }) => `<li>${escapeHtml(line)}${url ? ` (${link(url, h.page)})` : ''}</li>`)
      .join('')}</ul>`,
    `<p><strong>${link(section.proposalUrl, h.open)}</strong></p>`,
    `<p><small>${escapeHtml(section.footer)}</small></p>`,
    '</section>',
  ].join('\n');
}

/**
 * Renders a step's e-mail: the subject names the step in both languages and the proposal; the body
 * names the proposal (title, id, standards), the step and its covenant article, the deadline in
 * Amsterdam time when the step has one, what each recipient must do, a link to the proposal's page in
 * the web app, and for decisions the outcome, how it came about and the tally's summary. Dutch first,
 * then English; the same content as text and as HTML. Pure.
 */
export function renderTemplate(input: TemplateInput): RenderedMail {
  const content = describeStep(input.step, { proposalId: input.proposal.id, context: input.context });
  const title = oneLine(input.proposal.title);
  const subject = `[Stuurgroep iStandaarden] ${content.label.nl} / ${content.label.en}: ${title} (${input.proposal.id})`;
  const nl = sectionOf(input, content, 'nl');
  const en = sectionOf(input, content, 'en');
  return {
    subject,
    text: `${asText(nl)}\n\n${LANGUAGE_SEPARATOR}\n\n${asText(en)}\n`,
    html: [
      '<!DOCTYPE html>',
      `<html lang="nl"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
      '<body style="font-family: Verdana, Arial, sans-serif; font-size: 15px; line-height: 1.5">',
      asHtml(nl),
      '<hr>',
      `<p><em>${escapeHtml('English translation')}</em></p>`,
      asHtml(en),
      '</body></html>',
      '',
    ].join('\n'),
  };
}
