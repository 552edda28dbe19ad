/**
 * The policy choices a covenant change may set (the register's `policy`): each unchanged, on or
 * off. Only a choice the reader changes goes into the request.
 */
import { Fieldset, FieldsetLegend, FormFieldRadio } from '@rijkshuisstijl-community/components-react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api';

export type PolicyChanges = NonNullable<Schemas['ProposeCovenantChange']['policyChanges']>;
const POLICIES = ['abstentionsCountAsCast', 'extendDeadlinesOverNonWorkingDays'] as const;
const CHOICES = ['unchanged', 'on', 'off'] as const;

export function PolicyChangesFields({
  value,
  onChange,
}: {
  value: PolicyChanges;
  onChange: (next: PolicyChanges) => void;
}) {
  const { t } = useTranslation();
  const choose = (policy: (typeof POLICIES)[number], choice: (typeof CHOICES)[number]) => {
    const { [policy]: _dropped, ...rest } = value;
    onChange(choice === 'unchanged' ? rest : { ...rest, [policy]: choice === 'on' });
  };
  const current = (policy: (typeof POLICIES)[number]) =>
    value[policy] === undefined ? 'unchanged' : value[policy] ? 'on' : 'off';
  return (
    <>
      {POLICIES.map((policy) => (
        <Fieldset key={policy}>
          <FieldsetLegend>{t(`covenantPolicy.${policy}`)}</FieldsetLegend>
          {CHOICES.map((choice) => (
            <FormFieldRadio
              key={choice}
              id={`change-policy-${policy}-${choice}`}
              name={`policy-${policy}`}
              value={choice}
              label={t(`covenantPolicy.${choice}`)}
              checked={current(policy) === choice}
              onChange={() => choose(policy, choice)}
            />
          ))}
        </Fieldset>
      ))}
    </>
  );
}
