/**
 * The minutes as Markdown, for people: times in Amsterdam, every objection with its reason (art. 7.2),
 * every act with the covenant version it ran under (DESIGN 2.5). Dutch unless the request asks for
 * English: the sentences are the minutes' one catalogue (shared/documents/minutes-text.ts), which the
 * Word document and the printable page read too.
 */
import { amsterdamMinuteOf } from '#shared/covenant/index.ts';
import { type Language, type MinutesText, minutesText } from '#shared/documents/minutes-text.ts';
import type { MinutesBody, MinutesEntryBody } from '#shared/schemas/meetings.ts';
import type { TallyBody } from '#shared/schemas/proposal-views.ts';

/** Party text goes into Markdown: keep it from breaking tables or starting headings. */
const inline = (text: string) => text.replace(/\s+/g, ' ').replace(/([\\`*_[\]|<>#])/g, '\\$1');
const quoted = (text: string) => `“${inline(text)}”`;
const time = amsterdamMinuteOf;
const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

function tallyLines(t: MinutesText, tally: TallyBody): string[] {
  const rows = tally.votes.map((v) =>
    row([
      v.party,
      t.choice(v.choice),
      String(v.weight),
      t.yesNo(v.chainVote),
      inline(v.justification ?? ''),
      t.ballotGivenBy(v),
    ]),
  );
  const other = tally.explanation.alternativeReading;
  const decisive = tally.decisiveAbstentions ?? [];
  return [
    `  ${inline(t.tallySummary({ ...tally, summary: tally.explanation.summary }))}`,
    '',
    `  ${row(t.tallyHeader)}`,
    `  ${row(t.tallyHeader.map(() => '---'))}`,
    ...rows.map((r) => `  ${r}`),
    '',
    `  ${inline(t.alternativeReading(other.abstentionsCountAsCast, { ...other, for: tally.for, against: tally.against }))}`,
    ...(decisive.length > 0 ? ['', `  ${t.decisiveAbstentions(decisive)}`] : []),
  ];
}

/** The sentence of one entry; party text quoted and escaped. */
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
      return t.pause(by, e.reason, quoted);
    case 'pause-decided':
      return t.pauseDecided(e.granted, e.reason, quoted);
    case 'objection':
      return t.objection(by, e.reason, e.inWriting ? (e.against ?? 'adopted') : undefined, quoted);
    case 'escalated':
      return t.escalated(e.reason, quoted);
    case 'objection-withdrawn':
      return t.objectionWithdrawn(by, e.reason, quoted);
    case 'no-decision':
      return t.noDecision;
    case 'withdrawn':
      return t.withdrawn(by, e.reason, quoted);
    case 'dropped':
      return t.dropped(by, e.reason, quoted);
    case 'objection-window-closed':
      return t.objectionWindowClosed;
  }
}

function entryLines(t: MinutesText, language: Language, e: MinutesEntryBody): string[] {
  // DESIGN 2.5: every act shows the covenant version it ran under.
  const version = e.covenantVersion
    ? ` (${language === 'nl' ? 'convenant' : 'covenant'} v${e.covenantVersion})`
    : '';
  const head = `- ${time(e.at)}${version} — ${sentence(t, e)}`;
  if (e.kind !== 'vote') return [head];
  return [
    head,
    ...(e.tally ? tallyLines(t, e.tally) : []),
    ...(e.accountability ?? []).map((a) => `  - ${t.accountability(a.party, a.question, a.answer, quoted)}`),
  ];
}

/** The annex of undelivered e-mail: parties, never addresses (art. 14). */
function annexLines(t: MinutesText, mail: MinutesBody['annex']['undeliveredMail']): string[] {
  if (mail.length === 0) return [];
  const u = t.undeliveredMail;
  return [
    '',
    `## ${u.heading}`,
    '',
    u.intro,
    '',
    row(u.header),
    row(u.header.map(() => '---')),
    ...mail.map((m) =>
      row([
        time(m.at),
        `\`${m.proposalId}\``,
        inline(m.step),
        m.parties.join(', ') || '—',
        String(m.recipients),
        inline(u.why(m.kind, m.reason)),
      ]),
    ),
  ];
}

/** The minutes in Markdown, in `language` (Dutch by default). */
export function minutesMarkdown(minutes: MinutesBody, language: Language = 'nl'): string {
  const t = minutesText(language);
  const { meeting, attendance, items } = minutes;
  const closed = meeting.status === 'closed' && meeting.closedAt ? time(meeting.closedAt) : undefined;
  const lines = [
    `# ${inline(t.title(meeting.title ?? 'Stuurgroep iStandaarden sociaal domein', meeting.date))}`,
    '',
    t.meetingLine(`\`${meeting.id}\``, closed),
    '',
    `## ${t.attendance}`,
    '',
    `- ${t.present(meeting.present)}`,
    `- ${t.absent(attendance.absent, attendance.met)}`,
    '',
    `## ${t.agenda}`,
  ];
  items.forEach((item, index) => {
    lines.push(
      '',
      `### ${index + 1}. ${inline(item.title)}`,
      '',
      t.proposalLine(`\`${item.proposalId}\``, item.phase),
      '',
    );
    lines.push(
      ...(item.record.length > 0
        ? item.record.flatMap((e) => entryLines(t, language, e))
        : [`- ${t.notDiscussed}`]),
    );
  });
  lines.push(...annexLines(t, minutes.annex.undeliveredMail));
  return `${lines.join('\n')}\n`;
}
