/**
 * ZIN's form for a covenant change (art. 9.2–9.4): kind, summary, text, effective date, and the
 * register changes as JSON, and the policy choices it changes. The API validates all of it; the form only parses the JSON, and shows
 * the API's 400 or 422 problem as it came.
 */
import {
  Alert,
  Button,
  Fieldset,
  FieldsetLegend,
  FormFieldRadio,
  FormFieldTextarea,
  FormFieldTextInput,
  Heading,
  Paragraph,
} from '@rijkshuisstijl-community/components-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api';
import { fieldValue, ProblemAlert } from '../../components/problem';
import { type PolicyChanges, PolicyChangesFields } from './PolicyChanges';
import { useProposeChange } from './queries';

const KINDS = [
  'addendum',
  'version',
  'accession',
] as const satisfies readonly Schemas['ProposeCovenantChange']['kind'][];

/** The register changes as typed, parsed; `undefined` when empty, an Error when not JSON. */
function parseRegisterChanges(text: string): Schemas['ProposeCovenantChange']['registerChanges'] | Error {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as Schemas['ProposeCovenantChange']['registerChanges'];
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export function ProposeChangeForm() {
  const { t } = useTranslation();
  const propose = useProposeChange();
  const [kind, setKind] = useState<Schemas['ProposeCovenantChange']['kind']>('addendum');
  const [summary, setSummary] = useState('');
  const [text, setText] = useState('');
  const [effectiveDate, setEffectiveDate] = useState('');
  const [registerChanges, setRegisterChanges] = useState('');
  const [policyChanges, setPolicyChanges] = useState<PolicyChanges>({});
  const [jsonError, setJsonError] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseRegisterChanges(registerChanges);
    setJsonError(parsed instanceof Error ? parsed.message : undefined);
    if (parsed instanceof Error) return;
    propose.mutate(
      {
        kind,
        summary,
        text,
        effectiveDate,
        ...(parsed ? { registerChanges: parsed } : {}),
        ...(Object.keys(policyChanges).length > 0 ? { policyChanges } : {}),
      },
      {
        onSuccess: () => {
          setSummary('');
          setText('');
          setRegisterChanges('');
        },
      },
    );
  };
  return (
    <section aria-labelledby="propose-change">
      <Heading level={2} id="propose-change">
        {t('covenant.propose')}
      </Heading>
      <form onSubmit={submit} noValidate>
        <Fieldset>
          <FieldsetLegend>{t('covenant.kind')}</FieldsetLegend>
          {KINDS.map((value) => (
            <FormFieldRadio
              key={value}
              id={`change-kind-${value}`}
              name="kind"
              value={value}
              label={t(`covenantChangeKind.${value}`)}
              checked={kind === value}
              onChange={() => setKind(value)}
            />
          ))}
        </Fieldset>
        <FormFieldTextInput
          id="change-summary"
          name="summary"
          label={t('covenant.summary')}
          required
          value={summary}
          onChange={(event) => setSummary(fieldValue(event))}
        />
        <FormFieldTextarea
          id="change-text"
          name="text"
          label={t('covenant.text')}
          required
          value={text}
          onChange={(event) => setText(fieldValue(event))}
        />
        <FormFieldTextInput
          id="change-effective-date"
          name="effectiveDate"
          type="date"
          label={t('covenant.effectiveDate')}
          required
          value={effectiveDate}
          onChange={(event) => setEffectiveDate(fieldValue(event))}
        />
        <FormFieldTextarea
          id="change-register"
          name="registerChanges"
          label={t('covenant.registerChanges')}
          description={t('covenant.registerChangesHelp')}
          value={registerChanges}
          onChange={(event) => setRegisterChanges(fieldValue(event))}
        />
        <PolicyChangesFields value={policyChanges} onChange={setPolicyChanges} />
        {jsonError ? (
          <Alert type="error" role="alert">
            <Paragraph>{t('covenant.registerChangesInvalid', { reason: jsonError })}</Paragraph>
          </Alert>
        ) : null}
        <ProblemAlert error={propose.error} />
        {propose.isSuccess ? <Paragraph role="status">{t('covenant.proposed')}</Paragraph> : null}
        <Button type="submit" appearance="primary-action-button" disabled={propose.isPending}>
          {t('covenant.proposeSubmit')}
        </Button>
      </form>
    </section>
  );
}
