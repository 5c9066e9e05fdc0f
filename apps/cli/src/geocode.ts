import { BimmerApiError, BimmerNotFoundError } from '@bimmer/core';
import { asArray, asNumber, asRecord, asString, at } from './render/json-read';
import { CLI_VERSION } from './version';

/** OpenStreetMap's public Nominatim search endpoint. */
export const DEFAULT_GEOCODER_URL = 'https://nominatim.openstreetmap.org/search';

/** A geocoded address, ready to become a point of interest. Coordinates are numbers. */
export interface GeocodedPlace {
  readonly latitude: number;
  readonly longitude: number;
  /** The geocoder's full address text. */
  readonly formattedAddress: string | undefined;
  readonly street: string | undefined;
  readonly city: string | undefined;
  readonly postalCode: string | undefined;
  readonly country: string | undefined;
}

/**
 * Looks an address up with a Nominatim-compatible `/search` endpoint (`q`, `format=json`,
 * `addressdetails=1`, `limit=1`) and returns the first match.
 *
 * @throws BimmerNotFoundError when nothing matches; BimmerApiError when the geocoder fails.
 */
export async function geocodeAddress(
  address: string,
  options: { url?: string; fetch?: typeof fetch } = {},
): Promise<GeocodedPlace> {
  const url = new URL(options.url ?? DEFAULT_GEOCODER_URL);
  url.searchParams.set('q', address);
  url.searchParams.set('format', 'json');
  url.searchParams.set('addressdetails', '1');
  url.searchParams.set('limit', '1');
  const fetchImpl = options.fetch ?? fetch;
  let response: Response;
  try {
    // Nominatim's usage policy asks every client to identify itself.
    response = await fetchImpl(url, {
      headers: { accept: 'application/json', 'user-agent': `bimmer-cli/${CLI_VERSION}` },
    });
  } catch (error) {
    throw new BimmerApiError(`The geocoder at ${url.origin} could not be reached.`, {
      cause: error,
      hint: 'Check the network, or point --geocoder-url at another Nominatim-compatible service.',
    });
  }
  if (!response.ok) {
    throw new BimmerApiError(`The geocoder answered HTTP ${response.status}.`, {
      status: response.status,
      endpoint: url.pathname,
    });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    throw new BimmerApiError('The geocoder did not answer with JSON.', {
      cause: error,
      endpoint: url.pathname,
    });
  }
  const place = parseNominatimPlace(asArray(body)[0]);
  if (place === undefined) {
    throw new BimmerNotFoundError(`Address not found: ${address}`, {
      hint: 'Check the spelling, or add the city and country.',
    });
  }
  return place;
}

/**
 * One Nominatim search result as a {@link GeocodedPlace}. Nominatim sends coordinates as strings; they
 * become numbers here. The city falls back to town, village and municipality (bimmer_connected took
 * the town only when there was no city, and dropped the city otherwise).
 */
export function parseNominatimPlace(result: unknown): GeocodedPlace | undefined {
  if (asRecord(result) === undefined) return undefined;
  const latitude = coordinate(at(result, 'lat'));
  const longitude = coordinate(at(result, 'lon'));
  if (latitude === undefined || longitude === undefined) return undefined;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  const address = at(result, 'address');
  const road = asString(at(address, 'road'));
  const houseNumber = asString(at(address, 'house_number'));
  const city =
    asString(at(address, 'city')) ??
    asString(at(address, 'town')) ??
    asString(at(address, 'village')) ??
    asString(at(address, 'municipality'));
  return {
    latitude,
    longitude,
    formattedAddress: asString(at(result, 'display_name')),
    street: road === undefined ? undefined : houseNumber === undefined ? road : `${road} ${houseNumber}`,
    city,
    postalCode: asString(at(address, 'postcode')),
    country: asString(at(address, 'country')),
  };
}

function coordinate(value: unknown): number | undefined {
  if (typeof value === 'string' && value.trim() !== '') return asNumber(Number(value));
  return asNumber(value);
}
