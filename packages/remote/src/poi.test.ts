import { BimmerValidationError } from '@bimmer/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POI_NAME, poiPayload } from './poi';

const VIN = 'WBA00000000TEST01';

describe('poiPayload', () => {
  it('keeps any valid position as numbers under lat/lng, in the place and its entrance', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        (lat, lon) => {
          const place = poiPayload(VIN, { lat, lon }).places[0];
          expect(place?.position).toEqual({ lat, lng: lon });
          expect(place?.entrances[0]?.position).toEqual({ lat, lng: lon });
        },
      ),
    );
  });

  it('never writes the string "None" for absent fields', () => {
    fc.assert(
      fc.property(
        fc.record({
          street: fc.option(fc.string(), { nil: undefined }),
          city: fc.option(fc.string(), { nil: undefined }),
        }),
        (address) => {
          expect(JSON.stringify(poiPayload(VIN, { lat: 1, lon: 2, ...address }))).not.toContain('"None"');
        },
      ),
    );
  });

  it('formats the address line from street, postal code and city', () => {
    const place = poiPayload(VIN, {
      lat: 37.4,
      lon: -121.9,
      name: 'Stadium',
      street: '1 Test Way',
      postalCode: 'CA 95000',
      city: 'Testville',
      country: 'United States',
    }).places[0];
    expect(place?.formattedAddress).toBe('1 Test Way, CA 95000, Testville');
    expect(place?.title).toBe('Stadium');
    expect(place?.address).toMatchObject({
      street: '1 Test Way',
      postalCode: 'CA 95000',
      city: 'Testville',
      houseNumber: null,
    });
  });

  it('uses the defaults for a bare position, and keeps an explicit address line', () => {
    const bare = poiPayload(VIN, { lat: 1, lon: 2 }).places[0];
    expect(bare?.title).toBe(DEFAULT_POI_NAME);
    expect(bare?.formattedAddress).toBe('Coordinates only');
    expect(
      poiPayload(VIN, { lat: 1, lon: 2, formattedAddress: 'Somewhere' }).places[0]?.formattedAddress,
    ).toBe('Somewhere');
  });

  it('rejects missing, non-numeric and out-of-range coordinates', () => {
    expect(() => poiPayload(VIN, { lat: 1 } as never)).toThrow(BimmerValidationError);
    expect(() => poiPayload(VIN, { lat: '1', lon: 2 } as never)).toThrow(BimmerValidationError);
    expect(() => poiPayload(VIN, { lat: 91, lon: 2 })).toThrow(BimmerValidationError);
    expect(() => poiPayload(VIN, { lat: 1, lon: 181 })).toThrow(BimmerValidationError);
  });
});
