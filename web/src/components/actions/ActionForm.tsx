/** One action as a form, built from its {@link ActionSpec} with the design system's form fields. */
import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormFieldRadio,
  FormFieldSelect,
  FormFieldTextarea,
  FormFieldTextInput,
  Heading,
  Paragraph,
  SelectOption,
} from '@rijkshuisstijl-community/components-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../session/SessionProvider';
import { allItems } from '../pages';
import { fieldValue, ProblemAlert, unwrap } from '../problem';
import { decisionTextsOf } from '../proposal';
import { useActionMutation } from './send';
import type { ActionContext, ActionSpec, FieldSpec } from './specs';

function MeetingOptions() {
  const api = useApi();
  const { t } = useTranslation();
  const meetings = useQuery({
    queryKey: ['meetings', 'list'],
    queryFn: () =>
      allItems(
        async (cursor) => unwrap(await api.GET('/meetings', { params: { query: cursor ? { cursor } : {} } })),
        (page) => page.meetings,
      ),
  });
  const open = (meetings.data ?? []).filter((meeting) => meeting.status === 'open');
  return (
    <>
      <SelectOption value="">{t('field.meetingId.choose')}</SelectOption>
      {open.map((meeting) => (
        <SelectOption key={meeting.id} value={meeting.id}>
          {meeting.date} {meeting.title ?? ''}
        </SelectOption>
      ))}
    </>
  );
}

export function RadioField({
  id,
  name,
  label,
  options,
  value,
  onChange,
}: {
  id: string;
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Fieldset>
      <FieldsetLegend>{label}</FieldsetLegend>
      {options.map((option) => (
        <FormFieldRadio
          key={option.value}
          id={`${id}-${option.value}`}
          name={`${id}-${name}`}
          value={option.value}
          label={option.label}
          checked={value === option.value}
          onChange={() => onChange(option.value)}
        />
      ))}
    </Fieldset>
  );
}

function Field({
  field,
  action,
  context,
  value,
  onChange,
}: {
  field: FieldSpec;
  action: string;
  context: ActionContext;
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const id = `${useId()}-${field.name}`;
  const label = t(`field.${field.name}.label`);
  const description = t(`action.${action}.${field.name}`, { defaultValue: '' }) || undefined;
  switch (field.kind) {
    case 'textarea':
      return (
        <FormFieldTextarea
          id={id}
          name={field.name}
          label={label}
          description={description}
          required={field.required}
          value={value}
          onChange={(event) => onChange(fieldValue(event))}
        />
      );
    case 'text':
      return (
        <FormFieldTextInput
          id={id}
          name={field.name}
          label={label}
          required={field.required}
          value={value}
          onChange={(event) => onChange(fieldValue(event))}
        />
      );
    case 'meeting':
      return (
        <FormFieldSelect
          name={field.name}
          label={label}
          required={field.required}
          value={value}
          onChange={(event) => onChange(fieldValue(event))}
        >
          <MeetingOptions />
        </FormFieldSelect>
      );
    case 'radio':
      return (
        <RadioField
          id={id}
          name={field.name}
          label={label}
          options={(field.options ?? []).map((option) => ({
            value: option,
            label: t(`field.${field.name}.${option}`),
          }))}
          value={value}
          onChange={onChange}
        />
      );
    case 'decisionText': {
      const texts = decisionTextsOf(context.proposal);
      if (texts.length === 0) return null;
      return (
        <RadioField
          id={id}
          name={field.name}
          label={label}
          options={texts.map((text) => ({
            value: text,
            label:
              text === 'original'
                ? t('field.decisionText.original')
                : t('field.decisionText.party', { party: text }),
          }))}
          value={value}
          onChange={onChange}
        />
      );
    }
  }
}

export interface ActionFormProps {
  readonly action: string;
  readonly spec: ActionSpec;
  readonly context: ActionContext;
  /** Called once the API accepted the action (the form may then vanish: the action is done). */
  readonly onDone: (action: string) => void;
}

export function ActionForm({ action, spec, context, onDone }: ActionFormProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [values, setValues] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const mutation = useActionMutation(() => {
    setValues({});
    onDone(action);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const absent = spec.fields.filter((field) => field.required && !values[field.name]?.trim());
    setMissing(absent.map((field) => t(`field.${field.name}.label`)));
    if (absent.length > 0) return;
    mutation.mutate(spec.request(values, context));
  };
  return (
    <form aria-labelledby={headingId} onSubmit={submit} noValidate className="action-form">
      <Heading level={3} id={headingId}>
        {t(`action.${action}.title`)}
      </Heading>
      <Paragraph>{t(`action.${action}.help`, { defaultValue: '' })}</Paragraph>
      {spec.fields.map((field) => (
        <Field
          key={field.name}
          field={field}
          action={action}
          context={context}
          value={values[field.name] ?? ''}
          onChange={(value) => setValues((previous) => ({ ...previous, [field.name]: value }))}
        />
      ))}
      {missing.length > 0 ? (
        <Paragraph role="alert">{t('form.missing', { fields: missing.join(', ') })}</Paragraph>
      ) : null}
      <ProblemAlert error={mutation.error} />
      <Button type="submit" appearance="primary-action-button" disabled={mutation.isPending}>
        {t(`action.${action}.submit`)}
      </Button>
    </form>
  );
}
