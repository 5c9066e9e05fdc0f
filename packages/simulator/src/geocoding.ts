/**
 * A tiny OpenStreetMap Nominatim `/search` for a handful of known places, so that "send POI from
 * address" flows run without the internet. Results have Nominatim's JSON shape (lat/lon as
 * strings, `address` only with `addressdetails=1`); an unknown address gives `[]` like Nominatim.
 */
import { sendJson } from './http';
import type { RouteRequest, Router } from './router';

interface Place {
  id: number;
  name: string;
  lat: string;
  lon: string;
  category: string;
  type: string;
  address: Record<string, string>;
  /** Extra words the place is found by. */
  aliases: string[];
}

/** The places the simulator's geocoder knows. */
export const KNOWN_PLACES: readonly Place[] = [
  {
    id: 240109189,
    name: 'BMW Welt',
    lat: '48.1771450',
    lon: '11.5562170',
    category: 'tourism',
    type: 'attraction',
    address: {
      tourism: 'BMW Welt',
      house_number: '1',
      road: 'Am Olympiapark',
      suburb: 'Am Riesenfeld',
      city: 'München',
      state: 'Bayern',
      postcode: '80809',
      country: 'Deutschland',
      country_code: 'de',
    },
    aliases: ['munich', 'muenchen', 'bmw welt'],
  },
  {
    id: 305420177,
    name: 'BMW Group Werk Dingolfing',
    lat: '48.6369020',
    lon: '12.5037690',
    category: 'landuse',
    type: 'industrial',
    address: {
      industrial: 'BMW Group Werk Dingolfing',
      road: 'Landshuter Straße',
      house_number: '56',
      town: 'Dingolfing',
      county: 'Landkreis Dingolfing-Landau',
      state: 'Bayern',
      postcode: '84130',
      country: 'Deutschland',
      country_code: 'de',
    },
    aliases: ['plant', 'werk'],
  },
  {
    id: 118845532,
    name: "Levi's Stadium",
    lat: '37.4032800',
    lon: '-121.9698300',
    category: 'leisure',
    type: 'stadium',
    address: {
      leisure: "Levi's Stadium",
      house_number: '4900',
      road: 'Marie P DeBartolo Way',
      city: 'Santa Clara',
      county: 'Santa Clara County',
      state: 'California',
      postcode: '95054',
      country: 'United States',
      country_code: 'us',
    },
    aliases: ['levis', '49ers', 'ca'],
  },
  {
    id: 98127734,
    name: 'BMW Zentrum',
    lat: '34.9046000',
    lon: '-82.1872000',
    category: 'tourism',
    type: 'museum',
    address: {
      tourism: 'BMW Zentrum',
      house_number: '1400',
      road: 'Highway 101 South',
      city: 'Greer',
      county: 'Spartanburg County',
      state: 'South Carolina',
      postcode: '29651',
      country: 'United States',
      country_code: 'us',
    },
    aliases: ['spartanburg', 'sc'],
  },
];

function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

function displayName(place: Place): string {
  const { address } = place;
  return [
    place.name,
    address.house_number,
    address.road,
    address.suburb,
    address.city ?? address.town,
    address.county,
    address.state,
    address.postcode,
    address.country,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
}

/** The places whose name, address or aliases contain every word of the query. */
export function searchPlaces(query: string): Place[] {
  const wanted = words(query);
  if (wanted.length === 0) return [];
  return KNOWN_PLACES.filter((place) => {
    const known = new Set(words([displayName(place), ...place.aliases].join(' ')));
    return wanted.every((word) => known.has(word));
  });
}

/** A place as Nominatim's `format=json` renders it. */
export function nominatimResult(place: Place, withAddress: boolean): Record<string, unknown> {
  const lat = Number(place.lat);
  const lon = Number(place.lon);
  return {
    place_id: place.id,
    licence: 'Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright',
    osm_type: 'way',
    osm_id: place.id * 3,
    lat: place.lat,
    lon: place.lon,
    class: place.category,
    type: place.type,
    place_rank: 30,
    importance: 0.4,
    addresstype: place.type,
    name: place.name,
    display_name: displayName(place),
    ...(withAddress ? { address: place.address } : {}),
    boundingbox: [
      (lat - 0.001).toFixed(7),
      (lat + 0.001).toFixed(7),
      (lon - 0.001).toFixed(7),
      (lon + 0.001).toFixed(7),
    ],
  };
}

function search(route: RouteRequest): void {
  const query = route.url.searchParams;
  const format = query.get('format') ?? 'json';
  if (format !== 'json' && format !== 'jsonv2') {
    sendJson(route.response, 400, {
      error: { code: 400, message: 'The simulator only serves format=json.' },
    });
    return;
  }
  const limit = Math.min(Math.max(Number(query.get('limit') ?? 10) || 10, 1), 40);
  const withAddress = query.get('addressdetails') === '1';
  const results = searchPlaces(query.get('q') ?? '')
    .slice(0, limit)
    .map((place) => nominatimResult(place, withAddress));
  sendJson(route.response, 200, results);
}

/** Adds `GET /search` (Nominatim). */
export function addGeocodingRoutes(router: Router): void {
  router.add('GET', '/search', search);
}
