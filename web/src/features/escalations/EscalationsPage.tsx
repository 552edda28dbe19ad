/**
 * Escalations (art. 7.5, 7.6): proposals on their way to or at the ministry — the accompanying
 * note and its approvals, the ministry's month, the DGLZ's final decision — each with the forms
 * the API offers the reader (note drafting, approval, ministry outcome, final decision).
 */
import { Heading, Link, Paragraph } from '@rijkshuisstijl-community/components-react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ActionPanel } from '../../components/actions/ActionPanel';
import { DeadlineList } from '../../components/DeadlineList';
import { useFormat } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { allItems } from '../../components/pages';
import { unwrap } from '../../components/problem';
import { deadlinesOf } from '../../components/proposal';
import { QueryView } from '../../components/QueryView';
import { ESCALATION_PHASES } from '../../components/vocabulary';
import { useApi } from '../../session/SessionProvider';

const REFRESH_MS = 5000;

export function EscalationsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const api = useApi();
  const list = useQuery({
    queryKey: ['proposals', 'list', {}],
    queryFn: () =>
      allItems(
        async (cursor) =>
          unwrap(await api.GET('/proposals', { params: { query: cursor ? { cursor } : {} } })),
        (page) => page.proposals,
      ),
    refetchInterval: REFRESH_MS,
  });
  const escalated = (list.data ?? []).filter((proposal) => ESCALATION_PHASES.includes(proposal.phase));
  const details = useQueries({
    queries: escalated.map((proposal) => ({
      queryKey: ['proposals', proposal.id],
      queryFn: async () =>
        unwrap(await api.GET('/proposals/{id}', { params: { path: { id: proposal.id } } })),
      refetchInterval: REFRESH_MS,
    })),
  });
  return (
    <>
      <PageTitle>{t('escalations.title')}</PageTitle>
      <QueryView query={list}>
        {() =>
          escalated.length === 0 ? (
            <Paragraph>{t('escalations.none')}</Paragraph>
          ) : (
            details.map((query) =>
              query.data ? (
                <article key={query.data.id} className="action-form">
                  <Heading level={2}>
                    <Link href={`#/proposals/${query.data.id}`}>{query.data.title}</Link>
                  </Heading>
                  <Paragraph>
                    {t('proposal.phase')}: {t(`phase.${query.data.phase}`)}
                    {query.data.next ? ` — ${query.data.next}` : ''}
                  </Paragraph>
                  {query.data.escalation ? (
                    <Paragraph>
                      {t('escalations.reason', {
                        when: format.dateTime(query.data.escalation.at),
                        reason: query.data.escalation.reason,
                      })}
                    </Paragraph>
                  ) : null}
                  {query.data.note ? (
                    <>
                      <Heading level={3}>{t('escalations.note')}</Heading>
                      <Paragraph>
                        {t('escalations.motive')}: {query.data.note.motive}
                      </Paragraph>
                      <Paragraph>
                        {t('escalations.requestedDecision')}: {query.data.note.requestedDecision}
                      </Paragraph>
                      {query.data.note.approvedAt ? (
                        <Paragraph>
                          {t('escalations.approved', { when: format.dateTime(query.data.note.approvedAt) })}
                        </Paragraph>
                      ) : null}
                      {(query.data.note.approvals ?? []).map((approval) => (
                        <Paragraph key={approval.party}>
                          {t('escalations.approvedBy', {
                            party: approval.party,
                            when: format.dateTime(approval.at),
                          })}
                        </Paragraph>
                      ))}
                      {query.data.note.returnedComments.map((returned) => (
                        <Paragraph key={returned.at}>
                          {t('escalations.returned', {
                            when: format.dateTime(returned.at),
                            comments: returned.comments,
                          })}
                        </Paragraph>
                      ))}
                    </>
                  ) : null}
                  {deadlinesOf(query.data).length > 0 ? (
                    <DeadlineList deadlines={deadlinesOf(query.data)} caption={t('deadlines.ofProposal')} />
                  ) : null}
                  <ActionPanel proposal={query.data} headingLevel={3} />
                </article>
              ) : null,
            )
          )
        }
      </QueryView>
    </>
  );
}
