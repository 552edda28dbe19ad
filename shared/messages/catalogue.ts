/**
 * The shape of a message catalogue: every human text the API writes, as plain text or as a function
 * of its facts. One catalogue per language (nl.ts, en.ts) implements it, so the compiler refuses a
 * catalogue that lacks a message or takes other placeholders; catalogue.test.ts checks the same at
 * run time, key by key.
 */
import type { ProblemSlug } from './problem-types.ts';

/** The languages of the API's texts: Dutch first (the covenant's language), English on request. */
export type Language = 'nl' | 'en';

/** The public phase of a proposal (DESIGN 5.1), as the API names it. */
export type PhaseName =
  | 'submitted'
  | 'ready'
  | 'scheduled'
  | 'voting'
  | 'decided'
  | 'no-valid-decision'
  | 'awaiting-arguments'
  | 'reconsideration'
  | 'reconsideration-voting'
  | 'note-drafting'
  | 'note-approval'
  | 'ministry'
  | 'dglz'
  | 'closed'
  | 'withdrawn'
  | 'dropped';

/** A problem type in words: its `title`, and what its documentation page says. */
export interface ProblemText {
  readonly title: string;
  /** What the problem means and what the caller can do; also the `detail` when no better one is known. */
  readonly about: string;
}

/** The `detail` of problems whose facts the API knows. */
export interface ProblemDetails {
  /**
   * A refusal whose reason the core wrote (in English): English passes it on; Dutch gives the problem
   * type's own text, the facts being in the problem's extension members.
   */
  readonly fromCore: (slug: ProblemSlug, reason: string) => string;
  /** A covenant rule's refusal; `facts` are the problem's extension members (parties, dates). */
  readonly covenantRule: (
    slug: ProblemSlug,
    article: string,
    reason: string,
    facts: Readonly<Record<string, unknown>>,
  ) => string;
  /** A request that does not match its schema; `fields` are the invalid fields' locations. */
  readonly invalidRequest: (fields: readonly string[], reason: string) => string;
  readonly proposalNotFound: (id: string) => string;
  readonly meetingNotFound: (id: string) => string;
  readonly meetingClosed: (id: string) => string;
  readonly votingClosed: (round: number, proposalId: string, opened: boolean) => string;
  readonly notPossible: (phase: string, possible: readonly string[]) => string;
  readonly proposalChanged: string;
  readonly concurrentChange: string;
  readonly internalError: string;
  readonly methodNotAllowed: (path: string, allowed: readonly string[], method: string) => string;
  readonly noSuchRoute: (method: string, path: string) => string;
  readonly noSuchProblemType: (slug: string) => string;
}

/** The documentation pages of the problem types (`GET /problems`, `GET /problems/{slug}`). */
export interface ProblemPages {
  readonly indexTitle: string;
  readonly indexIntro: string;
  readonly pageTitle: (title: string) => string;
  readonly status: (status: number) => string;
  readonly typeUri: (uri: string) => string;
  readonly members: string;
  readonly backToIndex: string;
}

/** The facts a `next` sentence is written from (shared/views/next-step.ts gathers them). */
export interface NextFacts {
  readonly outcome: 'adopted' | 'rejected';
  readonly via: string;
  /** The day of the meeting the proposal is on, when known. */
  readonly meetingDate?: string | undefined;
  readonly paused: boolean;
  readonly objectionResult?: string | undefined;
  /** The objectors still to send arguments. */
  readonly awaiting: readonly string[];
  /** The standing objectors that have not yet approved the note. */
  readonly toApprove: readonly string[];
  readonly noteReturned: boolean;
  readonly deadline?: {
    readonly lastDay: string;
    readonly overdue: boolean;
    /** Set when the last day fell on a day that is not a working day (the Algemene termijnenwet). */
    readonly extended?: boolean | undefined;
    /** The core's advice on that (English). */
    readonly advice?: string | undefined;
  };
}

/** The figures a tally's words are written from. */
export interface TallyFigures {
  readonly outcome: 'adopted' | 'rejected' | 'no-valid-decision';
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
  readonly cast: number;
  readonly threshold: number;
}

/** The tally explanation in words (art. 6.8, 6.9, footnote 13). */
export interface TallyText {
  readonly summary: (figures: TallyFigures, abstentionsCountAsCast: boolean) => string;
  readonly rule: string;
  readonly policyNote: (abstentionsCountAsCast: boolean) => string;
}

/** The kinds of deadline of the objection procedure (art. 7.3, 7.4, 7.6). */
export type DeadlineKindName = 'arguments' | 'reconsideration' | 'ministry';

/** The calendar feed's texts (SUMMARY, DESCRIPTION, VALARM). */
export interface CalendarText {
  readonly name: string;
  readonly deadlineTitle: (kind: DeadlineKindName, title: string) => string;
  readonly deadlineDescription: (kind: DeadlineKindName, lastDay: string, due: string, url: string) => string;
  readonly meetingTitle: (title: string | undefined) => string;
  readonly meetingDescription: (closed: boolean, url: string) => string;
  readonly inAWeek: (title: string) => string;
  readonly tomorrow: (title: string) => string;
}

/** One language's catalogue. */
export interface Messages {
  readonly language: Language;
  readonly problems: Readonly<Record<ProblemSlug, ProblemText>>;
  readonly problemDetails: ProblemDetails;
  readonly problemPages: ProblemPages;
  readonly next: Readonly<Record<PhaseName, (facts: NextFacts) => string>>;
  readonly tally: TallyText;
  readonly calendar: CalendarText;
}
