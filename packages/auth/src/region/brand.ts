import { BimmerValidationError } from '@bimmer/core';

/** The brands of the MyBMW API, as sent in the second field of `x-user-agent`. */
export type MyBMWBrand = 'bmw' | 'mini' | 'toyota';

const BRANDS: readonly MyBMWBrand[] = ['bmw', 'mini', 'toyota'];

/**
 * Resolves a brand leniently, like bimmer_connected's `CarBrands`: the exact value, or else the part
 * before the first `_`, case-insensitively (`BMW`, `bmw_i`, `MINI`). `DRITTKUNDE` (the brand the API
 * reports for the Toyota Supra) is not a brand of its own and is rejected.
 *
 * @throws BimmerValidationError when nothing matches.
 */
export function normalizeBrand(input: string): MyBMWBrand {
  const first = input.split('_')[0] ?? '';
  const brand = BRANDS.find((candidate) => candidate === input || candidate === first.toLowerCase());
  if (brand === undefined) {
    throw new BimmerValidationError(
      `'${first}' is not a valid brand. Valid brands are: ${BRANDS.join(',')}`,
      {
        paths: ['brand'],
      },
    );
  }
  return brand;
}
