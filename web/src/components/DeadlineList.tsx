/** The deadlines that bind the reader, overdue first, as the API computed them. */
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@rijkshuisstijl-community/components-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from './format';
import type { DeadlineView } from './proposal';

export function DeadlineList({
  deadlines,
  caption,
}: {
  deadlines: readonly DeadlineView[];
  caption: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const sorted = [...deadlines].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || a.due.localeCompare(b.due),
  );
  return (
    <Table>
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('deadline.kind')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('deadline.party')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('deadline.due')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('deadline.status')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {sorted.map((deadline) => (
          <TableRow key={`${deadline.kind}-${deadline.party ?? ''}-${deadline.due}`}>
            <TableCell>{t(`deadlineKind.${deadline.kind}`, { defaultValue: deadline.kind })}</TableCell>
            <TableCell>{deadline.party ?? ''}</TableCell>
            <TableCell>{format.dateTime(deadline.due)}</TableCell>
            <TableCell>
              {deadline.overdue ? <strong>{t('deadline.overdue')}</strong> : t('deadline.open')}
              {deadline.advice ? ` ${deadline.advice}` : ''}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
