/**
 * Closing the vote (DESIGN 2.2, 6): the API refuses (422) while ballots are missing and names the
 * parties; the chair may then close explicitly recording them as abstaining.
 */
import { Button, Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert, ProblemError } from '../problem';
import { decisionTextsOf } from '../proposal';
import { RadioField } from './ActionForm';
import { useActionMutation } from './send';
import type { ActionContext } from './specs';

export function CloseVoteForm({
  context,
  onDone,
}: {
  context: ActionContext;
  onDone: (action: string) => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const mutation = useActionMutation(() => onDone('close-vote'));
  // In a reconsideration the vote is on the original text or an objector's alternative (art. 7.4).
  const texts = decisionTextsOf(context.proposal);
  const [text, setText] = useState('');
  const close = (missingBallots?: 'abstain') =>
    mutation.mutate({
      method: 'post',
      path: '/proposals/{id}/vote/close',
      params: { id: context.proposal.id },
      body: { ...(missingBallots ? { missingBallots } : {}), ...(text ? { text } : {}) },
    });
  const missingRefused = mutation.error instanceof ProblemError && mutation.error.status === 422;
  return (
    <section aria-labelledby={headingId} className="action-form">
      <Heading level={3} id={headingId}>
        {t('action.close-vote.title')}
      </Heading>
      <Paragraph>{t('action.close-vote.help')}</Paragraph>
      {texts.length > 0 ? (
        <RadioField
          id={headingId}
          name="decisionText"
          label={t('field.decisionText.label')}
          options={texts.map((value) => ({
            value,
            label:
              value === 'original'
                ? t('field.decisionText.original')
                : t('field.decisionText.party', { party: value }),
          }))}
          value={text}
          onChange={setText}
        />
      ) : null}
      <ProblemAlert error={mutation.error} />
      <Button appearance="primary-action-button" disabled={mutation.isPending} onClick={() => close()}>
        {t('action.close-vote.submit')}
      </Button>
      {missingRefused ? (
        <Button
          appearance="secondary-action-button"
          disabled={mutation.isPending}
          onClick={() => close('abstain')}
        >
          {t('action.close-vote.asAbstaining')}
        </Button>
      ) : null}
    </section>
  );
}
