import { compact } from '@bimmer/core/internal';
import * as v from 'valibot';
import { VehicleMappingSchema } from '../rest/schemas';
import type { CarDataAccountState } from '../store/state-store';

/** One vehicle of the account's cached mapping list, with whether CarData serves its data. */
export interface CachedVehicleMapping {
  vin: string;
  /** `PRIMARY`, `SECONDARY`, or whatever BMW sent (`UNKNOWN` when it sent nothing). */
  mappingType: string;
  /** Since when the vehicle is mapped to the account, when BMW said. */
  mappedSince?: string;
  /** True for PRIMARY vehicles: BMW serves CarData only to the PRIMARY user. */
  readable: boolean;
  /** Why an unreadable vehicle gets no data, in words for people; absent for readable ones. */
  reason?: string;
}

/** The mapping list as cached beside the tokens, and when it was read from BMW. */
export interface CachedMappings {
  /** Epoch ms of the `GET /customers/vehicles/mappings` call the list comes from. */
  fetchedAt: number;
  mappings: CachedVehicleMapping[];
}

/** Why BMW serves no data for a vehicle of this mapping type (undefined for PRIMARY). */
export function unreadableReason(mappingType: string): string | undefined {
  if (mappingType === 'PRIMARY') return undefined;
  return `it is mapped as ${mappingType}; BMW serves CarData only to the PRIMARY user`;
}

/** One mapping as we know it, from an entry of the cached (untyped) list; undefined without a VIN. */
export function toCachedMapping(entry: unknown): CachedVehicleMapping | undefined {
  const parsed = v.safeParse(VehicleMappingSchema, entry);
  if (!parsed.success) return undefined;
  const { vin, mappingType, mappedSince } = parsed.output;
  const reason = unreadableReason(mappingType);
  return compact({ vin, mappingType, mappedSince, readable: reason === undefined, reason });
}

/**
 * The vehicle mappings cached in an account's state (see `CarDataAccount.cachedMappings`), read
 * without a REST call; undefined when the list was never read. Entries without a VIN are dropped.
 */
export function cachedMappingsOf(state: CarDataAccountState | undefined): CachedMappings | undefined {
  const cached = state?.mappings;
  if (cached === undefined || !Array.isArray(cached.value)) return undefined;
  const mappings = cached.value
    .map(toCachedMapping)
    .filter((mapping): mapping is CachedVehicleMapping => mapping !== undefined);
  return { fetchedAt: cached.fetchedAt, mappings };
}
