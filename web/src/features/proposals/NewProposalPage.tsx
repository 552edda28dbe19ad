/** Table an agenda item (art. 6.2): any member may. */
import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormFieldCheckboxOption,
  FormFieldRadio,
  FormFieldTextarea,
  FormFieldTextInput,
} from '@rijkshuisstijl-community/components-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Schemas } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { fieldValue, ProblemAlert, unwrap } from '../../components/problem';
import { KINDS, STANDARDS } from '../../components/vocabulary';
import { useApi } from '../../session/SessionProvider';

export function NewProposalPage() {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [standards, setStandards] = useState<Schemas['Standard'][]>([]);
  const [kind, setKind] = useState<Schemas['ProposalKind']>('release');
  const [implementationDate, setImplementationDate] = useState('');
  const [standardVersion, setStandardVersion] = useState('');
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/proposals', {
          body: {
            title,
            description,
            standards,
            kind,
            ...(implementationDate ? { implementationDate } : {}),
            ...(standardVersion ? { standardVersion } : {}),
          },
        }),
      ),
    onSuccess: async (proposal) => {
      await queryClient.invalidateQueries({ queryKey: ['proposals'] });
      navigate(`/proposals/${proposal.id}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const toggle = (standard: Schemas['Standard']) =>
    setStandards((previous) =>
      previous.includes(standard) ? previous.filter((s) => s !== standard) : [...previous, standard],
    );
  return (
    <>
      <PageTitle>{t('newProposal.title')}</PageTitle>
      <form onSubmit={submit} noValidate>
        <FormFieldTextInput
          id="proposal-title"
          name="title"
          label={t('proposal.title')}
          required
          value={title}
          onChange={(event) => setTitle(fieldValue(event))}
        />
        <FormFieldTextarea
          id="proposal-description"
          name="description"
          label={t('proposal.description')}
          required
          value={description}
          onChange={(event) => setDescription(fieldValue(event))}
        />
        <Fieldset>
          <FieldsetLegend>{t('proposal.standards')}</FieldsetLegend>
          {STANDARDS.map((standard) => (
            <FormFieldCheckboxOption
              key={standard}
              id={`proposal-standard-${standard}`}
              name="standards"
              value={standard}
              label={standard}
              checked={standards.includes(standard)}
              onChange={() => toggle(standard)}
            />
          ))}
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>{t('proposal.kind')}</FieldsetLegend>
          {KINDS.map((value) => (
            <FormFieldRadio
              key={value}
              id={`proposal-kind-${value}`}
              name="kind"
              value={value}
              label={t(`kind.${value}`)}
              checked={kind === value}
              onChange={() => setKind(value)}
            />
          ))}
        </Fieldset>
        <FormFieldTextInput
          id="proposal-implementation-date"
          name="implementationDate"
          type="date"
          label={t('proposal.implementationDate')}
          description={t('newProposal.implementationDateHelp')}
          value={implementationDate}
          onChange={(event) => setImplementationDate(fieldValue(event))}
        />
        <FormFieldTextInput
          id="proposal-standard-version"
          name="standardVersion"
          label={t('proposal.standardVersion')}
          description={t('newProposal.standardVersionHelp')}
          value={standardVersion}
          onChange={(event) => setStandardVersion(fieldValue(event))}
        />
        <ProblemAlert error={create.error} />
        <Button type="submit" appearance="primary-action-button" disabled={create.isPending}>
          {t('newProposal.submit')}
        </Button>
      </form>
    </>
  );
}
