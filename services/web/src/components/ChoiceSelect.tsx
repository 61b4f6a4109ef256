/**
 * A Punkt select whose first option asks the user to choose («Velg bydel»): nothing is chosen for them, so
 * an easy wrong answer is never the default (issue 15). Options are `{ value, label }`; `choicesOf` makes
 * them from a list of codes and their Norwegian labels.
 */
import { PktSelect } from '@oslokommune/punkt-react';
import type { ComponentProps } from 'react';

export interface Choice {
  value: string;
  label: string;
}

export function choicesOf<T extends string>(values: readonly T[], labels: Record<T, string>): Choice[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

type ChoiceSelectProps = Omit<ComponentProps<typeof PktSelect>, 'children'> & {
  /** The empty first option, e.g. «Velg bydel». */
  placeholder: string;
  options: readonly Choice[];
};

export function ChoiceSelect({ placeholder, options, ...select }: ChoiceSelectProps) {
  return (
    <PktSelect {...select}>
      <option value="">{placeholder}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </PktSelect>
  );
}
