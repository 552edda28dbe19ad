/** Mededelingen: the notices of the information duty (art. 12), oldest first, and a form to post one. */
import { Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { unwrap } from '../../components/problem';
import { QueryView } from '../../components/QueryView';
import { useApi } from '../../session/SessionProvider';
import { NoticeForm } from './NoticeForm';

export function NoticesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const api = useApi();
  const notices = useQuery({
    queryKey: ['notices'],
    queryFn: async () => unwrap(await api.GET('/notices')),
    refetchInterval: 10_000,
  });
  return (
    <>
      <PageTitle>{t('notices.title')}</PageTitle>
      <Paragraph>{t('notices.intro')}</Paragraph>
      <QueryView query={notices}>
        {({ notices: list }) =>
          list.length === 0 ? (
            <Paragraph>{t('notices.none')}</Paragraph>
          ) : (
            list.map((notice) => (
              <article key={notice.id} aria-labelledby={`notice-${notice.id}`}>
                <Heading level={2} id={`notice-${notice.id}`}>
                  {notice.subject}
                </Heading>
                <Paragraph>
                  {t('notices.by', {
                    party: notice.by,
                    at: format.dateTime(notice.at),
                    version: notice.covenantVersion,
                  })}
                </Paragraph>
                {notice.body.split(/\n{2,}/).map((paragraph, index) => (
                  // The body is free text: its paragraphs have no identity but their place.
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above
                  <Paragraph key={index}>{paragraph}</Paragraph>
                ))}
              </article>
            ))
          )
        }
      </QueryView>
      <NoticeForm />
    </>
  );
}
