/** One proposal's execution (ZIN): where it waits, its timeline, and the comparison with DynamoDB. */
import {
  DataSummary,
  DataSummaryItem,
  Heading,
  Link,
  OrderedList,
  OrderedListItem,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@rijkshuisstijl-community/components-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Schemas } from '../../api';
import { useFormat } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { QueryView } from '../../components/QueryView';
import { useExecution } from './queries';

export function ExecutionPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = '' } = useParams();
  const execution = useExecution(id);
  const waitingText = (waiting: Schemas['ExecutionView']['waiting']) =>
    !waiting
      ? '—'
      : waiting.until
        ? t('admin.waitingUntil', {
            state: waiting.state,
            until: format.dateTime(waiting.until),
            context: waiting.onTimeout,
          })
        : waiting.state;
  return (
    <QueryView query={execution}>
      {(view) => (
        <>
          <PageTitle>{t('admin.executionTitle', { title: view.title })}</PageTitle>
          <Paragraph>
            <Link href={`#/proposals/${view.proposalId}`}>{t('admin.toProposal')}</Link>
            {view.consoleUrl ? (
              <>
                {' · '}
                <Link href={view.consoleUrl} rel="noreferrer" target="_blank">
                  {t('admin.console')}
                </Link>
              </>
            ) : null}
          </Paragraph>
          <DataSummary>
            <DataSummaryItem
              itemKey={t('admin.status')}
              itemValue={
                view.execution
                  ? t(`admin.executionStatus.${view.execution.status}`, view.execution.status)
                  : t('admin.noExecution')
              }
            />
            <DataSummaryItem
              itemKey={t('admin.agreement')}
              itemValue={t(`admin.verdict.${view.agreement.verdict}`)}
            />
            <DataSummaryItem itemKey={t('admin.waiting')} itemValue={waitingText(view.waiting)} />
            <DataSummaryItem itemKey={t('admin.chain')} itemValue={view.chain.join(' → ') || '—'} />
          </DataSummary>
          <Heading level={2}>{t('admin.comparison')}</Heading>
          <UnorderedList>
            {view.agreement.lines.map((line) => (
              <UnorderedListItem key={line}>{line}</UnorderedListItem>
            ))}
          </UnorderedList>
          <Heading level={2}>{t('admin.timeline')}</Heading>
          <OrderedList>
            {view.timeline.map((entry, n) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the timeline only grows at its end, so a step keeps its place
              <OrderedListItem key={n}>
                {format.dateTime(entry.at)} — {t(`admin.step.${entry.kind}`)}
                {entry.detail ? `: ${entry.detail}` : ''}
              </OrderedListItem>
            ))}
          </OrderedList>
        </>
      )}
    </QueryView>
  );
}
