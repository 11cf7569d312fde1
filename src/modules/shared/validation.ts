import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

/**
 * A finite number with at most `places` decimals. class-validator's `IsNumber({ maxDecimalPlaces })`
 * reads the decimals from `String(value)` and throws a TypeError on exponent notation (`5e-324`,
 * `1e-7`), which turned such a value into an internal error.
 */
export function MaxDecimalPlaces(places: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxDecimalPlaces',
      constraints: [places],
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(places)) === value,
        defaultMessage: buildMessage((each) => `${each}$property must be a number with at most ${places} decimal places`, options),
      },
    },
    options,
  );
}
