/**
 * *Beheer* (ZIN): every proposal's workflow execution, failed or stuck first, with whether it
 * agrees with the proposal in DynamoDB (the API's verdict, DESIGN 3.2).
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
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { QueryView } from '../../components/QueryView';
import { useExecutions } from './queries';

export function AdminPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const executions = useExecutions();
  return (
    <>
      <PageTitle>{t('admin.title')}</PageTitle>
      <Paragraph>{t('admin.intro')}</Paragraph>
      <QueryView query={executions}>
        {(list) =>
          list.length === 0 ? (
            <Paragraph>{t('admin.none')}</Paragraph>
          ) : (
            <Table>
              <TableCaption>{t('admin.caption', { count: list.length })}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('proposal.title')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('admin.status')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('admin.agreement')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('admin.waiting')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('admin.started')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.map((item) => (
                  <TableRow key={item.proposalId}>
                    <TableCell>
                      <Link href={`#/admin/${item.proposalId}`}>{item.title}</Link>
                    </TableCell>
                    <TableCell>
                      {item.execution
                        ? t(`admin.executionStatus.${item.execution.status}`, item.execution.status)
                        : t('admin.noExecution')}
                    </TableCell>
                    <TableCell>{t(`admin.verdict.${item.agreement.verdict}`)}</TableCell>
                    <TableCell>{item.waiting?.state ?? '—'}</TableCell>
                    <TableCell>{item.execution ? format.dateTime(item.execution.startedAt) : '—'}</TableCell>
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
