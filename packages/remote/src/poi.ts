import { BimmerValidationError } from '@bimmer/core';
import { gpsPosition } from '@bimmer/mybmw';

/** The title a POI gets when it has no name (the reference's, with our name). */
export const DEFAULT_POI_NAME = 'Sent with ♥ by bimmer';

/** A point of interest to send to the vehicle's navigation. */
export interface PointOfInterest {
  /** Latitude in degrees (required). */
  readonly lat: number;
  /** Longitude in degrees (required). */
  readonly lon: number;
  /** The title shown in the car. Default {@link DEFAULT_POI_NAME}. */
  readonly name?: string | undefined;
  /** Street and house number. */
  readonly street?: string | undefined;
  /** Postal code. */
  readonly postalCode?: string | undefined;
  /** City. */
  readonly city?: string | undefined;
  /** Country. */
  readonly country?: string | undefined;
  /** The address line shown; default: street, postal code and city joined, or "Coordinates only". */
  readonly formattedAddress?: string | undefined;
}

interface LatLng {
  lat: number;
  lng: number;
}

/** The send-to-car body: one place plus the VIN. */
export interface PoiPayload {
  /** The one place, in the app's format. */
  readonly places: ReadonlyArray<{
    position: LatLng;
    title: string;
    formattedAddress: string;
    placeType: 'ADDRESS';
    providerPoiId: '';
    provider: null;
    providerId: null;
    sourceType: null;
    vehicleCategoryId: null;
    address: Record<string, string | null>;
    category: { losCategory: 'Address'; mguVehicleCategoryId: null; name: 'Address' };
    entrances: Array<{ name: null; position: LatLng }>;
  }>;
  /** The vehicle the place is for. */
  readonly vehicleInformation: { readonly vin: string };
}

const ADDRESS_EXTRAS = [
  'formatted',
  'banchi',
  'chome',
  'countryCode',
  'district',
  'go',
  'houseNumber',
  'region',
  'regionCode',
  'settlement',
  'subblock',
] as const;

/** A text field: trimmed, or null when absent or empty (never the string "None"). */
function text(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new BimmerValidationError(`POI '${field}' must be text.`, { paths: [field] });
  }
  const trimmed = String(value).trim();
  return trimmed.length === 0 ? null : trimmed;
}

/**
 * The send-to-car payload of `poi` (the reference's, without its bugs: absent address fields are null
 * rather than the string "None", and coordinates are validated numbers).
 *
 * @throws BimmerValidationError when lat/lon are missing, not numbers or out of range.
 */
export function poiPayload(vin: string, poi: PointOfInterest): PoiPayload {
  const { latitude, longitude } = gpsPosition(poi.lat, poi.lon);
  const position = { lat: latitude, lng: longitude };
  const street = text(poi.street, 'street');
  const postalCode = text(poi.postalCode, 'postalCode');
  const city = text(poi.city, 'city');
  const country = text(poi.country, 'country');
  const joined = [street, postalCode, city].filter((part) => part !== null).join(', ');
  const formattedAddress = text(poi.formattedAddress, 'formattedAddress') ?? (joined || 'Coordinates only');
  const address: Record<string, string | null> = { street, postalCode, city, country };
  for (const key of ADDRESS_EXTRAS) address[key] = null;
  return {
    places: [
      {
        position,
        title: text(poi.name, 'name') ?? DEFAULT_POI_NAME,
        formattedAddress,
        placeType: 'ADDRESS',
        providerPoiId: '',
        provider: null,
        providerId: null,
        sourceType: null,
        vehicleCategoryId: null,
        address,
        category: { losCategory: 'Address', mguVehicleCategoryId: null, name: 'Address' },
        entrances: [{ name: null, position }],
      },
    ],
    vehicleInformation: { vin },
  };
}
