/** Every proposal, filtered by phase and standard (kept in the URL, so a filtered list can be shared). */
import {
  ButtonLink,
  FormFieldSelect,
  Link,
  Paragraph,
  SelectOption,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@rijkshuisstijl-community/components-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Schemas } from '../../api';
import { useFormat } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { QueryView } from '../../components/QueryView';
import { PHASES, STANDARDS } from '../../components/vocabulary';
import { useProposals } from './queries';

export function ProposalsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [search, setSearch] = useSearchParams();
  const phase = (search.get('phase') || undefined) as Schemas['Phase'] | undefined;
  const standard = (search.get('standard') || undefined) as Schemas['Standard'] | undefined;
  const proposals = useProposals({ ...(phase ? { phase } : {}), ...(standard ? { standard } : {}) });
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next);
  };
  return (
    <>
      <PageTitle>{t('proposals.title')}</PageTitle>
      <ButtonLink appearance="secondary-action-button" href="#/proposals/new">
        {t('proposals.new')}
      </ButtonLink>
      <search aria-label={t('proposals.filters')} className="app__filters">
        <FormFieldSelect
          name="phase"
          label={t('proposals.filterPhase')}
          value={phase ?? ''}
          onChange={(event) => setFilter('phase', event.target.value)}
        >
          <SelectOption value="">{t('proposals.allPhases')}</SelectOption>
          {PHASES.map((value) => (
            <SelectOption key={value} value={value}>
              {t(`phase.${value}`)}
            </SelectOption>
          ))}
        </FormFieldSelect>
        <FormFieldSelect
          name="standard"
          label={t('proposals.filterStandard')}
          value={standard ?? ''}
          onChange={(event) => setFilter('standard', event.target.value)}
        >
          <SelectOption value="">{t('proposals.allStandards')}</SelectOption>
          {STANDARDS.map((value) => (
            <SelectOption key={value} value={value}>
              {value}
            </SelectOption>
          ))}
        </FormFieldSelect>
      </search>
      <QueryView query={proposals}>
        {(list) =>
          list.length === 0 ? (
            <Paragraph>{t('proposals.none')}</Paragraph>
          ) : (
            <Table>
              <TableCaption>{t('proposals.caption', { count: list.length })}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('proposal.title')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('proposal.phase')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('proposal.standards')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('proposal.submittedBy')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('proposal.updatedAt')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.map((proposal) => (
                  <TableRow key={proposal.id}>
                    <TableCell>
                      <Link href={`#/proposals/${proposal.id}`}>{proposal.title}</Link>
                    </TableCell>
                    <TableCell>{t(`phase.${proposal.phase}`)}</TableCell>
                    <TableCell>{proposal.standards.join(', ')}</TableCell>
                    <TableCell>{proposal.submittedBy}</TableCell>
                    <TableCell>{format.dateTime(proposal.updatedAt)}</TableCell>
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
