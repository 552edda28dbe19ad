/** The page's one h1, and the document title that says where the reader is. */
import { Heading } from '@rijkshuisstijl-community/components-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export function PageTitle({ children }: { children: string }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${children} — ${t('app.name')}`;
  }, [children, t]);
  return <Heading level={1}>{children}</Heading>;
}
