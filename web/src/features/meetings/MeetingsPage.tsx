/** The meetings, and (for the secretariat) planning a new one. */
import {
  Button,
  FormFieldTextInput,
  Heading,
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
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { todayInAmsterdam, useFormat } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { fieldValue, ProblemAlert, unwrap } from '../../components/problem';
import { QueryView } from '../../components/QueryView';
import { useApi, useSession } from '../../session/SessionProvider';
import { useMeetings } from './queries';

/** The secretariat (ZIN) plans meetings; shown to it only, the API refuses anyone else anyway. */
export const SECRETARIAT = 'ZIN';

function PlanMeetingForm() {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [date, setDate] = useState(todayInAmsterdam());
  const [title, setTitle] = useState('');
  const plan = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/meetings', { body: { date, ...(title ? { title } : {}) } })),
    onSuccess: async (meeting) => {
      await queryClient.invalidateQueries({ queryKey: ['meetings'] });
      navigate(`/meetings/${meeting.id}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    plan.mutate();
  };
  return (
    <form onSubmit={submit} noValidate className="action-form" aria-labelledby="plan-meeting">
      <Heading level={2} id="plan-meeting">
        {t('meetings.plan')}
      </Heading>
      <FormFieldTextInput
        id="meeting-date"
        name="date"
        type="date"
        label={t('meetings.date')}
        required
        value={date}
        onChange={(event) => setDate(fieldValue(event))}
      />
      <FormFieldTextInput
        id="meeting-title"
        name="title"
        label={t('meetings.meetingTitle')}
        value={title}
        onChange={(event) => setTitle(fieldValue(event))}
      />
      <ProblemAlert error={plan.error} />
      <Button type="submit" appearance="primary-action-button" disabled={plan.isPending}>
        {t('meetings.planSubmit')}
      </Button>
    </form>
  );
}

export function MeetingsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const meetings = useMeetings();
  return (
    <>
      <PageTitle>{t('meetings.title')}</PageTitle>
      {session?.party === SECRETARIAT ? <PlanMeetingForm /> : null}
      <QueryView query={meetings}>
        {(list) =>
          list.length === 0 ? (
            <Paragraph>{t('meetings.none')}</Paragraph>
          ) : (
            <Table>
              <TableCaption>{t('meetings.caption')}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('meetings.date')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('meetings.meetingTitle')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('meetings.status')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.map((meeting) => (
                  <TableRow key={meeting.id}>
                    <TableCell>
                      <Link href={`#/meetings/${meeting.id}`}>{format.date(meeting.date)}</Link>
                    </TableCell>
                    <TableCell>{meeting.title ?? ''}</TableCell>
                    <TableCell>{t(`meetingStatus.${meeting.status}`)}</TableCell>
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
