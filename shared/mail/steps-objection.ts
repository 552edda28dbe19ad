/**
 * The content of the e-mails around a decision and an objection in the group: a decision taken,
 * an objection lodged, lapsed or withdrawn, and the final decision (art. 6.7, 6.9, 7.1–7.4, 7.6). Pure.
 */
import {
  currentObjection,
  membersForInformation,
  objectorOf,
  type StepInput,
  type StepText,
  standingObjectorsOf,
  theObjector,
  withdrawObjection,
} from './step-text.ts';
import { decisionParagraphs, outcomeWords, quoted, say } from './wording.ts';

/** `decision-taken`: a decision in a meeting; Ketenpartijen may object until the meeting closes. */
export function decisionTaken(input: StepInput): StepText {
  const meetingId = input.context.decision?.meetingId ?? input.context.meetingId;
  return {
    label: say('Besluit genomen', 'Decision taken'),
    article: '7.2',
    summary: say(
      'De Stuurgroep heeft een besluit genomen over dit voorstel. Tot de voorzitter de vergadering sluit, ' +
        'kan een Ketenpartij bezwaar maken; de besluitvorming wordt dan gepauzeerd (art. 7.1, 7.2).',
      'The steering group has taken a decision on this proposal. Until the chair closes the meeting, a ' +
        'voting party (Ketenpartij) may object; decision-making is then paused (art. 7.1, 7.2).',
    ),
    details: decisionParagraphs(input.context.decision),
    actions: [
      {
        who: say('Een Ketenpartij met bezwaar', 'A voting party that objects'),
        what: say(
          'maakt bezwaar, met een reden, voordat de vergadering wordt gesloten',
          'lodges its objection, with a reason, before the meeting is closed',
        ),
      },
      {
        who: say('De voorzitter', 'The chair'),
        what: say(
          'sluit de vergadering; daarmee eindigt de bezwaartermijn en is het besluit van kracht',
          'closes the meeting; this ends the objection window and the decision is in force',
        ),
        ...(meetingId === undefined ? {} : { page: `/meetings/${encodeURIComponent(meetingId)}` }),
      },
      membersForInformation(),
    ],
  };
}

/**
 * `objection-lodged`: the objector has six weeks to send arguments and a solution (art. 7.3). An
 * objection in writing before the meeting takes effect only if the decision it objects to is taken
 * (art. 7.1); its six weeks start then.
 */
export function objectionLodged(input: StepInput): StepText {
  const objection = currentObjection(input);
  const by = objection?.by ?? '?';
  const reason = objection?.reason ?? '';
  const written = objection?.status === 'pending';
  const against = outcomeWords(objection?.against ?? 'adopted');
  return {
    label: say('Bezwaar gemaakt', 'Objection lodged'),
    article: '7.3',
    summary: written
      ? say(
          `${by} heeft vooraf schriftelijk bezwaar gemaakt tegen een besluit dat het voorstel ${against.nl} ` +
            'wordt. Het bezwaar gaat in als dat besluit wordt genomen; dan wordt de besluitvorming gepauzeerd ' +
            'en beginnen de zes weken voor de argumenten (art. 7.1, 7.3).',
          `${by} has objected in writing beforehand to a decision that the proposal is ${against.en}. The ` +
            'objection takes effect if that decision is taken; decision-making is then paused and the six ' +
            'weeks for the arguments start (art. 7.1, 7.3).',
        )
      : say(
          `${by} heeft bezwaar gemaakt tegen het besluit. De besluitvorming is gepauzeerd (art. 7.2).`,
          `${by} has objected to the decision. Decision-making is paused (art. 7.2).`,
        ),
    details: [quoted(say('Reden van het bezwaar', 'Reason for the objection'), by, reason)],
    // art. 7.3: each objector's own six weeks, not the earliest of several objectors'.
    ...(written
      ? {}
      : {
          deadline: {
            kind: 'arguments' as const,
            passed: false,
            ...(objection?.argumentsDue ? { running: objection.argumentsDue } : {}),
          },
        }),
    actions: [
      {
        who: theObjector(input),
        what: say(
          'stuurt binnen zes weken de schriftelijke argumenten en een oplossing of nieuw voorstel aan de ' +
            'leden; anders vervalt het bezwaar en blijft het besluit staan (art. 7.3)',
          'sends the written arguments and a solution or new proposal to the members within six weeks; ' +
            'otherwise the objection lapses and the decision stands (art. 7.3)',
        ),
      },
      withdrawObjection(input),
      membersForInformation(),
    ],
  };
}

/** `objection-lapsed`: no arguments within six weeks; the decision stands (art. 7.3). */
export function objectionLapsed(input: StepInput): StepText {
  // Objections lodged on one day share their last day (art. 7.3) and lapse together: name them all.
  const current = currentObjection(input);
  const together = (input.context.objections ?? []).filter(
    (o) => o.status === 'lapsed' && current?.status === 'lapsed' && o.endedAt === current.endedAt,
  );
  const by = together.length > 1 ? together.map((o) => o.by).join(', ') : objectorOf(input);
  const standing = standingObjectorsOf(input);
  return {
    label: say('Bezwaar vervallen', 'Objection lapsed'),
    article: '7.3',
    summary: say(
      `Het bezwaar van ${by} is vervallen: binnen zes weken zijn geen schriftelijke argumenten met een ` +
        'oplossing of nieuw voorstel ontvangen (art. 7.3). ' +
        (standing.length > 0
          ? `Het bezwaar van ${standing.join(', ')} staat nog; de besluitvorming blijft gepauzeerd.`
          : 'Het besluit blijft staan en is van kracht.'),
      `The objection of ${by} has lapsed: no written arguments with a solution or new proposal were ` +
        'received within six weeks (art. 7.3). ' +
        (standing.length > 0
          ? `The objection of ${standing.join(', ')} still stands; decision-making stays paused.`
          : 'The decision stands and is in force.'),
    ),
    details: decisionParagraphs(input.context.decision),
    actions: [membersForInformation()],
  };
}

/** `objection-withdrawn`: the objector withdrew before the ministry; the decision stands. */
export function objectionWithdrawn(input: StepInput): StepText {
  const by = objectorOf(input);
  // Several objectors (art. 7.1): decision-making stays paused while another objection stands.
  const standing = standingObjectorsOf(input);
  return {
    label: say('Bezwaar ingetrokken', 'Objection withdrawn'),
    article: '7.2',
    summary:
      standing.length > 0
        ? say(
            `${by} heeft het bezwaar ingetrokken. Het bezwaar van ${standing.join(', ')} staat nog; de ` +
              'besluitvorming blijft gepauzeerd (art. 7.2).',
            `${by} has withdrawn the objection. The objection of ${standing.join(', ')} still stands; ` +
              'decision-making stays paused (art. 7.2).',
          )
        : say(
            `${by} heeft het bezwaar ingetrokken. De besluitvorming is niet langer gepauzeerd (art. 7.2): ` +
              'het besluit blijft staan en is van kracht.',
            `${by} has withdrawn the objection. Decision-making is no longer paused (art. 7.2): the decision ` +
              'stands and is in force.',
          ),
    details: decisionParagraphs(input.context.decision),
    actions: [membersForInformation()],
  };
}

/** `final-decision`: a reconsidered, ministerial or DGLZ decision, in force at once (art. 7.4, 7.6). */
export function finalDecision(input: StepInput): StepText {
  const { decision } = input.context;
  return {
    label: say('Definitief besluit', 'Final decision'),
    article: decision?.via === 'reconsideration' ? '7.4' : '7.6',
    summary: say(
      'Over dit voorstel is na het bezwaar definitief besloten. Het besluit is direct van kracht; er kan ' +
        'niet opnieuw bezwaar tegen worden gemaakt.',
      'After the objection, this proposal has been decided finally. The decision is in force at once and ' +
        'cannot be objected to again.',
    ),
    details: decisionParagraphs(decision),
    actions: [
      membersForInformation(),
      {
        who: say('Alle leden', 'All members'),
        what: say(
          'vinden het besluit in het besluitenregister',
          'find the decision in the decision register',
        ),
        page: '/decisions',
      },
    ],
  };
}
