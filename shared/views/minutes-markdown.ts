/** The minutes as Markdown, for people: times in Amsterdam, every objection with its reason (art. 7.2). */
import { amsterdamMinuteOf } from '#shared/covenant/index.ts';
import type { MinutesBody, MinutesEntryBody, UndeliveredMailEntryBody } from '#shared/schemas/meetings.ts';
import type { TallyBody } from '#shared/schemas/proposal-views.ts';

/** Party text goes into Markdown: keep it from breaking tables or starting headings. */
const inline = (text: string) => text.replace(/\s+/g, ' ').replace(/([\\`*_[\]|<>#])/g, '\\$1');
const quoted = (text: string) => `“${inline(text)}”`;
const time = amsterdamMinuteOf;

/** Who gave the ballot, when it was not the party itself (DESIGN 2.2.5, 2.2.6). */
const givenBy = (v: TallyBody['votes'][number]) =>
  v.recordedAsMissing
    ? 'no ballot: recorded as abstaining'
    : v.recordedBy
      ? `in the room, recorded by ${v.recordedBy}`
      : '';

function tallyLines(tally: TallyBody): string[] {
  const rows = tally.votes.map(
    (v) =>
      `| ${v.party} | ${v.choice} | ${v.weight} | ${v.chainVote ? 'yes' : 'no'} | ${inline(v.justification ?? '')} | ${givenBy(v)} |`,
  );
  const decisive = tally.decisiveAbstentions ?? [];
  return [
    `  ${inline(tally.explanation.summary)}`,
    '',
    '  | Party | Choice | Votes | Chain vote | Justification | Ballot |',
    '  | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `  ${r}`),
    '',
    `  Other reading (abstentions ${tally.explanation.alternativeReading.abstentionsCountAsCast ? 'counted' : 'not counted'} as cast): ${inline(tally.explanation.alternativeReading.summary)}`,
    ...(decisive.length > 0
      ? [
          '',
          `  Decisive abstentions (footnote 13): ${decisive.join(', ')} — voting either way would have changed the outcome.`,
        ]
      : []),
  ];
}

type VoteEntry = Extract<MinutesEntryBody, { kind: 'vote' }>;

function accountabilityLines(e: VoteEntry): string[] {
  return (e.accountability ?? []).map(
    (a) =>
      `  - The chair asked ${a.party} to account for its abstention (footnote 13): ${quoted(a.question)}${a.answer ? ` — answer: ${quoted(a.answer)}` : ' — no answer yet.'}`,
  );
}

function entryLines(e: MinutesEntryBody): string[] {
  // DESIGN 2.5: every act shows the covenant version it ran under.
  const head = `- ${time(e.at)}${e.covenantVersion ? ` (covenant v${e.covenantVersion})` : ''} —`;
  switch (e.kind) {
    case 'consensus':
      return [
        `${head} consensus recorded by the chair: **${e.outcome}** (art. 6.7)${e.text && e.text !== 'original' ? `, adopting the alternative proposal of ${e.text} (art. 7.4)` : ''}.`,
      ];
    case 'vote-opened':
      return [`${head} vote opened (round ${e.round}); present: ${e.present.join(', ') || 'nobody'}.`];
    case 'vote':
      return [
        `${head} vote closed (round ${e.round}).`,
        ...(e.tally ? tallyLines(e.tally) : []),
        ...accountabilityLines(e),
      ];
    case 'pause':
      return [`${head} ${e.by.party} asked to pause decision-making (footnote 11): ${quoted(e.reason)}`];
    case 'pause-decided':
      return [
        `${head} the chair ${e.granted ? 'granted' : 'refused'} the pause${e.reason ? `: ${quoted(e.reason)}` : '.'}`,
      ];
    case 'objection':
      return [
        `${head} **objection** by ${e.by.party}${e.inWriting ? `, in writing before the decision, against its being ${e.against ?? 'adopted'} (art. 7.1)` : ' (art. 7.2)'}: ${quoted(e.reason)}`,
      ];
    case 'escalated':
      return [
        `${head} no valid decision: escalated to VWS (art. 7.5)${e.reason ? `: ${quoted(e.reason)}` : '.'}`,
      ];
    case 'objection-withdrawn':
      return [`${head} ${e.by.party} withdrew its objection${e.reason ? `: ${quoted(e.reason)}` : '.'}`];
    case 'no-decision':
      return [`${head} no decision after reconsideration: escalation to VWS (art. 7.4, 7.5).`];
    case 'withdrawn':
      return [`${head} withdrawn by ${e.by.party}${e.reason ? `: ${quoted(e.reason)}` : '.'}`];
    case 'dropped':
      return [
        `${head} dropped by the group’s consensus, recorded by ${e.by.party} (DESIGN 2.2.9)${e.reason ? `: ${quoted(e.reason)}` : '.'}`,
      ];
    case 'objection-window-closed':
      return [
        `${head} the meeting closed: its objection window ended (art. 7.2); the decision is in force unless an objection stands.`,
      ];
  }
}

/** Why an e-mail did not arrive, in words. */
const undeliveredWhy = (m: UndeliveredMailEntryBody) =>
  m.kind === 'suppressed'
    ? 'address bounced or complained earlier'
    : `refused by the mail service (${inline(m.reason)})`;

/** The annex of undelivered e-mail: parties, never addresses (art. 14). */
function annexLines(mail: MinutesBody['annex']['undeliveredMail']): string[] {
  if (mail.length === 0) return [];
  return [
    '',
    '## Annex: e-mail not delivered',
    '',
    'The procedure went on; these recipients were not informed by e-mail of the step.',
    '',
    '| Time | Proposal | Step | Recipient parties | Addresses | Reason |',
    '| --- | --- | --- | --- | --- | --- |',
    ...mail.map(
      (m) =>
        `| ${time(m.at)} | \`${m.proposalId}\` | ${inline(m.step)} | ${m.parties.join(', ') || 'unknown'} | ${m.recipients} | ${undeliveredWhy(m)} |`,
    ),
  ];
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
  lines.push(...annexLines(minutes.annex.undeliveredMail));
  return `${lines.join('\n')}\n`;
}
