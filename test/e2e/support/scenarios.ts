/**
 * Scenario builders: the covenant's procedure step by step over HTTP, each step asserting that the
 * API accepted it. A scenario composes them (table → draft → meeting → schedule → decide → …) and
 * then asserts what a party sees.
 */
import { expect } from 'vitest';
import type {
  AttendanceBody,
  BallotBody,
  Choice,
  CloseMeetingBody,
  DecisionEntryBody,
  HistoryBody,
  MeetingBody,
  MinutesBody,
  Outcome,
  ProposalBody,
} from './api.ts';
import { expectStatus } from './client.ts';
import { amsterdamDate } from './dates.ts';
import type { E2eStack } from './local-stack.ts';

/** The eight voting parties (Ketenpartijen) of the register, 18 votes. */
export const VOTING_PARTIES = ['ACTIZ', 'GGZ', 'JZN', 'VALENTE', 'VGN', 'ZTNL', 'VNG', 'CAK'] as const;
/** The six provider associations, one vote each. */
export const PROVIDER_ASSOCIATIONS = ['ACTIZ', 'GGZ', 'JZN', 'VALENTE', 'VGN', 'ZTNL'] as const;
/** Everyone at the table: the voting parties and the coordinating parties. */
export const EVERYONE = [...VOTING_PARTIES, 'ZIN', 'VWS', 'KBSD'] as const;

export type VotingParty = (typeof VOTING_PARTIES)[number];
/** Each voting party's bloc vote, optionally with a justification. */
export type Ballots = Partial<Record<VotingParty, Choice | { choice: Choice; justification: string }>>;

/** Ballots where every voting party chooses `choice` except those listed. */
export function everyone(choice: Choice, except: Ballots = {}): Ballots {
  return { ...Object.fromEntries(VOTING_PARTIES.map((p) => [p, choice])), ...except };
}

export interface TableInput {
  readonly by?: string;
  readonly title: string;
  readonly standards?: readonly ('iWmo' | 'iJw' | 'iEb')[];
  readonly kind?: 'release' | 'plan-of-approach' | 'implementation' | 'other';
  readonly implementationDate?: string;
  readonly standardVersion?: string;
}

/** The steps of the procedure, over HTTP, against one stack. */
export function procedure(stack: E2eStack) {
  const zin = () => stack.as('ZIN');
  const p = (id: string, suffix = '') => `/proposals/${encodeURIComponent(id)}${suffix}`;
  const m = (id: string, suffix = '') => `/meetings/${encodeURIComponent(id)}${suffix}`;

  const steps = {
    /** The Amsterdam calendar date of the stack's clock. */
    today: async () => amsterdamDate(await stack.now()),

    /** Any party tables an agenda item (art. 6.2). */
    table: async (input: TableInput) => {
      const { by = 'VNG', standards = ['iWmo'], kind = 'release', ...rest } = input;
      const body = { description: `Voorstel: ${rest.title}`, standards, kind, ...rest };
      return expectStatus(await stack.as(by).post<ProposalBody>('/proposals', body), 201);
    },
    /** ZIN works it out into a proposal. */
    draft: async (id: string) =>
      expectStatus(await zin().post<ProposalBody>(p(id, '/draft'), { text: 'Uitgewerkt voorstel.' }), 200),
    /** ZIN creates a meeting, today unless a date is given (art. 6.3). */
    createMeeting: async (title: string, date?: string) =>
      expectStatus(
        await zin().post<MeetingBody>('/meetings', { date: date ?? (await steps.today()), title }),
        201,
      ),
    schedule: async (id: string, meetingId: string) =>
      expectStatus(await zin().post<ProposalBody>(p(id, '/schedule'), { meetingId }), 200),
    /** ZIN records who is present; everyone unless told otherwise. */
    attendance: async (meetingId: string, present: readonly string[] = EVERYONE) =>
      expectStatus(await zin().put<AttendanceBody>(m(meetingId, '/attendance'), { present }), 200),
    consensus: async (id: string, outcome: Outcome) =>
      expectStatus(await zin().post<ProposalBody>(p(id, '/consensus'), { outcome }), 200),
    openVote: async (id: string) => expectStatus(await zin().post<ProposalBody>(p(id, '/vote')), 200),
    /** Each party casts its own bloc vote. */
    castBallots: async (id: string, ballots: Ballots) => {
      const answers: BallotBody[] = [];
      for (const [party, ballot] of Object.entries(ballots)) {
        const body = typeof ballot === 'string' ? { choice: ballot } : ballot;
        const reply = await stack.as(party).put<BallotBody>(p(id, `/votes/${party}`), body);
        answers.push(expectStatus(reply, 200));
      }
      return answers;
    },
    closeVote: async (id: string) => expectStatus(await zin().post<ProposalBody>(p(id, '/vote/close')), 200),
    /** Opens the vote, casts the ballots and closes it. */
    vote: async (id: string, ballots: Ballots) => {
      await steps.openVote(id);
      await steps.castBallots(id, ballots);
      return steps.closeVote(id);
    },
    closeMeeting: async (meetingId: string) =>
      expectStatus(await zin().post<CloseMeetingBody>(m(meetingId, '/close')), 200),

    object: async (id: string, by: string, reason: string) =>
      expectStatus(await stack.as(by).post<ProposalBody>(p(id, '/objection'), { reason }), 200),
    submitArguments: async (id: string, by: string) =>
      expectStatus(
        await stack.as(by).post<ProposalBody>(p(id, '/objection/argumentation'), {
          arguments: 'De planning is voor de aanbieders niet haalbaar.',
          alternativeProposal: 'Invoering een half jaar later.',
        }),
        200,
      ),
    noDecision: async (id: string) =>
      expectStatus(await zin().post<ProposalBody>(p(id, '/reconsideration/no-decision')), 200),
    submitNote: async (id: string, motive = 'Geen besluit na heroverweging.') =>
      expectStatus(
        await zin().post<ProposalBody>(p(id, '/escalation/note'), {
          motive,
          requestedDecision: 'Besluit over de invoeringsdatum.',
        }),
        200,
      ),
    reviewNote: async (id: string, by: string, review: { approved: boolean; comments?: string }) =>
      expectStatus(await stack.as(by).post<ProposalBody>(p(id, '/escalation/note/approval'), review), 200),
    ministryOutcome: async (id: string, outcome: Outcome | 'no-decision') =>
      expectStatus(await zin().post<ProposalBody>(p(id, '/escalation/ministry-outcome'), { outcome }), 200),

    /** Tabled, drafted, on a new meeting's agenda with everyone present. */
    scheduled: async (input: TableInput) => {
      const tabled = await steps.table(input);
      await steps.draft(tabled.id);
      const meeting = await steps.createMeeting(`Stuurgroep: ${input.title}`);
      await steps.schedule(tabled.id, meeting.id);
      await steps.attendance(meeting.id);
      return { id: tabled.id, meetingId: meeting.id };
    },
    /** Decided by vote at its meeting; the meeting still open (objection window open). */
    decidedByVote: async (input: TableInput, ballots: Ballots) => {
      const scheduled = await steps.scheduled(input);
      const decided = await steps.vote(scheduled.id, ballots);
      return { ...scheduled, decided };
    },

    /** The proposal as `party` sees it. */
    proposal: async (id: string, party = 'ZIN', roles: readonly string[] = []) =>
      expectStatus(await stack.as(party, roles).get<ProposalBody>(p(id)), 200),
    /** The audit trail's action names, oldest first. */
    history: async (id: string) =>
      expectStatus(await zin().get<HistoryBody>(p(id, '/history')), 200).events.map((e) => e.action),
    /** The proposal's entry in the decision register, if it has one. */
    registered: async (id: string): Promise<DecisionEntryBody | undefined> => {
      const { decisions } = expectStatus(
        await stack.as('KBSD').get<{ decisions: DecisionEntryBody[] }>('/decisions'),
        200,
      );
      const entries = decisions.filter((d) => d.proposalId === id);
      if (entries.length > 1) throw new Error(`the decision register lists ${id} ${entries.length} times`);
      return entries[0];
    },
    minutes: async (meetingId: string) =>
      expectStatus(await stack.as('KBSD').get<MinutesBody>(m(meetingId, '/minutes')), 200),
    /** The Markdown minutes in English (the tests read English sentences); Dutch is the default (DESIGN 5). */
    minutesMarkdown: async (meetingId: string, language: 'nl' | 'en' = 'en') => {
      const reply = await stack
        .as('KBSD')
        .get<string>(m(meetingId, '/minutes.md'), { 'accept-language': language });
      expect(reply.headers.get('content-type')).toMatch(/^text\/markdown/);
      expect(reply.headers.get('content-language')).toBe(language);
      return expectStatus(reply, 200);
    },
    /** What happened to a proposal at a meeting, as the minutes' entry kinds. */
    minutesRecord: async (meetingId: string, id: string) => {
      const item = (await steps.minutes(meetingId)).items.find((i) => i.proposalId === id);
      if (!item) throw new Error(`proposal ${id} is not in the minutes of ${meetingId}`);
      return item;
    },
  };
  return steps;
}

export type Procedure = ReturnType<typeof procedure>;
