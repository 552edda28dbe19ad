/** The register in force today (`GET /parties`): who votes, with what weight, for which standards. */
import {
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
import { PageTitle } from '../../components/PageTitle';
import { unwrap } from '../../components/problem';
import { QueryView } from '../../components/QueryView';
import { useApi, useSession } from '../../session/SessionProvider';
import { Withdrawal } from './Withdrawal';

export function PartiesPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { session } = useSession();
  const parties = useQuery({
    queryKey: ['parties'],
    queryFn: async () => unwrap(await api.GET('/parties')),
    staleTime: 60_000,
  });
  return (
    <>
      <PageTitle>{t('parties.title')}</PageTitle>
      <QueryView query={parties}>
        {(register) => (
          <>
            <Table>
              <TableCaption>{t('parties.caption', { votes: register.totalVotes ?? '' })}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('parties.id')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('parties.name')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('parties.kind')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('parties.votes')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('parties.standards')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('parties.roles')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {register.parties.map((party) => (
                  <TableRow key={party.id}>
                    <TableHeaderCell scope="row">{party.id}</TableHeaderCell>
                    <TableCell>{party.name}</TableCell>
                    <TableCell>{t(`partyKind.${party.kind}`)}</TableCell>
                    <TableCell>{party.votes}</TableCell>
                    <TableCell>{party.standards.join(', ')}</TableCell>
                    <TableCell>{party.roles.join(', ')}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {session ? (
              <Withdrawal
                party={session.party}
                notice={register.withdrawalNotices.find((notice) => notice.party === session.party)}
              />
            ) : null}
          </>
        )}
      </QueryView>
    </>
  );
}
