/**
 * Convenant: the version in force, its term and next renewal (art. 9.1), the history of versions,
 * and the proposed changes with who still has to sign (art. 9.2); for ZIN the form for a change.
 */
import {
  Heading,
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
import type { Schemas } from '../../api';
import { useCovenant, useOpenChanges } from '../../components/covenant';
import { useFormat } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { QueryView } from '../../components/QueryView';
import { useSession } from '../../session/SessionProvider';
import { ChangesTable } from './ChangesTable';
import { ProposeChangeForm } from './ProposeChangeForm';

function InForce({ covenant }: { covenant: Schemas['Covenant'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { inForce, term } = covenant;
  return (
    <section aria-labelledby="covenant-in-force">
      <Heading level={2} id="covenant-in-force">
        {t('covenant.inForce')}
      </Heading>
      <Paragraph>
        {t('covenant.version', {
          version: inForce.version,
          date: format.date(inForce.effectiveOn),
          title: inForce.text.title,
          reference: inForce.text.reference,
        })}
      </Paragraph>
      <Paragraph>
        {t('covenant.term', {
          start: format.date(term.startedOn),
          end: format.date(term.endsOn),
          renewal: format.date(term.renewsOn),
        })}
      </Paragraph>
    </section>
  );
}

function History({ history }: { history: Schemas['Covenant']['history'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table>
      <TableCaption>{t('covenant.history')}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('covenant.versionNumber')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('covenant.effectiveOn')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('covenant.textReference')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('covenant.cause')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {history.map((entry) => (
          <TableRow key={entry.version}>
            <TableHeaderCell scope="row">{entry.version}</TableHeaderCell>
            <TableCell>{format.date(entry.effectiveOn)}</TableCell>
            <TableCell>{`${entry.text.title} (${entry.text.reference})`}</TableCell>
            <TableCell>
              {t(`covenantCause.${entry.cause.kind}`, { party: entry.cause.party ?? '' })}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function CovenantPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const covenant = useCovenant();
  const details = useOpenChanges(covenant.data);
  return (
    <>
      <PageTitle>{t('covenant.title')}</PageTitle>
      <QueryView query={covenant}>
        {(data) => (
          <>
            <InForce covenant={data} />
            <History history={data.history} />
            <section aria-labelledby="covenant-changes">
              <Heading level={2} id="covenant-changes">
                {t('covenant.changes')}
              </Heading>
              {(data.changes ?? []).length === 0 ? (
                <Paragraph>{t('covenant.noChanges')}</Paragraph>
              ) : (
                <ChangesTable changes={data.changes ?? []} details={details} />
              )}
            </section>
          </>
        )}
      </QueryView>
      {session?.party === 'ZIN' ? <ProposeChangeForm /> : null}
    </>
  );
}
