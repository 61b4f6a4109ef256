/** Validation rules shared by the DTOs, each with one message a person understands. */
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A whole number within [min, max]: one message for missing, fractional, text or out-of-range values. */
export function IsWholeNumberBetween(
  min: number,
  max: number,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWholeNumberBetween',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a whole number from ${min} to ${max}`,
      },
    },
    options,
  );
}
