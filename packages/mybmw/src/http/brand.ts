import type { MyBMWBrand } from '@bimmer/auth';

export type { MyBMWBrand };

/** Every brand, in the order the reference asks for their vehicle lists. */
export const MY_BMW_BRANDS: readonly MyBMWBrand[] = ['bmw', 'mini', 'toyota'];

/**
 * The brand of a profile's `brand` field, leniently: `BMW`, `BMW_I`, `mini` and `TOYOTA` resolve;
 * anything else (`DRITTKUNDE`, what the API says for a Supra) is the brand whose list it came from.
 */
export function brandOfProfile(value: unknown, listedUnder: MyBMWBrand): MyBMWBrand {
  if (typeof value !== 'string') return listedUnder;
  const head = value.split('_')[0]?.toLowerCase();
  return head === 'bmw' || head === 'mini' || head === 'toyota' ? head : listedUnder;
}
