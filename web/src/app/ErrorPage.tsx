/** What a page that failed unexpectedly shows instead of a blank screen. */
import { Link, Paragraph } from '@rijkshuisstijl-community/components-react';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/problem';

export function ErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <main id="main" className="app__main">
      <PageTitle>{t('problem.unexpected')}</PageTitle>
      <ProblemAlert error={error} />
      <Paragraph>
        <Link href="#/">{t('nav.work')}</Link>
      </Paragraph>
    </main>
  );
}
