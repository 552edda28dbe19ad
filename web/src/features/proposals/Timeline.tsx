/** The proposal's timeline, from its audit trail (`GET /proposals/{id}/history`). */
import { Heading, OrderedList, OrderedListItem, Paragraph } from '@rijkshuisstijl-community/components-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../components/format';
import { QueryView } from '../../components/QueryView';
import { useHistory } from './queries';

export function Timeline({ proposalId }: { proposalId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const history = useHistory(proposalId);
  return (
    <section>
      <Heading level={2}>{t('timeline.heading')}</Heading>
      <QueryView query={history}>
        {({ events }) =>
          events.length === 0 ? (
            <Paragraph>{t('timeline.empty')}</Paragraph>
          ) : (
            <OrderedList>
              {events.map((event) => (
                <OrderedListItem key={event.version}>
                  <time dateTime={event.at}>{format.dateTime(event.at)}</time>{' '}
                  {t('timeline.entry', {
                    action: t(`historyAction.${event.action}`, { defaultValue: event.action }),
                    party: event.by.party,
                  })}
                  {event.toPhase && event.toPhase !== event.fromPhase
                    ? ` ${t('timeline.toPhase', { phase: t(`phase.${event.toPhase}`) })}`
                    : ''}
                </OrderedListItem>
              ))}
            </OrderedList>
          )
        }
      </QueryView>
    </section>
  );
}
