/**
 * The tally exactly as the API counted it: every ballot with its weight, the threshold, the
 * outcome, the explanation, and the outcome under the other reading of art. 6.9.
 */
import {
  DataSummary,
  DataSummaryItem,
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
import type { Schemas } from '../api';
import { ballotsOf, decisiveAbstentionsOf } from './proposal';

export function TallyView({
  tally,
  live = false,
  headingLevel = 2,
}: {
  tally: Schemas['Tally'];
  live?: boolean;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const alternative = tally.explanation.alternativeReading;
  const decisive = decisiveAbstentionsOf(tally);
  return (
    <section aria-live={live ? 'polite' : undefined}>
      <Heading level={headingLevel}>{t('tally.heading')}</Heading>
      <Paragraph purpose="lead">{tally.explanation.summary}</Paragraph>
      <DataSummary>
        <DataSummaryItem itemKey={t('tally.for')} itemValue={String(tally.for)} />
        <DataSummaryItem itemKey={t('tally.against')} itemValue={String(tally.against)} />
        <DataSummaryItem itemKey={t('tally.abstain')} itemValue={String(tally.abstain)} />
        <DataSummaryItem itemKey={t('tally.cast')} itemValue={String(tally.cast)} />
        <DataSummaryItem itemKey={t('tally.threshold')} itemValue={String(tally.threshold)} />
        <DataSummaryItem itemKey={t('tally.outcome')} itemValue={t(`outcome.${tally.outcome}`)} />
      </DataSummary>
      <Paragraph>{tally.explanation.rule}</Paragraph>
      <Paragraph>
        {t('tally.reading', {
          reading: tally.explanation.policy.abstentionsCountAsCast
            ? t('tally.abstentionsCast')
            : t('tally.abstentionsNotCast'),
        })}{' '}
        {tally.explanation.policy.note}
      </Paragraph>
      <Paragraph>
        {t('tally.alternative', {
          reading: alternative.abstentionsCountAsCast
            ? t('tally.abstentionsCast')
            : t('tally.abstentionsNotCast'),
          cast: alternative.cast,
          threshold: alternative.threshold,
          outcome: t(`outcome.${alternative.outcome}`),
        })}{' '}
        {alternative.summary}
      </Paragraph>
      {decisive.length > 0 ? (
        <Paragraph>{t('tally.decisive', { parties: decisive.join(', ') })}</Paragraph>
      ) : null}
      <Table>
        <TableCaption>{t('tally.ballots')}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('tally.party')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('tally.choice')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('tally.weight')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('tally.note')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {ballotsOf(tally).map((ballot) => (
            <TableRow key={ballot.party}>
              <TableHeaderCell scope="row">{ballot.party}</TableHeaderCell>
              <TableCell>{t(`choice.${ballot.choice}`)}</TableCell>
              <TableCell>{ballot.weight}</TableCell>
              <TableCell>
                {[
                  ballot.chainVote ? t('tally.chainVote') : '',
                  ballot.recordedBy ? t('tally.recordedBy', { party: ballot.recordedBy }) : '',
                  ballot.recordedAsMissing ? t('tally.recordedAsMissing') : '',
                  ballot.justification ?? '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
