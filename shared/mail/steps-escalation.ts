/**
 * The content of the e-mails of the reconsideration and the escalation: arguments received, the
 * reconsideration overdue, the accompanying note, the ministry and the DGLZ (art. 7.4–7.6). Pure.
 */
import {
  currentObjection,
  membersForInformation,
  objectorOf,
  reconsiderationActions,
  type StepAction,
  type StepInput,
  type StepText,
  standingObjectorsOf,
  withdrawObjection,
} from './step-text.ts';
import { type Bilingual, quoted, say } from './wording.ts';

/** The objection argued last: the step is about its arguments, even when a lapse or withdrawal came after. */
const lastArgued = (input: StepInput) =>
  [...(input.context.objections ?? [])]
    .filter((o) => o.status === 'argued' && o.argumentsReceivedAt)
    .sort((a, b) => Date.parse(a.argumentsReceivedAt ?? '') - Date.parse(b.argumentsReceivedAt ?? ''))
    .at(-1) ?? currentObjection(input);

/**
 * `arguments-received`: once every standing objection is argued, the group has one week to discuss
 * them and decide again (art. 7.4); while another objector's arguments are still due, it waits.
 */
export function argumentsReceived(input: StepInput): StepText {
  const objection = lastArgued(input);
  const by = objection?.by ?? '?';
  const waiting = (input.context.objections ?? [])
    .filter((o) => o.status === 'awaiting-arguments')
    .map((o) => o.by);
  const sent = say(
    `${by} heeft de schriftelijke argumenten en een oplossing of nieuw voorstel ingediend (art. 7.3). `,
    `${by} has sent the written arguments and a solution or new proposal (art. 7.3). `,
  );
  const next =
    waiting.length > 0
      ? say(
          `De argumenten van ${waiting.join(', ')} worden nog verwacht; de week voor de heroverweging begint ` +
            'als elk staand bezwaar is beargumenteerd (art. 7.4).',
          `The arguments of ${waiting.join(', ')} are still due; the week for the reconsideration starts when ` +
            'every standing objection has been argued (art. 7.4).',
        )
      : say(
          'Binnen één week bespreekt de Stuurgroep de argumenten en het nieuwe voorstel en probeert alsnog tot ' +
            'een besluit te komen (art. 7.4).',
          'Within one week the steering group discusses the arguments and the new proposal and tries again ' +
            'to reach a decision (art. 7.4).',
        );
  return {
    label: say('Argumenten bij bezwaar ontvangen', 'Arguments for the objection received'),
    article: '7.4',
    summary: say(sent.nl + next.nl, sent.en + next.en),
    details: [
      quoted(say('Argumenten', 'Arguments'), by, objection?.arguments ?? ''),
      quoted(
        say('Oplossing of nieuw voorstel', 'Solution or new proposal'),
        by,
        objection?.alternativeProposal ?? '',
      ),
    ],
    ...(waiting.length > 0 ? {} : { deadline: { kind: 'reconsideration' as const, passed: false } }),
    actions: [...reconsiderationActions(), withdrawObjection(input), membersForInformation()],
  };
}

/** `reconsideration-overdue`: the week of art. 7.4 has passed; a reminder to the chair and members. */
export function reconsiderationOverdue(input: StepInput): StepText {
  return {
    label: say('Termijn heroverweging verstreken', 'Reconsideration overdue'),
    article: '7.4',
    summary: say(
      'De termijn van één week om de argumenten te bespreken en alsnog te besluiten is verstreken ' +
        '(art. 7.4). Dit is een herinnering: de heroverweging kan nog worden afgerond.',
      'The one week to discuss the arguments and decide again has passed (art. 7.4). This is a reminder: ' +
        'the reconsideration can still be completed.',
    ),
    details: [],
    deadline: { kind: 'reconsideration', passed: true },
    actions: [...reconsiderationActions(), withdrawObjection(input), membersForInformation()],
  };
}

function noteParagraphs(input: StepInput): Bilingual[] {
  const { note } = input.context;
  if (!note) return [];
  return [
    // The secretary (ZIN) drafts the note (art. 7.5).
    quoted(say('Motief van de escalatie', 'Motive of the escalation'), 'ZIN', note.motive),
    quoted(say('Gevraagd besluit', 'Requested decision'), 'ZIN', note.requestedDecision),
  ];
}

/** `escalation-note-for-approval`: the objector must approve ZIN's note before it goes to VWS (art. 7.5). */
export function escalationNoteForApproval(input: StepInput): StepText {
  // art. 7.5: every standing objector must approve the note, each on its own.
  const approvers = standingObjectorsOf(input);
  const names = approvers.length > 0 ? approvers.join(', ') : objectorOf(input);
  return {
    label: say('Begeleidende notitie ter accordering', 'Accompanying note for approval'),
    article: '7.5',
    summary: say(
      'De Stuurgroep kwam na het bezwaar niet tot een besluit; er wordt geëscaleerd naar het ministerie van ' +
        `VWS. Zorginstituut Nederland heeft de begeleidende notitie opgesteld; elke bezwaarmaker (${names}) ` +
        'moet haar inhoudelijk accorderen voordat zij aan VWS wordt voorgelegd (art. 7.5).',
      'The steering group reached no decision after the objection; the matter is escalated to the Ministry ' +
        `of VWS. Zorginstituut Nederland has drafted the accompanying note; every objector (${names}) must ` +
        'approve its content before it goes to VWS (art. 7.5).',
    ),
    details: noteParagraphs(input),
    actions: [
      {
        who: say(`Elke bezwaarmaker (${names})`, `Each objector (${names})`),
        what: say(
          'accordeert de notitie, of stuurt haar terug met opmerkingen',
          'approves the note, or returns it with comments',
        ),
      },
      withdrawObjection(input),
      membersForInformation(),
    ],
  };
}

/** `escalation-note-returned`: the objector sent the note back; ZIN revises it (art. 7.5). */
export function escalationNoteReturned(input: StepInput): StepText {
  const returned = input.context.note?.returnedComments.at(-1);
  const comments = returned?.comments ?? '';
  // art. 7.5: with several objectors, the one that sent the note back.
  const by = returned?.by ?? objectorOf(input);
  return {
    label: say('Begeleidende notitie teruggestuurd', 'Accompanying note returned'),
    article: '7.5',
    summary: say(
      `${by} heeft de begeleidende notitie niet geaccordeerd en teruggestuurd (art. 7.5).`,
      `${by} has not approved the accompanying note and has returned it (art. 7.5).`,
    ),
    details: [quoted(say('Opmerkingen', 'Comments'), by, comments)],
    actions: [
      {
        who: say('De secretaris', 'The secretary'),
        what: say('past de notitie aan en legt haar opnieuw voor', 'revises the note and submits it again'),
      },
      withdrawObjection(input),
      membersForInformation(),
    ],
  };
}

/** The actions while the ministry meets, the same before and after its month has passed (art. 7.6). */
function ministryActions(): StepAction[] {
  return [
    {
      who: say('Het ministerie van VWS', 'The Ministry of VWS'),
      what: say(
        'komt bijeen met de bij het bezwaar betrokken partijen, onder voorzitterschap van Zorginstituut Nederland',
        'meets the parties involved in the objection, chaired by Zorginstituut Nederland',
      ),
    },
    {
      who: say('De secretaris', 'The secretary'),
      what: say('legt de uitkomst van dat overleg vast', 'records the outcome of that meeting'),
    },
    membersForInformation(),
  ];
}

/** `escalated-to-ministry`: the note is approved; VWS meets the parties within one month (art. 7.5, 7.6). */
export function escalatedToMinistry(input: StepInput): StepText {
  // art. 7.5, first sentence: without a valid decision ZIN escalates with no objector to approve the note.
  const withoutObjection =
    input.context.escalation?.after === 'no-valid-decision' &&
    !(input.context.objections ?? []).some((o) => o.status !== 'moot');
  return {
    label: say('Geëscaleerd naar het ministerie van VWS', 'Escalated to the Ministry of VWS'),
    article: '7.6',
    summary: withoutObjection
      ? say(
          'De Stuurgroep kwam niet tot een geldig besluit (art. 6.9); Zorginstituut Nederland heeft het voorstel ' +
            'met de begeleidende notitie geëscaleerd naar het ministerie van VWS (art. 7.5). Het ministerie komt ' +
            'uiterlijk één maand na de escalatie bijeen met de betrokken partijen om tot een gedragen besluit te ' +
            'komen (art. 7.6).',
          'The steering group reached no valid decision (art. 6.9); Zorginstituut Nederland has escalated the ' +
            'proposal with the accompanying note to the Ministry of VWS (art. 7.5). The ministry meets the ' +
            'parties involved within one month of the escalation to reach a supported decision (art. 7.6).',
        )
      : say(
          'Elke bezwaarmaker heeft de begeleidende notitie geaccordeerd; het bezwaar is geëscaleerd naar het ' +
            'ministerie van VWS (art. 7.5). Het ministerie komt uiterlijk één maand na de escalatie bijeen met de ' +
            'bij het bezwaar betrokken partijen om tot een gedragen besluit te komen (art. 7.6).',
          'Every objector has approved the accompanying note; the objection has been escalated to the Ministry ' +
            'of VWS (art. 7.5). The ministry meets the parties involved within one month of the escalation to ' +
            'reach a supported decision (art. 7.6).',
        ),
    details: noteParagraphs(input),
    deadline: { kind: 'ministry', passed: false },
    actions: ministryActions(),
  };
}

/** `ministry-overdue`: the month of art. 7.6 has passed; a reminder to ZIN and VWS. */
export function ministryOverdue(_input: StepInput): StepText {
  return {
    label: say('Termijn ministerie verstreken', 'Ministry deadline passed'),
    article: '7.6',
    summary: say(
      'De termijn van één maand waarin het ministerie van VWS met de betrokken partijen bijeen moest komen, ' +
        'is verstreken (art. 7.6). Dit is een herinnering aan Zorginstituut Nederland en VWS.',
      'The one month within which the Ministry of VWS was to meet the parties involved has passed ' +
        '(art. 7.6). This is a reminder to Zorginstituut Nederland and VWS.',
    ),
    details: [],
    deadline: { kind: 'ministry', passed: true },
    actions: ministryActions(),
  };
}

/** `escalated-to-dglz`: no decision at the ministry; the DGLZ decides, finally (art. 7.6). */
export function escalatedToDglz(input: StepInput): StepText {
  return {
    label: say('Geëscaleerd naar de DGLZ', 'Escalated to the DGLZ'),
    article: '7.6',
    summary: say(
      'Het overleg bij het ministerie van VWS heeft niet tot een besluit geleid. Zorginstituut Nederland ' +
        'escaleert langs de bestuurlijke lijn naar de DGLZ, die een finale beslissing neemt waaraan partijen ' +
        'zich committeren (art. 7.6).',
      'The meeting at the Ministry of VWS reached no decision. Zorginstituut Nederland escalates along the ' +
        'administrative line to the DGLZ, who takes a final decision the parties commit to (art. 7.6).',
    ),
    details: noteParagraphs(input),
    actions: [
      {
        who: say('De DGLZ (VWS)', 'The DGLZ (VWS)'),
        what: say(
          'neemt de finale beslissing, met motivering',
          'takes the final decision, with its rationale',
        ),
      },
      membersForInformation(),
    ],
  };
}
