/**
 * What the minutes say, in Dutch and in English: one catalogue of sentences for every rendering
 * (Markdown, the Word document, the printable page). Each sentence takes the entry's facts and
 * returns plain text; the renderings quote and escape as their format needs.
 */
import type { Phase } from '#statemachines/proposal-lifecycle/phase.ts';

/** The languages of the documents: Dutch first (the covenant's language), English on request. */
export type Language = 'nl' | 'en';

type Outcome = 'adopted' | 'rejected';
type Choice = 'for' | 'against' | 'abstain';

/** A party's own text, marked as its words (never read as the template's). */
export type Quote = (text: string) => string;

/** The sentences of the minutes in one language. */
export interface MinutesText {
  readonly title: (title: string, date: string) => string;
  readonly meetingLine: (id: string, closedAt?: string) => string;
  readonly attendance: string;
  readonly present: (parties: readonly string[]) => string;
  readonly absent: (parties: readonly string[], met: boolean) => string;
  readonly agenda: string;
  readonly proposalLine: (id: string, phase: Phase) => string;
  readonly notDiscussed: string;
  /** The annex of e-mail that did not arrive: parties, never addresses (art. 14). */
  readonly undeliveredMail: {
    readonly heading: string;
    readonly intro: string;
    readonly header: readonly [string, string, string, string, string, string];
    readonly why: (kind: 'refused' | 'suppressed', reason: string) => string;
  };
  readonly tallyHeader: readonly [string, string, string, string, string, string];
  readonly choice: (choice: Choice) => string;
  readonly yesNo: (value: boolean) => string;
  readonly ballotGivenBy: (v: { recordedBy?: string; recordedAsMissing?: boolean }) => string;
  readonly tallySummary: (t: TallyFigures) => string;
  readonly alternativeReading: (countsAsCast: boolean, t: TallyFigures) => string;
  readonly decisiveAbstentions: (parties: readonly string[]) => string;
  readonly accountability: (party: string, question: string, answer: string | undefined, q: Quote) => string;
  readonly consensus: (outcome: Outcome, alternativeOf: string | undefined) => string;
  readonly voteOpened: (round: number, present: readonly string[]) => string;
  readonly voteClosed: (round: number) => string;
  readonly pause: (party: string, reason: string, q: Quote) => string;
  readonly pauseDecided: (granted: boolean, reason: string | undefined, q: Quote) => string;
  readonly objection: (party: string, reason: string, inWriting: Outcome | undefined, q: Quote) => string;
  readonly escalated: (reason: string | undefined, q: Quote) => string;
  readonly objectionWithdrawn: (party: string, reason: string | undefined, q: Quote) => string;
  readonly noDecision: string;
  readonly withdrawn: (party: string, reason: string | undefined, q: Quote) => string;
  readonly dropped: (party: string, reason: string | undefined, q: Quote) => string;
  readonly objectionWindowClosed: string;
}

/** The figures a tally's summary is written from, and the tally's own summary (English, shared/covenant/explanation.ts). */
export interface TallyFigures {
  readonly outcome: 'adopted' | 'rejected' | 'no-valid-decision';
  readonly for: number;
  readonly against: number;
  readonly cast: number;
  readonly threshold: number;
  readonly summary: string;
}

const list = (parties: readonly string[], none: string) => parties.join(', ') || none;
const withReason = (reason: string | undefined, q: Quote) => (reason ? `: ${q(reason)}` : '.');

const PHASES_NL: Record<Phase, string> = {
  submitted: 'ingediend',
  ready: 'uitgewerkt',
  scheduled: 'geagendeerd',
  voting: 'in stemming',
  decided: 'besloten',
  'no-valid-decision': 'geen geldig besluit',
  'awaiting-arguments': 'wacht op argumenten',
  reconsideration: 'heroverweging',
  'reconsideration-voting': 'stemming bij heroverweging',
  'note-drafting': 'notitie in voorbereiding',
  'note-approval': 'notitie ter goedkeuring',
  ministry: 'bij het ministerie',
  dglz: 'bij de DGLZ',
  closed: 'besluit van kracht',
  withdrawn: 'ingetrokken',
  dropped: 'afgevoerd',
};

function summaryNl(t: TallyFigures): string {
  if (t.cast === 0) return 'Geen geldig besluit: er zijn geen stemmen uitgebracht.';
  const need = `een geldig besluit vraagt er ten minste ${t.threshold} (de helft van ${t.cast}, plus één).`;
  if (t.outcome === 'adopted')
    return `Aangenomen: ${t.for} van de ${t.cast} uitgebrachte stemmen zijn voor; ${need}`;
  if (t.outcome === 'rejected') {
    return `Verworpen: ${t.against} van de ${t.cast} uitgebrachte stemmen zijn tegen; ${need}`;
  }
  return `Geen geldig besluit: ${t.for} voor en ${t.against} tegen van ${t.cast} uitgebrachte stemmen; ${need}`;
}

const nl: MinutesText = {
  undeliveredMail: {
    heading: 'Bijlage: niet bezorgde e-mail',
    intro: 'De procedure ging door; deze ontvangers zijn niet per e-mail over de stap geïnformeerd.',
    header: ['Tijd', 'Voorstel', 'Stap', 'Partijen', 'Adressen', 'Reden'],
    why: (kind, reason) =>
      kind === 'suppressed'
        ? 'adres eerder gebounced of klacht'
        : `geweigerd door de mailservice (${reason})`,
  },
  title: (title, date) => `Notulen: ${title}, ${date}`,
  meetingLine: (id, closedAt) => `Vergadering ${id} — ${closedAt ? `gesloten ${closedAt}` : 'open'}.`,
  attendance: 'Aanwezigheid',
  present: (parties) => `Aanwezig: ${list(parties, 'niet vastgelegd')}`,
  absent: (parties, met) =>
    `Afwezige stemgerechtigde partijen: ${list(parties, 'geen')} (quorum ${met ? 'gehaald' : 'niet gehaald'}, art. 6.9)`,
  agenda: 'Agenda',
  proposalLine: (id, phase) => `Voorstel ${id}, nu: ${PHASES_NL[phase]}.`,
  notDiscussed: 'Niet besproken.',
  tallyHeader: ['Partij', 'Keuze', 'Stemmen', 'Ketenstem', 'Toelichting', 'Stembiljet'],
  choice: (c) => ({ for: 'voor', against: 'tegen', abstain: 'onthouding' })[c],
  yesNo: (value) => (value ? 'ja' : 'nee'),
  ballotGivenBy: (v) =>
    v.recordedAsMissing
      ? 'geen stem: vastgelegd als onthouding'
      : v.recordedBy
        ? `in de zaal, vastgelegd door ${v.recordedBy}`
        : '',
  tallySummary: summaryNl,
  alternativeReading: (counts, t) =>
    `Andere lezing (onthoudingen ${counts ? 'wel' : 'niet'} meegeteld als uitgebracht): ${summaryNl(t)}`,
  decisiveAbstentions: (parties) =>
    `Doorslaggevende onthoudingen (voetnoot 13): ${parties.join(', ')} — een stem voor of tegen had de uitkomst veranderd.`,
  accountability: (party, question, answer, q) =>
    `De voorzitter vroeg ${party} de onthouding te verantwoorden (voetnoot 13): ${q(question)}${answer ? ` — antwoord: ${q(answer)}` : ' — nog geen antwoord.'}`,
  consensus: (outcome, alternativeOf) =>
    `consensus vastgesteld door de voorzitter: ${outcome === 'adopted' ? 'aangenomen' : 'verworpen'} (art. 6.7)${alternativeOf ? `, met het alternatieve voorstel van ${alternativeOf} (art. 7.4)` : ''}.`,
  voteOpened: (round, present) => `stemming geopend (ronde ${round}); aanwezig: ${list(present, 'niemand')}.`,
  voteClosed: (round) => `stemming gesloten (ronde ${round}).`,
  pause: (party, reason, q) =>
    `${party} vroeg om pauzering van de besluitvorming (voetnoot 11): ${q(reason)}`,
  pauseDecided: (granted, reason, q) =>
    `de voorzitter heeft de pauzering ${granted ? 'toegestaan' : 'geweigerd'}${withReason(reason, q)}`,
  objection: (party, reason, inWriting, q) =>
    `bezwaar van ${party}${inWriting ? `, schriftelijk vóór het besluit, tegen ${inWriting === 'adopted' ? 'aanneming' : 'verwerping'} (art. 7.1)` : ' (art. 7.2)'}: ${q(reason)}`,
  escalated: (reason, q) => `geen geldig besluit: geëscaleerd naar VWS (art. 7.5)${withReason(reason, q)}`,
  objectionWithdrawn: (party, reason, q) => `${party} trok het bezwaar in${withReason(reason, q)}`,
  noDecision: 'geen besluit na heroverweging: escalatie naar VWS (art. 7.4, 7.5).',
  withdrawn: (party, reason, q) => `ingetrokken door ${party}${withReason(reason, q)}`,
  dropped: (party, reason, q) =>
    `afgevoerd bij consensus van de Stuurgroep, vastgelegd door ${party} (DESIGN 2.2.9)${withReason(reason, q)}`,
  objectionWindowClosed:
    'de vergadering is gesloten: de bezwaartermijn is voorbij (art. 7.2); het besluit is van kracht tenzij een bezwaar loopt.',
};

const en: MinutesText = {
  undeliveredMail: {
    heading: 'Annex: e-mail not delivered',
    intro: 'The procedure went on; these recipients were not informed by e-mail of the step.',
    header: ['Time', 'Proposal', 'Step', 'Parties', 'Addresses', 'Reason'],
    why: (kind, reason) =>
      kind === 'suppressed'
        ? 'address bounced or complained earlier'
        : `refused by the mail service (${reason})`,
  },
  title: (title, date) => `Minutes: ${title}, ${date}`,
  meetingLine: (id, closedAt) => `Meeting ${id} — ${closedAt ? `closed ${closedAt}` : 'open'}.`,
  attendance: 'Attendance',
  present: (parties) => `Present: ${list(parties, 'not recorded')}`,
  absent: (parties, met) =>
    `Voting parties absent: ${list(parties, 'none')} (attendance quorum ${met ? 'met' : 'not met'}, art. 6.9)`,
  agenda: 'Agenda',
  proposalLine: (id, phase) => `Proposal ${id}, now ${phase}.`,
  notDiscussed: 'Not discussed.',
  tallyHeader: ['Party', 'Choice', 'Votes', 'Chain vote', 'Justification', 'Ballot'],
  choice: (c) => c,
  yesNo: (value) => (value ? 'yes' : 'no'),
  ballotGivenBy: (v) =>
    v.recordedAsMissing
      ? 'no ballot: recorded as abstaining'
      : v.recordedBy
        ? `in the room, recorded by ${v.recordedBy}`
        : '',
  // The tally explains itself in English already: its summary is the minutes' sentence.
  tallySummary: (t) => t.summary,
  alternativeReading: (counts, t) =>
    `Other reading (abstentions ${counts ? 'counted' : 'not counted'} as cast): ${t.summary}`,
  decisiveAbstentions: (parties) =>
    `Decisive abstentions (footnote 13): ${parties.join(', ')} — voting either way would have changed the outcome.`,
  accountability: (party, question, answer, q) =>
    `The chair asked ${party} to account for its abstention (footnote 13): ${q(question)}${answer ? ` — answer: ${q(answer)}` : ' — no answer yet.'}`,
  consensus: (outcome, alternativeOf) =>
    `consensus recorded by the chair: ${outcome} (art. 6.7)${alternativeOf ? `, adopting the alternative proposal of ${alternativeOf} (art. 7.4)` : ''}.`,
  voteOpened: (round, present) => `vote opened (round ${round}); present: ${list(present, 'nobody')}.`,
  voteClosed: (round) => `vote closed (round ${round}).`,
  pause: (party, reason, q) => `${party} asked to pause decision-making (footnote 11): ${q(reason)}`,
  pauseDecided: (granted, reason, q) =>
    `the chair ${granted ? 'granted' : 'refused'} the pause${withReason(reason, q)}`,
  objection: (party, reason, inWriting, q) =>
    `objection by ${party}${inWriting ? `, in writing before the decision, against its being ${inWriting} (art. 7.1)` : ' (art. 7.2)'}: ${q(reason)}`,
  escalated: (reason, q) => `no valid decision: escalated to VWS (art. 7.5)${withReason(reason, q)}`,
  objectionWithdrawn: (party, reason, q) => `${party} withdrew its objection${withReason(reason, q)}`,
  noDecision: 'no decision after reconsideration: escalation to VWS (art. 7.4, 7.5).',
  withdrawn: (party, reason, q) => `withdrawn by ${party}${withReason(reason, q)}`,
  dropped: (party, reason, q) =>
    `dropped by the group’s consensus, recorded by ${party} (DESIGN 2.2.9)${withReason(reason, q)}`,
  objectionWindowClosed:
    'the meeting closed: its objection window ended (art. 7.2); the decision is in force unless an objection stands.',
};

/** The minutes' sentences in `language`. */
export const minutesText = (language: Language): MinutesText => (language === 'en' ? en : nl);
