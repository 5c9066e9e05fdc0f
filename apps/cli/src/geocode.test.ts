import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliUsageError } from './errors/cli-usage-error';
import { geocodeAddress, geocoderSearchUrl, parseNominatimPlace } from './geocode';

describe('parseNominatimPlace', () => {
  it('turns string coordinates into numbers and joins road and house number', () => {
    expect(
      parseNominatimPlace({
        lat: '48.1771450',
        lon: '11.5562170',
        display_name: 'BMW Welt, Am Olympiapark 1, München',
        address: {
          road: 'Am Olympiapark',
          house_number: '1',
          city: 'München',
          postcode: '80809',
          country: 'Deutschland',
        },
      }),
    ).toEqual({
      latitude: 48.177145,
      longitude: 11.556217,
      formattedAddress: 'BMW Welt, Am Olympiapark 1, München',
      street: 'Am Olympiapark 1',
      city: 'München',
      postalCode: '80809',
      country: 'Deutschland',
    });
  });

  it('falls back from city to town and village', () => {
    expect(parseNominatimPlace({ lat: '1', lon: '2', address: { town: 'Dingolfing' } })?.city).toBe(
      'Dingolfing',
    );
    expect(parseNominatimPlace({ lat: '1', lon: '2', address: { village: 'Au' } })?.city).toBe('Au');
  });

  it('keeps every valid coordinate as the same number', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        (lat, lon) => {
          const place = parseNominatimPlace({ lat: String(lat), lon: String(lon) });
          expect(place?.latitude).toBe(lat === 0 ? 0 : lat);
          expect(place?.longitude).toBe(lon === 0 ? 0 : lon);
        },
      ),
    );
  });

  it('never throws and rejects anything without valid coordinates', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const place = parseNominatimPlace(value);
        if (place !== undefined) {
          expect(Number.isFinite(place.latitude) && Math.abs(place.latitude) <= 90).toBe(true);
          expect(Number.isFinite(place.longitude) && Math.abs(place.longitude) <= 180).toBe(true);
        }
      }),
    );
    expect(parseNominatimPlace({ lat: '95', lon: '0' })).toBeUndefined();
    expect(parseNominatimPlace({ lat: 'north', lon: '0' })).toBeUndefined();
  });
});

describe('geocodeAddress', () => {
  it('asks with q, format, addressdetails and limit, and maps errors to typed ones', async () => {
    let asked: URL | undefined;
    const fetchStub = (async (url: URL) => {
      asked = url;
      return new Response(JSON.stringify([{ lat: '1.5', lon: '2.5' }]), { status: 200 });
    }) as unknown as typeof fetch;
    const place = await geocodeAddress('Petuelring 130', { url: 'http://geo.test/search', fetch: fetchStub });
    expect(place.latitude).toBe(1.5);
    expect(Object.fromEntries(asked?.searchParams ?? [])).toEqual({
      q: 'Petuelring 130',
      format: 'json',
      addressdetails: '1',
      limit: '1',
    });

    const empty = (async () => new Response('[]', { status: 200 })) as unknown as typeof fetch;
    await expect(
      geocodeAddress('nowhere', { url: 'http://geo.test/search', fetch: empty }),
    ).rejects.toMatchObject({
      code: 'not-found',
    });
    const failing = (async () => new Response('no', { status: 503 })) as unknown as typeof fetch;
    await expect(
      geocodeAddress('x', { url: 'http://geo.test/search', fetch: failing }),
    ).rejects.toMatchObject({
      code: 'api',
      status: 503,
    });
  });
});

describe('geocoderSearchUrl', () => {
  it('asks --geocoder-url, then BIMMER_GEOCODER_URL, then the --base-url server, then OpenStreetMap', () => {
    const env = { BIMMER_GEOCODER_URL: 'https://geo.example/nominatim' };
    expect(geocoderSearchUrl('http://127.0.0.1:9', 'http://own.example', env).href).toBe(
      'http://own.example/search',
    );
    expect(geocoderSearchUrl('http://127.0.0.1:9', undefined, env).href).toBe(
      'https://geo.example/nominatim/search',
    );
    expect(geocoderSearchUrl('http://127.0.0.1:9', undefined, {}).href).toBe('http://127.0.0.1:9/search');
    expect(geocoderSearchUrl(undefined, undefined, {}).href).toBe(
      'https://nominatim.openstreetmap.org/search',
    );
  });

  it('takes a base URL or the search URL itself, with or without a trailing slash', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', '/', '/search', '/search/', '/geo', '/geo/search'),
        fc.constantFrom('http', 'https'),
        (path, scheme) => {
          const url = geocoderSearchUrl(undefined, `${scheme}://geo.example${path}`, {});
          expect(url.pathname.endsWith('/search')).toBe(true);
          expect(url.pathname).not.toContain('/search/search');
          expect(url.pathname).not.toContain('//');
        },
      ),
    );
  });

  it('rejects a URL that is not http(s) as a usage error', () => {
    expect(() => geocoderSearchUrl(undefined, 'localhost:8080', {})).toThrow(CliUsageError);
    expect(() => geocoderSearchUrl(undefined, undefined, { BIMMER_GEOCODER_URL: 'ftp://x' })).toThrow(
      /BIMMER_GEOCODER_URL must be/,
    );
  });
});
