/**
 * The meeting screen of the secretariat: attendance naming who is missing, the agenda with each
 * item's vote (opened, the live tally as ballots arrive, closed), closing the meeting, and the
 * minutes. Representatives see the same screen and vote from it.
 */
import { Button, Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useFormat } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert, unwrap } from '../../components/problem';
import { QueryView } from '../../components/QueryView';
import { useApi, useSession } from '../../session/SessionProvider';
import { AgendaItem } from './AgendaItem';
import { Attendance } from './Attendance';
import { SECRETARIAT } from './MeetingsPage';
import { Minutes } from './Minutes';
import { useMeeting } from './queries';

function CloseMeeting({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const close = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/meetings/{id}/close', { params: { path: { id: meetingId } }, body: {} })),
    onSuccess: () =>
      Promise.all(['meetings', 'proposals'].map((key) => queryClient.invalidateQueries({ queryKey: [key] }))),
  });
  return (
    <section className="action-form no-print">
      <Heading level={2}>{t('meeting.close')}</Heading>
      <Paragraph>{t('meeting.closeHelp')}</Paragraph>
      <ProblemAlert error={close.error} />
      <Button appearance="primary-action-button" disabled={close.isPending} onClick={() => close.mutate()}>
        {t('meeting.closeSubmit')}
      </Button>
    </section>
  );
}

export function MeetingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const meeting = useMeeting(id);
  const secretariat = session?.party === SECRETARIAT;
  return (
    <QueryView query={meeting}>
      {(m) => (
        <>
          <PageTitle>
            {t('meeting.title', { date: format.date(m.date), title: m.title ?? '' }).trim()}
          </PageTitle>
          <Paragraph>
            {t(`meetingStatus.${m.status}`)}
            {m.closedAt ? ` — ${format.dateTime(m.closedAt)}` : ''}
          </Paragraph>
          <Attendance meeting={m} editable={secretariat && m.status === 'open'} />
          <section>
            <Heading level={2}>{t('meeting.agenda')}</Heading>
            {m.agenda.length === 0 ? <Paragraph>{t('meeting.emptyAgenda')}</Paragraph> : null}
            {m.agenda.map((item) => (
              <AgendaItem key={item.proposalId} proposalId={item.proposalId} title={item.title} />
            ))}
          </section>
          {secretariat && m.status === 'open' ? <CloseMeeting meetingId={m.id} /> : null}
          <Minutes meetingId={m.id} />
        </>
      )}
    </QueryView>
  );
}
