import { BimmerApiError, BimmerNotFoundError } from '@bimmer/core';
import { isJsonObject } from '@bimmer/core/internal';
import type { CliIo } from './io';
import { checkUrl } from './util/check-url';
import { nonEmpty } from './util/non-empty';
import { CLI_VERSION } from './version';

/** OpenStreetMap's public Nominatim server. */
export const DEFAULT_GEOCODER_URL = 'https://nominatim.openstreetmap.org';

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
 * The `/search` URL of the geocoder to ask: `--geocoder-url` or `BIMMER_GEOCODER_URL` when given,
 * else the `--base-url` server (the simulator serves `/search`, so a test or demo never leaves the
 * machine), else OpenStreetMap's. Each is a base URL; `/search` is added unless it is already there.
 *
 * @throws CliUsageError when the URL is not http(s).
 */
export function geocoderSearchUrl(
  baseUrl: string | undefined,
  geocoderUrl: string | undefined,
  env: CliIo['env'],
): URL {
  const given = geocoderUrl ?? nonEmpty(env.BIMMER_GEOCODER_URL);
  const name =
    geocoderUrl !== undefined ? '--geocoder-url' : given !== undefined ? 'BIMMER_GEOCODER_URL' : '--base-url';
  const url = checkUrl(name, given ?? baseUrl ?? DEFAULT_GEOCODER_URL, ['http:', 'https:']);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/search') ? path : `${path}/search`;
  url.search = '';
  return url;
}

/**
 * Looks an address up with a Nominatim-compatible `/search` endpoint (`q`, `format=json`,
 * `addressdetails=1`, `limit=1`) and returns the first match.
 *
 * @throws BimmerNotFoundError when nothing matches; BimmerApiError when the geocoder fails.
 */
export async function geocodeAddress(
  address: string,
  options: { url?: URL | string; fetch?: typeof fetch } = {},
): Promise<GeocodedPlace> {
  const url = new URL(options.url ?? `${DEFAULT_GEOCODER_URL}/search`);
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
      action: 'check-network',
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
  const place = Array.isArray(body) ? parseNominatimPlace(body[0]) : undefined;
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
  if (!isJsonObject(result)) return undefined;
  const latitude = coordinate(result.lat);
  const longitude = coordinate(result.lon);
  if (latitude === undefined || longitude === undefined) return undefined;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  const address = isJsonObject(result.address) ? result.address : {};
  const road = text(address.road);
  const houseNumber = text(address.house_number);
  return {
    latitude,
    longitude,
    formattedAddress: text(result.display_name),
    street: road === undefined ? undefined : houseNumber === undefined ? road : `${road} ${houseNumber}`,
    city: text(address.city) ?? text(address.town) ?? text(address.village) ?? text(address.municipality),
    postalCode: text(address.postcode),
    country: text(address.country),
  };
}

function coordinate(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
