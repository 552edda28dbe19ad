/**
 * One proposal: its text and phase, what happens next, the deadlines, the tally (with its
 * explanation and both readings), the objections, a form for each action the caller has, and the
 * timeline. Everything shown is what the API returned; the page polls it (see queries.ts).
 */
import {
  DataSummary,
  DataSummaryItem,
  Heading,
  Link,
  Paragraph,
} from '@rijkshuisstijl-community/components-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ActionPanel } from '../../components/actions/ActionPanel';
import { DeadlineList } from '../../components/DeadlineList';
import { useFormat } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { deadlinesOf, decisionTextOf, objectionsOf, pauseRequestOf } from '../../components/proposal';
import { QueryView } from '../../components/QueryView';
import { TallyView } from '../../components/TallyView';
import { Objections } from './Objections';
import { useProposal } from './queries';
import { Timeline } from './Timeline';

export function ProposalPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const proposal = useProposal(id);
  return (
    <QueryView query={proposal}>
      {(p) => {
        const deadlines = deadlinesOf(p);
        const pause = pauseRequestOf(p);
        const decisionText = decisionTextOf(p);
        return (
          <>
            <PageTitle>{p.title}</PageTitle>
            <DataSummary>
              <DataSummaryItem itemKey={t('proposal.phase')} itemValue={t(`phase.${p.phase}`)} />
              <DataSummaryItem itemKey={t('proposal.standards')} itemValue={p.standards.join(', ')} />
              <DataSummaryItem itemKey={t('proposal.kind')} itemValue={t(`kind.${p.kind}`)} />
              <DataSummaryItem itemKey={t('proposal.submittedBy')} itemValue={p.submittedBy} />
              {p.implementationDate ? (
                <DataSummaryItem
                  itemKey={t('proposal.implementationDate')}
                  itemValue={format.date(p.implementationDate)}
                />
              ) : null}
              {p.meetingId ? (
                <DataSummaryItem
                  itemKey={t('proposal.meeting')}
                  itemValue={p.meetingDate ? format.date(p.meetingDate) : p.meetingId}
                  href={`#/meetings/${p.meetingId}`}
                />
              ) : null}
            </DataSummary>
            {p.next ? (
              <Paragraph purpose="lead" aria-live="polite">
                {p.next}
              </Paragraph>
            ) : null}
            {p.decision ? (
              <Paragraph>
                {t('proposal.decision', {
                  outcome: t(`outcome.${p.decision.outcome}`),
                  via: t(`via.${p.decision.via}`),
                  when: format.dateTime(p.decision.decidedAt),
                })}{' '}
                {p.decision.inForce ? t('proposal.inForce') : t('proposal.notInForce')}
                {decisionText ? ` ${t('proposal.decisionText', { text: decisionText })}` : ''}
              </Paragraph>
            ) : null}
            {pause ? (
              <Paragraph>
                {t('proposal.pause', { party: pause.by, reason: pause.reason })}
                {pause.status ? ` (${t(`pauseStatus.${pause.status}`, { defaultValue: pause.status })})` : ''}
              </Paragraph>
            ) : null}
            <Heading level={2}>{t('proposal.description')}</Heading>
            <Paragraph>{p.description}</Paragraph>
            {p.text ? (
              <>
                <Heading level={2}>{t('proposal.text')}</Heading>
                <Paragraph className="proposal__text">{p.text}</Paragraph>
              </>
            ) : null}
            {deadlines.length > 0 ? (
              <section>
                <Heading level={2}>{t('deadlines.heading')}</Heading>
                <DeadlineList deadlines={deadlines} caption={t('deadlines.ofProposal')} />
              </section>
            ) : null}
            {p.voting ? (
              <Paragraph>
                {t('proposal.voting', { parties: p.voting.voted.join(', ') || t('common.nobody') })}
              </Paragraph>
            ) : null}
            {p.tally ? <TallyView tally={p.tally} live /> : null}
            <Objections objections={objectionsOf(p)} deadlines={deadlines} />
            <ActionPanel proposal={p} />
            <Timeline proposalId={p.id} />
            <Paragraph>
              <Link href="#/proposals">{t('proposals.back')}</Link>
            </Paragraph>
          </>
        );
      }}
    </QueryView>
  );
}
