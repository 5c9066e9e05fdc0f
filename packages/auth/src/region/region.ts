import { BimmerValidationError } from '@bimmer/core';

/** The three MyBMW server regions, named as bimmer_connected's `valid_regions()` lists them. */
export type MyBMWRegion = 'rest_of_world' | 'north_america' | 'china';

/** The short region code BMW uses in the `x-user-agent` header (bimmer_connected's enum values). */
export type MyBMWRegionCode = 'row' | 'na' | 'cn';

/** Every region, in the order bimmer_connected lists them. */
export const MYBMW_REGIONS: readonly MyBMWRegion[] = ['north_america', 'china', 'rest_of_world'];

const REGION_BY_ALIAS: Readonly<Record<string, MyBMWRegion>> = {
  rest_of_world: 'rest_of_world',
  row: 'rest_of_world',
  north_america: 'north_america',
  na: 'north_america',
  china: 'china',
  cn: 'china',
};

/**
 * Turns a region as users type it into a {@link MyBMWRegion}: the reference names (`rest_of_world`,
 * `north_america`, `china`, any case, `-` or space instead of `_`), the short codes (`row`, `na`, `cn`)
 * and the enum member names (`REST_OF_WORLD`, …).
 *
 * @throws BimmerValidationError for anything else, listing the valid names.
 */
export function normalizeRegion(input: string): MyBMWRegion {
  const key = input
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const region = REGION_BY_ALIAS[key];
  if (region === undefined) {
    throw new BimmerValidationError(
      `Unknown region ${input}. Valid regions are: ${MYBMW_REGIONS.join(',')}`,
      {
        paths: ['region'],
        hint: 'Use rest_of_world (row), north_america (na) or china (cn).',
      },
    );
  }
  return region;
}

/** True when `input` names a region {@link normalizeRegion} accepts. */
export function isMyBMWRegion(input: unknown): input is MyBMWRegion {
  return typeof input === 'string' && (MYBMW_REGIONS as readonly string[]).includes(input);
}
