/**
 * "My work": what the signed-in party must do now — every open proposal on which the API offers
 * it an action — overdue first, then by the nearest deadline.
 */
import {
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
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { allItems } from '../../components/pages';
import { unwrap } from '../../components/problem';
import { actionsOf } from '../../components/proposal';
import { QueryView } from '../../components/QueryView';
import { useApi, useSession } from '../../session/SessionProvider';
import { ChangesToSign, useChangesToSign } from './ChangesToSign';
import { orderWork } from './order';

const FINISHED = new Set(['closed', 'withdrawn', 'dropped']);
const REFRESH_MS = 5000;

function useMyWork() {
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
  const open = (list.data ?? []).filter((proposal) => !FINISHED.has(proposal.phase));
  const details = useQueries({
    queries: open.map((proposal) => ({
      queryKey: ['proposals', proposal.id],
      queryFn: async () =>
        unwrap(await api.GET('/proposals/{id}', { params: { path: { id: proposal.id } } })),
      refetchInterval: REFRESH_MS,
    })),
  });
  const work = orderWork(details.flatMap((query) => (query.data ? [query.data] : [])));
  return { list, work };
}

export function MyWorkPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const { list, work } = useMyWork();
  const toSign = useChangesToSign();
  return (
    <>
      <PageTitle>{t('work.title')}</PageTitle>
      <Paragraph>{t('work.intro', { party: session?.party ?? '' })}</Paragraph>
      <ChangesToSign toSign={toSign} />
      <QueryView query={list}>
        {() =>
          work.length === 0 ? (
            toSign.length === 0 ? (
              <Paragraph>{t('work.none')}</Paragraph>
            ) : null
          ) : (
            <Table>
              <TableCaption>{t('work.caption', { count: work.length })}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('proposal.title')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('proposal.phase')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('work.todo')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('work.deadline')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {work.map(({ proposal, overdue, nearest }) => (
                  <TableRow key={proposal.id}>
                    <TableCell>
                      <Link href={`#/proposals/${proposal.id}`}>{proposal.title}</Link>
                    </TableCell>
                    <TableCell>{t(`phase.${proposal.phase}`)}</TableCell>
                    <TableCell>
                      {actionsOf(proposal)
                        .map((action) => t(`action.${action}.title`, { defaultValue: action }))
                        .join(', ')}
                    </TableCell>
                    <TableCell>
                      {overdue ? <strong>{t('deadline.overdue')} </strong> : null}
                      {nearest ? format.dateTime(nearest.due) : ''}
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
