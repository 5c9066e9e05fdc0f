import { BimmerValidationError } from '../errors/errors';

/** A VIN as BMW writes it: 17 capital letters and digits. */
export const VIN_PATTERN = /^[A-Z0-9]{17}$/;

/**
 * Checks a VIN given by a caller before anything is sent, and says what a VIN looks like when it is
 * not one (a `BimmerValidationError` at path `vin`). MyBMW accepts small letters too (`anyCase`).
 */
export function checkVin(vin: unknown, options: { readonly anyCase?: boolean } = {}): asserts vin is string {
  const candidate = typeof vin === 'string' && options.anyCase === true ? vin.toUpperCase() : vin;
  if (typeof candidate !== 'string' || !VIN_PATTERN.test(candidate)) {
    throw new BimmerValidationError(
      options.anyCase === true
        ? 'A VIN has 17 letters and digits.'
        : 'A VIN has 17 capital letters and digits.',
      { paths: ['vin'], action: 'check-input' },
    );
  }
}
