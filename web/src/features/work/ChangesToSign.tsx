/** The covenant changes the signed-in party has still to sign (art. 9.2), on "My work". */
import {
  Link,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@rijkshuisstijl-community/components-react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api';
import { changesToSign, useCovenant, useOpenChanges } from '../../components/covenant';
import { useFormat } from '../../components/format';
import { useSession } from '../../session/SessionProvider';

/** The changes the signed-in party must sign, read from the covenant's queries. */
export function useChangesToSign(): Schemas['CovenantChange'][] {
  const { session } = useSession();
  const covenant = useCovenant();
  return changesToSign(useOpenChanges(covenant.data), session?.party);
}

export function ChangesToSign({ toSign }: { toSign: readonly Schemas['CovenantChange'][] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (toSign.length === 0) return null;
  return (
    <Table>
      <TableCaption>{t('work.changesCaption', { count: toSign.length })}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('covenant.summary')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('work.todo')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('covenant.effectiveDate')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {toSign.map((change) => (
          <TableRow key={change.id}>
            <TableCell>
              <Link href="#/covenant">{change.summary}</Link>
            </TableCell>
            <TableCell>{t('work.signChange')}</TableCell>
            <TableCell>{format.date(change.effectiveDate)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
