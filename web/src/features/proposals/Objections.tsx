/** Every objection to the proposal, each with its own status and deadline (DESIGN 2.3). */
import {
  Heading,
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
import type { DeadlineView, ObjectionView } from '../../components/proposal';

export function Objections({
  objections,
  deadlines,
}: {
  objections: readonly ObjectionView[];
  deadlines: readonly DeadlineView[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (objections.length === 0) return null;
  // The API names the party of an arguments deadline in the target shape; one objection today.
  const dueOf = (objection: ObjectionView) =>
    objection.argumentsDue ??
    deadlines.find((d) => d.kind === 'arguments' && (d.party === undefined || d.party === objection.by))?.due;
  return (
    <section>
      <Heading level={2}>{t('objections.heading')}</Heading>
      <Table>
        <TableCaption>{t('objections.caption', { count: objections.length })}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('objections.by')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('objections.reason')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('objections.status')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('objections.argumentsDue')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('objections.arguments')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {objections.map((objection) => {
            const due = dueOf(objection);
            return (
              <TableRow key={`${objection.by}-${objection.lodgedAt ?? ''}`}>
                <TableHeaderCell scope="row">{objection.by}</TableHeaderCell>
                <TableCell>{objection.reason}</TableCell>
                <TableCell>
                  {t(`objectionStatus.${objection.status}`, { defaultValue: objection.status })}
                </TableCell>
                <TableCell>
                  {objection.status === 'awaiting-arguments' && due ? format.dateTime(due) : ''}
                </TableCell>
                <TableCell>
                  {objection.arguments ?? ''}
                  {objection.alternativeProposal
                    ? ` ${t('objections.alternative', { text: objection.alternativeProposal })}`
                    : ''}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </section>
  );
}
