/** The minutes as Markdown, for people: times in Amsterdam, every objection with its reason (art. 7.2). */
import { DateTime } from 'luxon';
import { COVENANT_ZONE } from '#shared/covenant/index.ts';
import type { MinutesBody, MinutesEntryBody } from '#shared/schemas/meetings.ts';
import type { TallyBody } from '#shared/schemas/proposal-views.ts';

/** Party text goes into Markdown: keep it from breaking tables or starting headings. */
const inline = (text: string) => text.replace(/\s+/g, ' ').replace(/([\\`*_[\]|<>#])/g, '\\$1');
const quoted = (text: string) => `“${inline(text)}”`;
const time = (at: string) => DateTime.fromISO(at, { zone: COVENANT_ZONE }).toFormat('yyyy-MM-dd HH:mm');

function tallyLines(tally: TallyBody): string[] {
  const rows = tally.votes.map(
    (v) =>
      `| ${v.party} | ${v.choice} | ${v.weight} | ${v.chainVote ? 'yes' : 'no'} | ${inline(v.justification ?? '')} |`,
  );
  return [
    `  ${inline(tally.explanation.summary)}`,
    '',
    '  | Party | Choice | Votes | Chain vote | Justification |',
    '  | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `  ${r}`),
    '',
    `  Other reading (abstentions ${tally.explanation.alternativeReading.abstentionsCountAsCast ? 'counted' : 'not counted'} as cast): ${inline(tally.explanation.alternativeReading.summary)}`,
  ];
}

function entryLines(e: MinutesEntryBody): string[] {
  const head = `- ${time(e.at)} —`;
  switch (e.kind) {
    case 'consensus':
      return [`${head} consensus recorded by the chair: **${e.outcome}** (art. 6.7).`];
    case 'vote-opened':
      return [`${head} vote opened (round ${e.round}); present: ${e.present.join(', ') || 'nobody'}.`];
    case 'vote':
      return [`${head} vote closed (round ${e.round}).`, ...(e.tally ? tallyLines(e.tally) : [])];
    case 'pause':
      return [`${head} ${e.by.party} asked to pause decision-making (footnote 11): ${quoted(e.reason)}`];
    case 'objection':
      return [`${head} **objection** by ${e.by.party} (art. 7.2): ${quoted(e.reason)}`];
    case 'objection-withdrawn':
      return [`${head} ${e.by.party} withdrew its objection${e.reason ? `: ${quoted(e.reason)}` : '.'}`];
    case 'no-decision':
      return [`${head} no decision after reconsideration: escalation to VWS (art. 7.4, 7.5).`];
    case 'withdrawn':
      return [`${head} withdrawn by ${e.by.party}${e.reason ? `: ${quoted(e.reason)}` : '.'}`];
    case 'dropped':
      return [`${head} dropped by ${e.by.party}${e.reason ? `: ${quoted(e.reason)}` : '.'}`];
    case 'objection-window-closed':
      return [
        `${head} the meeting closed: the objection window ended and the decision is in force (art. 7.2).`,
      ];
  }
}

/** The minutes in Markdown. */
export function minutesMarkdown(minutes: MinutesBody): string {
  const { meeting, attendance, items } = minutes;
  const lines = [
    `# Minutes: ${inline(meeting.title ?? 'Stuurgroep iStandaarden sociaal domein')}, ${meeting.date}`,
    '',
    `Meeting \`${meeting.id}\` — ${meeting.status === 'closed' && meeting.closedAt ? `closed ${time(meeting.closedAt)}` : 'open'}.`,
    '',
    '## Attendance',
    '',
    `- Present: ${meeting.present.join(', ') || 'not recorded'}`,
    `- Voting parties absent: ${attendance.absent.join(', ') || 'none'} (attendance quorum ${attendance.met ? 'met' : 'not met'}, art. 6.9)`,
    '',
    '## Agenda',
  ];
  items.forEach((item, index) => {
    lines.push(
      '',
      `### ${index + 1}. ${inline(item.title)}`,
      '',
      `Proposal \`${item.proposalId}\`, now ${item.phase}.`,
      '',
    );
    lines.push(...(item.record.length > 0 ? item.record.flatMap(entryLines) : ['- Not discussed.']));
  });
  return `${lines.join('\n')}\n`;
}
