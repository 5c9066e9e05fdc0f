import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTelematicValue } from './telematic-value';

describe('parseTelematicValue', () => {
  it('turns REST number strings back into the numbers the stream sends', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), (value) => {
        const text = String(value);
        fc.pre(!text.includes('e'));
        expect(parseTelematicValue('vehicle.vehicle.travelledDistance', text)).toBe(value === 0 ? 0 : value);
        expect(parseTelematicValue('vehicle.vehicle.travelledDistance', value)).toBe(value);
      }),
    );
  });

  it('reads booleans in every spelling BMW uses, and unknown markers as no value', () => {
    const key = 'vehicle.isMoving';
    expect(parseTelematicValue(key, 'ASN_isTrue')).toBe(true);
    expect(parseTelematicValue(key, 'ASN_isFalse')).toBe(false);
    expect(parseTelematicValue(key, 'ASN_isUnknown')).toBeUndefined();
    expect(parseTelematicValue(key, 'true')).toBe(true);
    expect(parseTelematicValue(key, true)).toBe(true);
    expect(parseTelematicValue('vehicle.body.hood.isOpen', 'OPEN')).toBe(true);
    expect(parseTelematicValue('vehicle.body.hood.isOpen', 'CLOSED')).toBe(false);
    expect(parseTelematicValue('vehicle.body.hood.isOpen', 'INVALID')).toBeUndefined();
    expect(parseTelematicValue('vehicle.body.chargingPort.status', '-NA-')).toBeUndefined();
    expect(parseTelematicValue('vehicle.status.serviceDistance.next', 'null')).toBeUndefined();
    expect(parseTelematicValue('vehicle.status.serviceDistance.next', null)).toBeUndefined();
  });

  it('parses JSON encoded inside a string for structured descriptors', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.integer(), title: fc.string() })), (items) => {
        expect(parseTelematicValue('vehicle.status.conditionBasedServices', JSON.stringify(items))).toEqual(
          items,
        );
      }),
    );
  });

  it('keeps unknown descriptors cautious: numbers with leading zeros stay text', () => {
    expect(parseTelematicValue('vehicle.unknown.key', '0478')).toBe('0478');
    expect(parseTelematicValue('vehicle.unknown.key', '42')).toBe(42);
    expect(parseTelematicValue('vehicle.unknown.key', 'PRICE_OPTIMIZED')).toBe('PRICE_OPTIMIZED');
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.string(), fc.jsonValue(), (key, raw) => {
        parseTelematicValue(key, raw);
        parseTelematicValue('vehicle.vehicle.travelledDistance', raw);
        parseTelematicValue('vehicle.status.conditionBasedServices', raw);
      }),
    );
  });
});
