/**
 * class-validator decorators over the one definition of safe free text in @plass/contracts
 * (docs/decisions/0110), for the DTOs until they become zod schemas: a name with a NUL, a control
 * character, a lone surrogate or a national identity number is a 400, never a database error.
 */
import { freeTextProblem, plainTextProblem, type FreeTextRules } from '@plass/contracts';
import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** Free text (a name, a label): not blank, at most `maxLength`, no control characters, no identity number. */
export function IsFreeText(rules: FreeTextRules, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isFreeText',
      constraints: [rules.maxLength],
      validator: {
        validate: (value: unknown) => freeTextProblem(value, rules) === undefined,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} ${freeTextProblem(args?.value, rules) ?? 'is not valid'}`,
      },
    },
    options,
  );
}

/** Machine text (an id, a code) of at most `maxLength`: no control characters or lone surrogates. */
export function IsPlainText(maxLength: number, options?: ValidationOptions): PropertyDecorator {
  const problemOf = (value: unknown): string | undefined => {
    if (typeof value !== 'string') return 'must be text';
    if (value.length === 0) return 'must not be empty';
    if (value.length > maxLength) return `must be at most ${maxLength} characters`;
    return plainTextProblem(value);
  };
  return ValidateBy(
    {
      name: 'isPlainText',
      constraints: [maxLength],
      validator: {
        validate: (value: unknown) => problemOf(value) === undefined,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} ${problemOf(args?.value) ?? 'is not valid'}`,
      },
    },
    options,
  );
}
