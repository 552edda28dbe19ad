/**
 * Attendance (art. 6.9): the secretariat ticks who is present. The quorum — who is missing — is
 * the API's answer, shown as it gave it.
 */
import {
  Alert,
  Button,
  Fieldset,
  FieldsetLegend,
  FormFieldCheckboxOption,
  Heading,
  Paragraph,
} from '@rijkshuisstijl-community/components-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api';
import { ProblemAlert, unwrap } from '../../components/problem';
import { useApi } from '../../session/SessionProvider';
import { useParties } from './queries';

export function Attendance({
  meeting,
  editable,
}: {
  meeting: Schemas['MeetingWithAgenda'];
  editable: boolean;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const parties = useParties();
  const [present, setPresent] = useState<string[]>(meeting.present);
  const record = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PUT('/meetings/{id}/attendance', {
          params: { path: { id: meeting.id } },
          body: { present },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['meetings', meeting.id] }),
  });
  // The API's quorum: from the last recording, or from the meeting when the API sends it there.
  const quorum = record.data?.quorum ?? (meeting as { quorum?: Schemas['AttendanceQuorum'] }).quorum;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate();
  };
  const toggle = (party: string) =>
    setPresent((previous) =>
      previous.includes(party) ? previous.filter((p) => p !== party) : [...previous, party],
    );
  return (
    <section>
      <Heading level={2}>{t('attendance.heading')}</Heading>
      <Paragraph>
        {t('attendance.present', { parties: meeting.present.join(', ') || t('common.nobody') })}
      </Paragraph>
      {quorum ? (
        <Alert type={quorum.met ? 'ok' : 'warning'} role="status">
          <Paragraph>
            {quorum.met
              ? t('attendance.quorumMet')
              : t('attendance.missing', { parties: quorum.absent.join(', ') })}
          </Paragraph>
        </Alert>
      ) : null}
      {editable ? (
        <form onSubmit={submit} noValidate className="action-form no-print">
          <Fieldset>
            <FieldsetLegend>{t('attendance.legend')}</FieldsetLegend>
            {(parties.data ?? []).map((party) => (
              <FormFieldCheckboxOption
                key={party.id}
                id={`present-${party.id}`}
                name="present"
                value={party.id}
                label={`${party.name} (${party.id})`}
                checked={present.includes(party.id)}
                onChange={() => toggle(party.id)}
              />
            ))}
          </Fieldset>
          <ProblemAlert error={record.error} />
          <Button type="submit" appearance="primary-action-button" disabled={record.isPending}>
            {t('attendance.submit')}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
