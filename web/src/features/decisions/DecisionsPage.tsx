/** The decision register (`GET /decisions`). */
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
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { allItems } from '../../components/pages';
import { unwrap } from '../../components/problem';
import { QueryView } from '../../components/QueryView';
import { useApi } from '../../session/SessionProvider';

export function DecisionsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const api = useApi();
  const decisions = useQuery({
    queryKey: ['decisions'],
    queryFn: () =>
      allItems(
        async (cursor) =>
          unwrap(await api.GET('/decisions', { params: { query: cursor ? { cursor } : {} } })),
        (page) => page.decisions,
      ),
    refetchInterval: 10_000,
  });
  return (
    <>
      <PageTitle>{t('decisions.title')}</PageTitle>
      <QueryView query={decisions}>
        {(list) =>
          list.length === 0 ? (
            <Paragraph>{t('decisions.none')}</Paragraph>
          ) : (
            <Table>
              <TableCaption>{t('decisions.caption', { count: list.length })}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('proposal.title')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('decisions.outcome')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('decisions.via')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('decisions.decidedAt')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('decisions.inForce')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.map((decision) => (
                  <TableRow key={decision.proposalId}>
                    <TableCell>
                      <Link href={`#/proposals/${decision.proposalId}`}>{decision.title}</Link>
                    </TableCell>
                    <TableCell>{t(`outcome.${decision.outcome}`)}</TableCell>
                    <TableCell>{t(`via.${decision.via}`)}</TableCell>
                    <TableCell>{format.dateTime(decision.decidedAt)}</TableCell>
                    <TableCell>{decision.inForce ? t('common.yes') : t('common.no')}</TableCell>
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
