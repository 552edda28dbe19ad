/**
 * The minutes as a document: headings, paragraphs, dated entries and tally tables, in one
 * language. The Word document and the printable page render these blocks; neither decides
 * what the minutes say.
 */
import { amsterdamMinuteOf } from '#shared/covenant/index.ts';
import type { MinutesBody, MinutesEntryBody } from '#shared/schemas/meetings.ts';
import type { TallyBody } from '#shared/schemas/proposal-views.ts';
import { type Language, type MinutesText, minutesText } from './minutes-text.ts';

/** One block of a document, in reading order. */
export type Block =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  /** Something that happened at the meeting, at a local time. */
  | { readonly kind: 'entry'; readonly time: string; readonly text: string }
  /** A remark under the entry before it (a tally's reading, an abstention accounted for). */
  | { readonly kind: 'note'; readonly text: string }
  | { readonly kind: 'table'; readonly header: readonly string[]; readonly rows: readonly string[][] };

/** A party's own words: on one line, between quotation marks. */
const quote = (text: string) => `“${text.replace(/\s+/g, ' ').trim()}”`;

function tallyBlocks(t: MinutesText, tally: TallyBody): Block[] {
  const alternative = tally.explanation.alternativeReading;
  const rows = tally.votes.map((v) => [
    v.party,
    t.choice(v.choice),
    String(v.weight),
    t.yesNo(v.chainVote),
    v.justification ?? '',
    t.ballotGivenBy(v),
  ]);
  const decisive = tally.decisiveAbstentions ?? [];
  return [
    { kind: 'note', text: t.tallySummary({ ...tally, summary: tally.explanation.summary }) },
    { kind: 'table', header: t.tallyHeader, rows },
    {
      kind: 'note',
      text: t.alternativeReading(alternative.abstentionsCountAsCast, {
        ...alternative,
        for: tally.for,
        against: tally.against,
      }),
    },
    ...(decisive.length > 0 ? [{ kind: 'note' as const, text: t.decisiveAbstentions(decisive) }] : []),
  ];
}

type VoteEntry = Extract<MinutesEntryBody, { kind: 'vote' }>;

function voteBlocks(t: MinutesText, e: VoteEntry): Block[] {
  return [
    ...(e.tally ? tallyBlocks(t, e.tally) : []),
    ...(e.accountability ?? []).map(
      (a): Block => ({ kind: 'note', text: t.accountability(a.party, a.question, a.answer, quote) }),
    ),
  ];
}

/** The sentence of one entry. */
function sentence(t: MinutesText, e: MinutesEntryBody): string {
  const by = e.by.party;
  switch (e.kind) {
    case 'consensus':
      return t.consensus(e.outcome, e.text && e.text !== 'original' ? e.text : undefined);
    case 'vote-opened':
      return t.voteOpened(e.round, e.present);
    case 'vote':
      return t.voteClosed(e.round);
    case 'pause':
      return t.pause(by, e.reason, quote);
    case 'pause-decided':
      return t.pauseDecided(e.granted, e.reason, quote);
    case 'objection':
      return t.objection(by, e.reason, e.inWriting ? (e.against ?? 'adopted') : undefined, quote);
    case 'escalated':
      return t.escalated(e.reason, quote);
    case 'objection-withdrawn':
      return t.objectionWithdrawn(by, e.reason, quote);
    case 'no-decision':
      return t.noDecision;
    case 'withdrawn':
      return t.withdrawn(by, e.reason, quote);
    case 'dropped':
      return t.dropped(by, e.reason, quote);
    case 'objection-window-closed':
      return t.objectionWindowClosed;
  }
}

function entryBlocks(t: MinutesText, e: MinutesEntryBody): Block[] {
  const head: Block = { kind: 'entry', time: amsterdamMinuteOf(e.at), text: sentence(t, e) };
  return e.kind === 'vote' ? [head, ...voteBlocks(t, e)] : [head];
}

/** The minutes of a meeting as blocks, in `language`. */
export function minutesDocument(minutes: MinutesBody, language: Language): Block[] {
  const t = minutesText(language);
  const { meeting, attendance, items } = minutes;
  const closed =
    meeting.status === 'closed' && meeting.closedAt ? amsterdamMinuteOf(meeting.closedAt) : undefined;
  return [
    {
      kind: 'heading',
      level: 1,
      text: t.title(meeting.title ?? 'Stuurgroep iStandaarden sociaal domein', meeting.date),
    },
    { kind: 'paragraph', text: t.meetingLine(meeting.id, closed) },
    { kind: 'heading', level: 2, text: t.attendance },
    { kind: 'paragraph', text: t.present(meeting.present) },
    { kind: 'paragraph', text: t.absent(attendance.absent, attendance.met) },
    { kind: 'heading', level: 2, text: t.agenda },
    ...items.flatMap((item, index): Block[] => [
      { kind: 'heading', level: 3, text: `${index + 1}. ${item.title.replace(/\s+/g, ' ')}` },
      { kind: 'paragraph', text: t.proposalLine(item.proposalId, item.phase) },
      ...(item.record.length > 0
        ? item.record.flatMap((e) => entryBlocks(t, e))
        : [{ kind: 'paragraph' as const, text: t.notDiscussed }]),
    ]),
    ...annexBlocks(t, minutes.annex.undeliveredMail),
  ];
}

/** The annex of undelivered e-mail (issue 14), only when there is any. */
function annexBlocks(t: MinutesText, mail: MinutesBody['annex']['undeliveredMail']): Block[] {
  if (mail.length === 0) return [];
  const u = t.undeliveredMail;
  const rows = mail.map((m) => [
    amsterdamMinuteOf(m.at),
    m.proposalId,
    m.step,
    m.parties.join(', '),
    String(m.recipients),
    u.why(m.kind, m.reason),
  ]);
  return [
    { kind: 'heading', level: 2, text: u.heading },
    { kind: 'paragraph', text: u.intro },
    { kind: 'table', header: u.header, rows },
  ];
}
