/**
 * A form for exactly each action the API offers the caller (`actions`), nothing more: the API
 * decides what is possible; the app never works it out. `only` narrows it to some actions, and
 * `except` leaves some out (the meeting screen closes the meeting once, not once per item).
 */
import {
  Heading,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@rijkshuisstijl-community/components-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/SessionProvider';
import { ActionForm } from './ActionForm';
import { CloseVoteForm } from './CloseVoteForm';
import { type ActionContext, actionSpecs } from './specs';

export interface ActionPanelProps {
  readonly proposal: ActionContext['proposal'] & { readonly actions?: readonly string[] };
  readonly only?: readonly string[];
  readonly except?: readonly string[];
  readonly headingLevel?: 2 | 3;
}

export function ActionPanel({ proposal, only, except = [], headingLevel = 2 }: ActionPanelProps) {
  const { t } = useTranslation();
  const { session } = useSession();
  // Kept here, not in the form: once done, the API no longer offers the action and its form goes.
  const [done, setDone] = useState<string>();
  if (!session) return null;
  const actions = (proposal.actions ?? []).filter(
    (action) => (!only || only.includes(action)) && !except.includes(action),
  );
  const known = actions.filter((action) => action === 'close-vote' || actionSpecs[action]);
  const unknown = actions.filter((action) => !known.includes(action));
  const context = { proposal, session };
  return (
    <section>
      <Heading level={headingLevel}>{t('actions.heading')}</Heading>
      <div role="status">{done ? <Paragraph>{t(`action.${done}.done`)}</Paragraph> : null}</div>
      {actions.length === 0 ? <Paragraph>{t('actions.none')}</Paragraph> : null}
      {known.map((action) => {
        const spec = actionSpecs[action];
        return action === 'close-vote' || !spec ? (
          <CloseVoteForm key={action} context={context} onDone={setDone} />
        ) : (
          <ActionForm key={action} action={action} spec={spec} context={context} onDone={setDone} />
        );
      })}
      {unknown.length > 0 ? (
        <>
          <Paragraph>{t('actions.unknown')}</Paragraph>
          <UnorderedList>
            {unknown.map((action) => (
              <UnorderedListItem key={action}>{action}</UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      ) : null}
    </section>
  );
}
