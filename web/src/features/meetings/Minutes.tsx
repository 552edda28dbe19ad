/**
 * The minutes of the meeting, drawn by the API from the audit trail: printable (a print stylesheet
 * leaves only the minutes) and downloadable as the API's Markdown.
 */
import {
  Button,
  Heading,
  OrderedList,
  OrderedListItem,
  Paragraph,
} from '@rijkshuisstijl-community/components-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../components/format';
import { ProblemAlert, ProblemError } from '../../components/problem';
import { QueryView } from '../../components/QueryView';
import { useApi } from '../../session/SessionProvider';
import { useMinutes } from './queries';

type MinutesRecord = { kind: string; at: string; by: { party: string }; [key: string]: unknown };

function useDownloadMarkdown(meetingId: string) {
  const api = useApi();
  return useMutation({
    mutationFn: async () => {
      const { data, error, response } = await api.GET('/meetings/{id}/minutes.md', {
        params: { path: { id: meetingId } },
        parseAs: 'text',
      });
      if (error !== undefined || !response.ok || typeof data !== 'string')
        throw new ProblemError(response.status, { title: response.statusText });
      const url = URL.createObjectURL(new Blob([data], { type: 'text/markdown' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `notulen-${meetingId}.md`;
      link.click();
      URL.revokeObjectURL(url);
    },
  });
}

export function Minutes({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const minutes = useMinutes(meetingId);
  const download = useDownloadMarkdown(meetingId);
  const describe = (record: MinutesRecord) =>
    t(`minutes.${record.kind}`, {
      defaultValue: record.kind,
      party: record.by.party,
      outcome: typeof record.outcome === 'string' ? t(`outcome.${record.outcome}`) : '',
      reason: typeof record.reason === 'string' ? record.reason : '',
      summary:
        typeof record.tally === 'object' && record.tally !== null
          ? ((record.tally as { explanation?: { summary?: string } }).explanation?.summary ?? '')
          : '',
      granted: record.granted === true ? t('field.granted.true') : t('field.granted.false'),
    }) + accountabilityOf(record);
  // Footnote 13: the abstaining parties asked to account for it, and their answers.
  const accountabilityOf = (record: MinutesRecord) =>
    Array.isArray(record.accountability)
      ? (record.accountability as { party: string; question: string; answer?: string }[])
          .map(
            (a) =>
              ` ${t('minutes.accountability', { party: a.party, question: a.question, answer: a.answer ?? t('minutes.noAnswer') })}`,
          )
          .join('')
      : '';
  return (
    <section className="minutes">
      <Heading level={2}>{t('minutes.heading')}</Heading>
      <div className="no-print">
        <Button appearance="secondary-action-button" onClick={() => window.print()}>
          {t('minutes.print')}
        </Button>{' '}
        <Button appearance="secondary-action-button" onClick={() => download.mutate()}>
          {t('minutes.download')}
        </Button>
        <ProblemAlert error={download.error} />
      </div>
      <QueryView query={minutes}>
        {(m) => (
          <>
            <Paragraph>
              {t('minutes.attendance', {
                present: m.attendance.present.join(', ') || t('common.nobody'),
                absent: m.attendance.absent.join(', ') || t('common.nobody'),
              })}
            </Paragraph>
            {m.items.map((item) => (
              <div key={item.proposalId}>
                <Heading level={3}>{item.title}</Heading>
                <OrderedList>
                  {(item.record as MinutesRecord[]).map((record) => (
                    <OrderedListItem key={`${record.kind}-${record.at}`}>
                      <time dateTime={record.at}>{format.dateTime(record.at)}</time> {describe(record)}
                    </OrderedListItem>
                  ))}
                </OrderedList>
              </div>
            ))}
          </>
        )}
      </QueryView>
    </section>
  );
}
