/** One item on the meeting's agenda: its phase, who has voted, the live tally, and its actions. */
import { Heading, Link, Paragraph } from '@rijkshuisstijl-community/components-react';
import { useTranslation } from 'react-i18next';
import { ActionPanel } from '../../components/actions/ActionPanel';
import { QueryView } from '../../components/QueryView';
import { TallyView } from '../../components/TallyView';
import { useAgendaProposal } from './queries';

export function AgendaItem({ proposalId, title }: { proposalId: string; title: string }) {
  const { t } = useTranslation();
  const proposal = useAgendaProposal(proposalId);
  return (
    <article className="agenda-item">
      <Heading level={3}>
        <Link href={`#/proposals/${proposalId}`}>{title}</Link>
      </Heading>
      <QueryView query={proposal}>
        {(p) => (
          <>
            <Paragraph>
              {t('proposal.phase')}: {t(`phase.${p.phase}`)}
              {p.next ? ` — ${p.next}` : ''}
            </Paragraph>
            {p.voting ? (
              <Paragraph aria-live="polite">
                {t('meeting.voted', {
                  count: p.voting.voted.length,
                  parties: p.voting.voted.join(', ') || '—',
                })}
              </Paragraph>
            ) : null}
            {p.tally ? <TallyView tally={p.tally} live headingLevel={3} /> : null}
            <div className="no-print">
              {/* The meeting screen has one "close meeting" for all its items (MeetingPage). */}
              <ActionPanel proposal={p} except={['close-meeting']} headingLevel={3} />
            </div>
          </>
        )}
      </QueryView>
    </article>
  );
}
