/**
 * Open deadlines, overdue first, and the iCalendar feed of them (`GET /deadlines.ics`): the
 * feed needs the reader's token, so the app fetches it and offers it as a file to import.
 */
import {
  Button,
  Link,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@rijkshuisstijl-community/components-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { requestLoosely } from '../../components/actions/send';
import { useFormat } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { allItems } from '../../components/pages';
import { ProblemAlert, ProblemError, unwrapJson } from '../../components/problem';
import { QueryView } from '../../components/QueryView';
import { useApi } from '../../session/SessionProvider';

function useCalendarDownload() {
  const api = useApi();
  return useMutation({
    mutationFn: async () => {
      const { data, error, response } = await api.GET('/deadlines.ics', {
        parseAs: 'text',
      });
      if (error !== undefined || !response.ok || typeof data !== 'string')
        throw new ProblemError(response.status, { title: response.statusText });
      const url = URL.createObjectURL(new Blob([data], { type: 'text/calendar' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = 'besluitvorming-termijnen.ics';
      link.click();
      URL.revokeObjectURL(url);
    },
  });
}

/**
 * A secret iCalendar address for calendar apps (`POST /calendars`, DESIGN 5): they fetch it without
 * a token. Until the API has the route, the download above is the way.
 */
function CalendarSubscription() {
  const { t } = useTranslation();
  const api = useApi();
  const subscribe = useMutation({
    mutationFn: async () => (await requestLoosely(api, 'post', '/calendars', {}, {})) as { url?: string },
  });
  const unavailable = subscribe.error instanceof ProblemError && subscribe.error.status === 404;
  return (
    <>
      <Button
        appearance="secondary-action-button"
        onClick={() => subscribe.mutate()}
        disabled={subscribe.isPending}
      >
        {t('deadlines.subscribe')}
      </Button>
      {unavailable ? <Paragraph role="status">{t('deadlines.subscribeUnavailable')}</Paragraph> : null}
      {subscribe.error && !unavailable ? <ProblemAlert error={subscribe.error} /> : null}
      {subscribe.data?.url ? (
        <Paragraph role="status">
          {t('deadlines.subscribed')} <Link href={subscribe.data.url}>{subscribe.data.url}</Link>
        </Paragraph>
      ) : null}
    </>
  );
}

export function DeadlinesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const api = useApi();
  const deadlines = useQuery({
    queryKey: ['deadlines'],
    queryFn: () =>
      allItems(
        async (cursor) =>
          unwrapJson(await api.GET('/deadlines', { params: { query: cursor ? { cursor } : {} } })),
        (page) => page.deadlines,
      ),
    refetchInterval: 10_000,
  });
  const calendar = useCalendarDownload();
  return (
    <>
      <PageTitle>{t('deadlines.title')}</PageTitle>
      <Paragraph>{t('deadlines.calendarHelp')}</Paragraph>
      <Button appearance="secondary-action-button" onClick={() => calendar.mutate()}>
        {t('deadlines.calendar')}
      </Button>
      <ProblemAlert error={calendar.error} /> <CalendarSubscription />
      <QueryView query={deadlines}>
        {(list) =>
          list.length === 0 ? (
            <Paragraph>{t('deadlines.none')}</Paragraph>
          ) : (
            <Table>
              <TableCaption>{t('deadlines.caption', { count: list.length })}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('proposal.title')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('deadline.kind')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('deadline.due')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('deadline.status')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {[...list]
                  .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.due.localeCompare(b.due))
                  .map((deadline) => (
                    <TableRow key={`${deadline.proposalId}-${deadline.kind}-${deadline.due}`}>
                      <TableCell>
                        <Link href={`#/proposals/${deadline.proposalId}`}>{deadline.title}</Link>
                      </TableCell>
                      <TableCell>{t(`deadlineKind.${deadline.kind}`)}</TableCell>
                      <TableCell>{format.dateTime(deadline.due)}</TableCell>
                      <TableCell>
                        {deadline.overdue ? <strong>{t('deadline.overdue')}</strong> : t('deadline.open')}
                      </TableCell>
                    </TableRow>
                  ))}
              </TableBody>
            </Table>
          )
        }
      </QueryView>
    </>
  );
}
