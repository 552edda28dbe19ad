/**
 * The content of the e-mails around a pause (footnote 11): a provider association asks for it,
 * the chair grants or refuses it. Pure.
 */
import { membersForInformation, type StepInput, type StepText } from './step-text.ts';
import { quoted, say } from './wording.ts';

/** `pause-requested`: the chair decides; nothing moves until then. */
export function pauseRequested(input: StepInput): StepText {
  const request = input.context.pauseRequest;
  const by = request?.by ?? '?';
  return {
    label: say('Pauze gevraagd', 'Pause requested'),
    article: '6.7',
    summary: say(
      `${by} vraagt om een pauze in de besluitvorming om eerst consensus te bereiken tussen de ` +
        'brancheorganisaties (voetnoot 11). De voorzitter beslist; tot dan ligt het voorstel stil.',
      `${by} asks for a pause in decision-making to reach consensus among the provider associations ` +
        'first (footnote 11). The chair decides; until then the proposal waits.',
    ),
    details: [quoted(say('Reden', 'Reason'), by, request?.reason ?? '')],
    actions: [
      {
        who: say('De voorzitter', 'The chair'),
        what: say(
          'verleent of weigert de pauze, met een reden',
          'grants or refuses the pause, with a reason',
        ),
      },
      membersForInformation(),
    ],
  };
}

/** `pause-decided`: granted, the item goes back to be rescheduled; refused, it stays on the agenda. */
export function pauseDecided(input: StepInput): StepText {
  const request = input.context.pauseRequest;
  const granted = request?.status === 'granted';
  const reason = request?.decisionReason;
  return {
    label: granted ? say('Pauze verleend', 'Pause granted') : say('Pauze geweigerd', 'Pause refused'),
    article: '6.7',
    summary: granted
      ? say(
          `De voorzitter heeft de pauze verleend die ${request?.by ?? '?'} vroeg (voetnoot 11). Het voorstel ` +
            'wordt opnieuw geagendeerd.',
          `The chair has granted the pause ${request?.by ?? '?'} asked for (footnote 11). The proposal will ` +
            'be scheduled again.',
        )
      : say(
          `De voorzitter heeft de pauze geweigerd die ${request?.by ?? '?'} vroeg (voetnoot 11). Het voorstel ` +
            'blijft geagendeerd.',
          `The chair has refused the pause ${request?.by ?? '?'} asked for (footnote 11). The proposal stays ` +
            'on the agenda.',
        ),
    // The chair is ZIN (art. 6.2).
    details: reason ? [quoted(say('Reden van de voorzitter', "The chair's reason"), 'ZIN', reason)] : [],
    actions: [membersForInformation()],
  };
}
