/**
 * The shape of one step's e-mail content, before it is laid out as text, and the phrases several
 * steps share (who the recipients are, the reconsideration's actions). Pure.
 */
import {
  type Objection,
  type ProposalContext,
  type RunningDeadline,
  standingObjections,
} from '#statemachines/proposal-lifecycle/context.ts';
import { type Bilingual, say } from './wording.ts';

/** Something one recipient (or group of recipients) must do. */
export interface StepAction {
  readonly who: Bilingual;
  readonly what: Bilingual;
  /**
   * The web app's page where it is done, when it is not the proposal's own page (every e-mail links
   * that one): a path of the app, e.g. `/meetings/M-1`.
   */
  readonly page?: string;
}

/** The content of one step's e-mail in both languages. */
export interface StepText {
  /** The step in words, e.g. `Bezwaar aangetekend` / `Objection lodged`. */
  readonly label: Bilingual;
  /** The covenant article the step follows, e.g. `7.3`. */
  readonly article: string;
  /** What happened, in one paragraph. */
  readonly summary: Bilingual;
  /** Further paragraphs: the decision, the objection's reason, the arguments, the note. */
  readonly details: readonly Bilingual[];
  /**
   * The deadline the step is about, and whether it has passed (a reminder). `running` names it when
   * it is not the context's running deadline: with several objectors that is the earliest of their
   * six weeks, while an objector's e-mail is about its own (art. 7.3).
   */
  readonly deadline?: {
    readonly kind: RunningDeadline['kind'];
    readonly passed: boolean;
    readonly running?: RunningDeadline;
  };
  readonly actions: readonly StepAction[];
}

/** What a step's content is made from. */
export interface StepInput {
  readonly proposalId: string;
  readonly context: ProposalContext;
}

const latestMoment = (o: Objection) =>
  Math.max(...[o.lodgedAt, o.argumentsReceivedAt, o.endedAt].filter((t): t is string => !!t).map(Date.parse));

/**
 * The objection a step is about: the one that changed last (lodged, argued, lapsed or withdrawn).
 * Several parties may object (art. 7.1); each step follows one party's act.
 */
export const currentObjection = (input: StepInput): Objection | undefined =>
  [...(input.context.objections ?? [])]
    .filter((o) => o.status !== 'moot')
    .sort((a, b) => latestMoment(a) - latestMoment(b))
    .at(-1);

/** The objecting party's id, or a neutral word when the context has none. */
export const objectorOf = (input: StepInput): string => currentObjection(input)?.by ?? '?';

/** Every party whose objection stands, for the steps that concern them all. */
export const standingObjectorsOf = (input: StepInput): string[] =>
  standingObjections({ objections: input.context.objections ?? [] }).map((o) => o.by);

/** The objector as the subject of an action. */
export const theObjector = (input: StepInput): Bilingual =>
  say(`De bezwaarmaker (${objectorOf(input)})`, `The objector (${objectorOf(input)})`);

/** Every member: informed, and pointed at the proposal's state and history. */
export const membersForInformation = (what?: Bilingual): StepAction => ({
  who: say('Alle leden', 'All members'),
  what: what ?? say('ter kennisneming', 'for your information'),
});

/** The objector may withdraw before the ministry; the decision then stands (DESIGN 2.3). */
export const withdrawObjection = (input: StepInput): StepAction => ({
  who: theObjector(input),
  what: say(
    'kan het bezwaar intrekken; het besluit blijft dan staan',
    'may withdraw the objection; the decision then stands',
  ),
});

const theChair = say('De voorzitter', 'The chair');

/** art. 7.4: what the chair does to reconsider, the same before and after the week has passed. */
export function reconsiderationActions(): StepAction[] {
  return [
    {
      who: theChair,
      what: say(
        'agendeert de heroverweging op een vergadering',
        'schedules the reconsideration on a meeting',
      ),
    },
    {
      who: theChair,
      what: say('legt consensus vast', 'records consensus'),
    },
    {
      who: theChair,
      what: say(
        'of opent een stemming (alle Ketenpartijen aanwezig, art. 6.9)',
        'or opens a vote (all voting parties present, art. 6.9)',
      ),
    },
    {
      who: theChair,
      what: say(
        'legt vast dat er geen besluit komt; dan volgt escalatie naar VWS (art. 7.5)',
        'records that no decision is reached; escalation to VWS follows (art. 7.5)',
      ),
    },
  ];
}
