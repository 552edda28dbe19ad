/** Post a notice under the information duty (art. 12): any member may; it is e-mailed at once. */
import {
  Button,
  FormFieldTextarea,
  FormFieldTextInput,
  Heading,
  Paragraph,
} from '@rijkshuisstijl-community/components-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldValue, ProblemAlert, unwrap } from '../../components/problem';
import { useApi } from '../../session/SessionProvider';

export function NoticeForm() {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const post = useMutation({
    mutationFn: async () => unwrap(await api.POST('/notices', { body: { subject, body } })),
    onSuccess: async () => {
      setSubject('');
      setBody('');
      await queryClient.invalidateQueries({ queryKey: ['notices'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    post.mutate();
  };
  return (
    <section aria-labelledby="post-notice">
      <Heading level={2} id="post-notice">
        {t('notices.post')}
      </Heading>
      <form onSubmit={submit} noValidate>
        <FormFieldTextInput
          id="notice-subject"
          name="subject"
          label={t('notices.subject')}
          required
          value={subject}
          onChange={(event) => setSubject(fieldValue(event))}
        />
        <FormFieldTextarea
          id="notice-body"
          name="body"
          label={t('notices.body')}
          required
          value={body}
          onChange={(event) => setBody(fieldValue(event))}
        />
        <ProblemAlert error={post.error} />
        {post.isSuccess ? <Paragraph role="status">{t('notices.posted')}</Paragraph> : null}
        <Button type="submit" appearance="primary-action-button" disabled={post.isPending}>
          {t('notices.submit')}
        </Button>
      </form>
    </section>
  );
}
