/** What a query shows while it loads, when it fails, and once it has data. */
import { Paragraph } from '@rijkshuisstijl-community/components-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './problem';

export function QueryView<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Paragraph aria-live="polite">{t('common.loading')}</Paragraph>;
  if (query.isError) return <ProblemAlert error={query.error} />;
  return <>{children(query.data)}</>;
}
