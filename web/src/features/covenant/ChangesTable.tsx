/** The proposed changes with their status, who still has to sign, and the reader's own "sign". */
import {
  Button,
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
import { useFormat } from '../../components/format';
import { ProblemAlert } from '../../components/problem';
import { useSession } from '../../session/SessionProvider';
import { useSignChange } from './queries';

export function ChangesTable({
  changes,
  details,
}: {
  changes: NonNullable<Schemas['Covenant']['changes']>;
  details: readonly Schemas['CovenantChange'][];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const sign = useSignChange();
  const detailOf = (id: string) => details.find((change) => change.id === id);
  return (
    <>
      <ProblemAlert error={sign.error} />
      <Table>
        <TableCaption>{t('covenant.changesCaption', { count: changes.length })}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('covenant.summary')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('covenant.kind')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('covenant.effectiveDate')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('covenant.status')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('covenant.missing')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {changes.map((change) => {
            const detail = detailOf(change.id);
            const missing = detail?.missing;
            const status = detail?.status ?? change.status;
            return (
              <TableRow key={change.id}>
                <TableHeaderCell scope="row">{change.summary}</TableHeaderCell>
                <TableCell>{t(`covenantChangeKind.${change.kind}`, { defaultValue: change.kind })}</TableCell>
                <TableCell>{format.date(change.effectiveDate)}</TableCell>
                <TableCell>{t(`covenantChangeStatus.${status}`, { defaultValue: status })}</TableCell>
                <TableCell>
                  {missing ? (missing.length > 0 ? missing.join(', ') : t('common.nobody')) : ''}
                  {session && missing?.includes(session.party) ? (
                    <>
                      {' '}
                      <Button
                        appearance="primary-action-button"
                        disabled={sign.isPending}
                        aria-label={t('covenant.signChange', { summary: change.summary })}
                        onClick={() => sign.mutate(change.id)}
                      >
                        {t('covenant.sign')}
                      </Button>
                    </>
                  ) : null}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
}
