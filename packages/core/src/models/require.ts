import { BimmerValidationError } from '../errors/errors';
import { type CarBrand, parseCarBrand, parseRegion, REGIONS, type Region } from './enums';

/**
 * {@link parseRegion}, throwing for input that names no region: the one place that decides what a
 * region is, for the SDK's options and every adapter's settings.
 *
 * @throws BimmerValidationError listing the valid names.
 */
export function requireRegion(input: unknown): Region {
  const region = parseRegion(input);
  if (region !== undefined) return region;
  throw new BimmerValidationError(
    `Unknown region ${String(input)}. Valid regions are: ${REGIONS.join(',')}`,
    {
      paths: ['region'],
      hint: 'Use rest_of_world (row), north_america (na) or china (cn).',
    },
  );
}

/**
 * {@link parseCarBrand}, throwing for input that names no brand (`DRITTKUNDE`, the Toyota Supra's
 * brand in MyBMW responses, is toyota everywhere).
 *
 * @throws BimmerValidationError listing the valid brands.
 */
export function requireCarBrand(input: unknown): CarBrand {
  const brand = parseCarBrand(input);
  if (brand !== undefined) return brand;
  throw new BimmerValidationError(
    `'${String(input)}' is not a valid brand. Valid brands are: bmw,mini,toyota`,
    {
      paths: ['brand'],
    },
  );
}
