/**
 * The release calendar (DESIGN 2.4): per standard, each version's agreed implementation date and
 * its implementation-strategy deadline; the secretariat records agreements made before this system.
 * The API's objection blackout reads this calendar; the app only shows and records it.
 */
import {
  Button,
  FormFieldSelect,
  FormFieldTextInput,
  Heading,
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
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requestLoosely } from '../../components/actions/send';
import { useFormat } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { fieldValue, ProblemAlert, ProblemError } from '../../components/problem';
import { QueryView } from '../../components/QueryView';
import { STANDARDS } from '../../components/vocabulary';
import { useApi, useSession } from '../../session/SessionProvider';

interface CalendarEntry {
  readonly standard: string;
  readonly version: string;
  readonly implementationDate: string;
  readonly strategyDue?: string;
}

/** The entries, or `null` while the API has no release calendar yet (404). */
function useReleaseCalendar() {
  const api = useApi();
  return useQuery({
    queryKey: ['release-calendar'],
    queryFn: async (): Promise<CalendarEntry[] | null> => {
      try {
        const body = (await requestLoosely(api, 'get', '/release-calendar')) as
          | { entries?: CalendarEntry[]; releases?: CalendarEntry[] }
          | CalendarEntry[];
        return Array.isArray(body) ? body : (body.entries ?? body.releases ?? []);
      } catch (error) {
        if (error instanceof ProblemError && error.status === 404) return null;
        throw error;
      }
    },
    refetchInterval: 30_000,
  });
}

function RecordAgreement() {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({
    standard: '',
    version: '',
    implementationDate: '',
    strategyDue: '',
  });
  const set = (name: keyof typeof values) => (event: { target: EventTarget }) =>
    setValues((previous) => ({ ...previous, [name]: fieldValue(event) }));
  const record = useMutation({
    mutationFn: () => requestLoosely(api, 'post', '/release-calendar', {}, values),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['release-calendar'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate();
  };
  return (
    <form onSubmit={submit} noValidate className="action-form" aria-labelledby="record-release">
      <Heading level={2} id="record-release">
        {t('releaseCalendar.record')}
      </Heading>
      <FormFieldSelect
        name="standard"
        label={t('releaseCalendar.standard')}
        value={values.standard}
        onChange={set('standard')}
      >
        <SelectOption value="">{t('releaseCalendar.chooseStandard')}</SelectOption>
        {STANDARDS.map((standard) => (
          <SelectOption key={standard} value={standard}>
            {standard}
          </SelectOption>
        ))}
      </FormFieldSelect>
      <FormFieldTextInput
        id="release-version"
        name="version"
        label={t('releaseCalendar.version')}
        value={values.version}
        onChange={set('version')}
      />
      <FormFieldTextInput
        id="release-implementation-date"
        name="implementationDate"
        type="date"
        label={t('releaseCalendar.implementationDate')}
        value={values.implementationDate}
        onChange={set('implementationDate')}
      />
      <FormFieldTextInput
        id="release-strategy-due"
        name="strategyDue"
        type="date"
        label={t('releaseCalendar.strategyDue')}
        value={values.strategyDue}
        onChange={set('strategyDue')}
      />
      <ProblemAlert error={record.error} />
      {record.isSuccess ? <Paragraph role="status">{t('releaseCalendar.recorded')}</Paragraph> : null}
      <Button type="submit" appearance="primary-action-button" disabled={record.isPending}>
        {t('releaseCalendar.submit')}
      </Button>
    </form>
  );
}

export function ReleaseCalendarPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const calendar = useReleaseCalendar();
  return (
    <>
      <PageTitle>{t('releaseCalendar.title')}</PageTitle>
      <Paragraph>{t('releaseCalendar.intro')}</Paragraph>
      <QueryView query={calendar}>
        {(entries) =>
          entries === null ? (
            <Paragraph>{t('releaseCalendar.unavailable')}</Paragraph>
          ) : (
            <>
              {session?.party === 'ZIN' ? <RecordAgreement /> : null}
              {entries.length === 0 ? (
                <Paragraph>{t('releaseCalendar.none')}</Paragraph>
              ) : (
                <Table>
                  <TableCaption>{t('releaseCalendar.caption')}</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">{t('releaseCalendar.standard')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('releaseCalendar.version')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('releaseCalendar.implementationDate')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('releaseCalendar.strategyDue')}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {entries.map((entry) => (
                      <TableRow key={`${entry.standard}-${entry.version}`}>
                        <TableCell>{entry.standard}</TableCell>
                        <TableCell>{entry.version}</TableCell>
                        <TableCell>{format.date(entry.implementationDate)}</TableCell>
                        <TableCell>{format.date(entry.strategyDue)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </>
          )
        }
      </QueryView>
    </>
  );
}
