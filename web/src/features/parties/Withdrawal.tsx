/**
 * The signed-in party's notice of withdrawal (art. 10): give it, after a confirmation that says it
 * takes effect three months later, or revoke a pending one. The dates are the API's.
 */
import { ActionGroup, Alert, Button, Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api';
import { useFormat } from '../../components/format';
import { ProblemAlert, unwrap } from '../../components/problem';
import { useApi } from '../../session/SessionProvider';

function useWithdrawal(party: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['parties'] });
  const path = { params: { path: { party } }, body: {} };
  const give = useMutation({
    mutationFn: async () => unwrap(await api.POST('/parties/{party}/withdrawal', path)),
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: async () => unwrap(await api.POST('/parties/{party}/withdrawal/revocation', path)),
    onSuccess: refresh,
  });
  return { give, revoke };
}

export function Withdrawal({
  party,
  notice,
}: {
  party: string;
  notice: Schemas['WithdrawalNotice'] | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { give, revoke } = useWithdrawal(party);
  const [confirming, setConfirming] = useState(false);
  return (
    <section aria-labelledby="withdrawal">
      <Heading level={2} id="withdrawal">
        {t('withdrawal.title')}
      </Heading>
      {notice ? (
        <>
          <Paragraph>
            {t('withdrawal.pending', {
              party,
              noticeOn: format.date(notice.noticeOn),
              effectiveOn: format.date(notice.effectiveOn),
            })}
          </Paragraph>
          <Button
            appearance="secondary-action-button"
            disabled={revoke.isPending}
            onClick={() => revoke.mutate()}
          >
            {t('withdrawal.revoke')}
          </Button>
        </>
      ) : confirming ? (
        <Alert type="warning">
          <Paragraph>{t('withdrawal.confirmText', { party })}</Paragraph>
          <ActionGroup>
            <Button
              appearance="primary-action-button"
              disabled={give.isPending}
              onClick={() => give.mutate(undefined, { onSettled: () => setConfirming(false) })}
            >
              {t('withdrawal.confirm')}
            </Button>
            <Button appearance="secondary-action-button" onClick={() => setConfirming(false)}>
              {t('withdrawal.cancel')}
            </Button>
          </ActionGroup>
        </Alert>
      ) : (
        <>
          <Paragraph>{t('withdrawal.explain')}</Paragraph>
          <Button appearance="secondary-action-button" onClick={() => setConfirming(true)}>
            {t('withdrawal.give')}
          </Button>
        </>
      )}
      {revoke.isSuccess && !notice ? <Paragraph role="status">{t('withdrawal.revoked')}</Paragraph> : null}
      <ProblemAlert error={give.error ?? revoke.error} />
    </section>
  );
}
